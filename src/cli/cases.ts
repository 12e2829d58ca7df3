import { readMarks } from '../audit/marks.ts';
import { MARK_STATUSES } from '../audit/schema.ts';
import { Database } from '../db/database.ts';
import { UserError } from '../errors.ts';
import { textTable } from '../export/text-table.ts';
import { DEFAULT_DB, parse, printJson } from './args.ts';

export const summary = "the auditor's case list: each marked flag's status, note, who and when (--db, --json)";

const HELP = `Usage: ledger-lens cases [--db PATH] [--status S] [--json]

Lists the flags marked on the Audit page (reviewed, false positive, escalated), newest mark first: the flag's id,
check, account and window, its status, the note, who marked it and when (UTC). A flag's id is stable across audit
runs and imports, so \`ledger-lens audit --json\` on the same database shows the same marks beside their flags.

Options:
  --db PATH    the database (default ${DEFAULT_DB}); opened read-only
  --status S   only this status: ${MARK_STATUSES.join(', ')}
  --json       print {"cases": [...]}
`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse('cases', argv, {
    db: { type: 'string' },
    status: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.status !== undefined && !(MARK_STATUSES as readonly string[]).includes(values.status))
    throw new UserError('bad_usage', `--status ${values.status}: not a case status`, {
      hint: `Statuses: ${MARK_STATUSES.join(', ')}.`,
    });
  const db = await Database.open(values.db ?? DEFAULT_DB, { readOnly: true });
  try {
    const cases = [...(await readMarks(db)).values()].filter((m) => !values.status || m.status === values.status);
    if (values.json) printJson({ cases });
    else
      process.stdout.write(
        textTable(
          ['flag_id', 'check', 'account', 'from', 'to', 'status', 'by', 'at', 'note'],
          cases.map((m) => [m.flag_id, m.check, m.account_id ?? '', m.from, m.to, m.status, m.by, m.at, m.note]),
        ),
      );
    return 0;
  } finally {
    db.close();
  }
}
