import { z } from 'zod';
import { markFlag, readMarks } from '../../audit/marks.ts';
import { MarkStatus } from '../../audit/schema.ts';
import { UserError } from '../../errors.ts';
import { auditFlags } from '../audit-flags.ts';
import type { Context, Routes } from '../context.ts';
import { Month, Quarter } from '../params.ts';
import { principalOf } from '../principal.ts';
import { privacyOf } from '../privacy.ts';
import { readJson } from '../read-json.ts';
import { sendAnswer } from '../respond.ts';
import { requireHeader } from './upload.ts';

const MAX_NOTE = 2000;

const MarkBody = z
  .object({
    quarter: Quarter.optional(),
    month: Month.optional(),
    flag_id: z.string().min(1).max(100, 'must be at most 100 characters'),
    status: z.enum(MarkStatus.options, { error: 'must be reviewed, false_positive, escalated or open' }),
    note: z.string().max(MAX_NOTE, `must be at most ${MAX_NOTE} characters`).default(''),
  })
  .strict()
  .refine((q) => !(q.quarter && q.month), { message: 'give quarter or month, not both', path: ['month'] });

function parseBody(raw: unknown) {
  const parsed = MarkBody.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
  throw new UserError('bad_parameter', issues.join('; '), {
    hint: 'Send {"quarter": "2026Q1", "flag_id": "…", "status": "reviewed|false_positive|escalated|open", "note": "…"} as JSON.',
  });
}

/**
 * The auditor's case list: POST /api/audit/marks sets a flag's mark (who: the request's user; when: the server's
 * clock). The flag is looked up in the audit of the period the page shows, as that user sees it (their pseudonyms),
 * so a mark can only name a flag the user was shown. Administrators and auditors only (src/server/access.ts).
 */
export function markRoutes(ctx: Context): Routes {
  const audit = auditFlags(ctx);
  return {
    // The case list itself, newest mark first (what `ledger-lens cases` prints); the page asks it to know whether
    // its user may mark at all (403 otherwise).
    'GET /api/audit/marks': async (_req, res) => {
      sendAnswer(res, '/api/audit/marks', { cases: [...(await ctx.read((db) => readMarks(db))).values()] });
    },
    'POST /api/audit/marks': async (req, res) => {
      requireHeader(req, 'marks');
      const body = parseBody(
        await readJson(req, 64 * 1024, {
          what: 'the mark',
          tooLargeHint: `Keep the note under ${MAX_NOTE} characters.`,
          notJsonHint: 'Send the mark as a JSON document with Content-Type: application/json.',
        }),
      );
      const result = await audit(body);
      const shown = privacyOf(res)(result.flags);
      const at = shown.findIndex((f) => f.flag_id === body.flag_id);
      if (at < 0)
        throw new UserError(
          'unknown_flag',
          `flag_id ${JSON.stringify(body.flag_id)}: no such flag in the audit of ${result.period.from} – ${result.period.to}`,
          { hint: 'Mark a flag the Audit page lists for that period (give its quarter or month).' },
        );
      const mark = {
        status: body.status,
        note: body.note.trim(),
        by: principalOf(req).name,
        at: ctx.clock().toISOString().slice(0, 19),
      };
      await ctx.exclusive(() => markFlag(ctx.db, result.flags[at], mark));
      sendAnswer(res, 'POST /api/audit/marks', { flag_id: body.flag_id, mark });
    },
  };
}
