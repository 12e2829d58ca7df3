import { existsSync, writeFileSync } from 'node:fs';
import { Database } from '../db/database.ts';
import { UserError } from '../errors.ts';
import { listQuarantine, quarantineCsv } from '../ledger/quarantine.ts';
import { DEFAULT_DB, parse, printJson } from './args.ts';

export const summary = 'list or export the quarantined rows of an import';

const HELP = `Usage: ledger-lens quarantine [--import N] [--db PATH] [--json | --csv FILE] [--limit N]

Lists the rows an import quarantined, with their line in the source file, every reason and the raw values.
Default: the latest import, first 50 rows on screen; --csv writes all of them (UTF-8 with BOM, for Excel).
`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse('quarantine', argv, {
    import: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean' },
    csv: { type: 'string' },
    limit: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const num = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v))
      throw new UserError('bad_usage', `ledger-lens quarantine: --${name} must be a whole number (got "${v}")`);
    return Number(v);
  };
  const path = values.db ?? DEFAULT_DB;
  if (!existsSync(path))
    throw new UserError('db_missing', `${path}: no database here`, {
      hint: 'Run `ledger-lens import <file>` first, or give --db.',
    });
  const db = await Database.open(path, { readOnly: true });
  try {
    const limit = num('limit', values.limit) ?? (values.csv || values.json ? undefined : 50);
    const q = await listQuarantine(db, { importId: num('import', values.import), limit });
    if (values.csv) {
      writeFileSync(values.csv, quarantineCsv(q.rows));
      process.stderr.write(`wrote ${q.rows.length} quarantined rows to ${values.csv}\n`);
    } else if (values.json) printJson(q);
    else {
      process.stdout.write(`import ${q.import_id ?? '—'}: ${q.total} quarantined rows\n`);
      for (const r of q.rows) process.stdout.write(`  ${r.file_name}:${r.line}: ${r.reasons.join('; ')}\n`);
      if (q.total > q.rows.length)
        process.stdout.write(`  … ${q.total - q.rows.length} more: use --csv FILE for all of them\n`);
    }
    return 0;
  } finally {
    db.close();
  }
}
