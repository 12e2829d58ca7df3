import { Database } from '../db/database.ts';
import { readAccessLog } from '../server/access-log.ts';
import { textTable } from '../export/text-table.ts';
import { DEFAULT_DB, parse, printJson } from './args.ts';

export const summary = 'who looked at what on the server (serve --users)';

const HELP = `Usage: ledger-lens access-log [--db PATH] [--json]

Lists the server's access log: one row per request of a user of \`serve --users\` — time, user, role, route,
query (without the token), scope, status, and for an export its file and row count. Stop the server first: it
holds the database.

Options:
  --db PATH   the database the server served (default ${DEFAULT_DB})
  --json      print {"entries": [...]}
`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse('access-log', argv, {
    db: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const db = await Database.open(values.db ?? DEFAULT_DB, { readOnly: true });
  try {
    const entries = await readAccessLog(db);
    if (values.json) printJson({ entries });
    else
      process.stdout.write(
        textTable(
          ['at', 'user', 'role', 'route', 'scope', 'status', 'export'],
          entries.map((e) => [
            e.at,
            e.user_name,
            e.role,
            `${e.method} ${e.route}${e.query}`,
            e.scope ?? '',
            e.status,
            e.export_file ? `${e.export_file} (${e.export_rows} rows)` : '',
          ]),
        ),
      );
    return 0;
  } finally {
    db.close();
  }
}
