import { z } from 'zod';
import { UserError } from '../../errors.ts';
import { toXlsx } from '../../export/xlsx.ts';
import type { Context, Routes } from '../context.ts';
import { LangParam } from '../params.ts';
import { requireHeader } from './upload.ts';
import { noteExport } from '../access-log.ts';
import { readJson } from '../read-json.ts';

/** Largest request body and most rows over all sheets: a page's tables, not a ledger (use the CLI for that). */
export const MAX_XLSX_BYTES = 5 * 1024 * 1024;
export const MAX_XLSX_ROWS = 50_000;

const CELL_TYPES = ['number', 'integer', 'percent', 'date', 'month', 'string', 'boolean', 'auto'] as const;
// Excel's own limit on a cell's text.
const Cell = z.union([z.string().max(32_767), z.number(), z.boolean(), z.null()]);

const XlsxBody = z.object({
  /** The file name without extension; kept to characters that are safe in a header and a file system. */
  name: z.string().regex(/^[\p{L}\p{N}_.-]{1,100}$/u, 'must be a file name of letters, digits, _ . - (at most 100)'),
  lang: LangParam,
  sheets: z
    .array(
      z.object({
        name: z
          .string()
          .min(1, 'must not be empty')
          .max(100)
          // Excel reserves "History" and refuses a name that begins or ends with an apostrophe.
          .refine(
            (n) => n.toLowerCase() !== 'history' && !n.startsWith("'") && !n.endsWith("'"),
            'must not be "History" nor begin or end with an apostrophe (Excel refuses such sheet names)',
          ),
        columns: z
          .array(z.object({ key: z.string().min(1).max(100), header: z.string().max(200), type: z.enum(CELL_TYPES) }))
          .min(1)
          .max(100),
        rows: z.array(z.record(z.string(), Cell)),
      }),
    )
    .min(1, 'must hold at least one sheet')
    .max(20, 'must hold at most 20 sheets')
    .refine(
      (s) => s.reduce((n, sh) => n + sh.rows.length, 0) <= MAX_XLSX_ROWS,
      `must hold at most ${MAX_XLSX_ROWS} rows in all`,
    ),
});
export type XlsxBody = z.infer<typeof XlsxBody>;

/**
 * POST /api/xlsx: the page sends a table it shows (headers already in its language), the server answers the
 * workbook, written by the same code as the CLI's --xlsx, so numbers stay numbers and dates become dates.
 * Like every POST it needs the X-Ledger-Lens header, so another site cannot make a browser post here.
 */
export function xlsxRoutes(_ctx: Context): Routes {
  return {
    'POST /api/xlsx': async (req, res) => {
      requireHeader(req, 'downloads');
      const body = parseBody(
        await readJson(req, MAX_XLSX_BYTES, {
          what: 'the table',
          tooLargeHint: 'Export large tables with the CLI (ledger-lens rank|economics|report --xlsx F).',
          notJsonHint: 'Send the table as a JSON document with Content-Type: application/json.',
        }),
      );
      const workbook = await toXlsx(body.sheets);
      const file = `${body.name}.xlsx`;
      res.writeHead(200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Length': workbook.length,
        'Content-Language': body.lang,
        // An ASCII fallback for old clients, the real (possibly Chinese) name in filename* (RFC 6266).
        'Content-Disposition': `attachment; filename="${file.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file)}`,
      });
      noteExport(
        res,
        file,
        body.sheets.reduce((n, sh) => n + sh.rows.length, 0),
      );
      res.end(workbook);
    },
  };
}

function parseBody(raw: unknown): XlsxBody {
  const parsed = XlsxBody.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
  throw new UserError('bad_parameter', issues.join('; '), {
    hint: 'Send {name, lang, sheets: [{name, columns: [{key, header, type}], rows}]} as JSON.',
  });
}
