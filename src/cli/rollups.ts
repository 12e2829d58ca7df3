import { existsSync } from 'node:fs';
import { Database } from '../db/database.ts';
import { checkpoint } from '../db/checkpoint.ts';
import { rebuildRollups } from '../db/rollups.ts';
import { run as runQuery } from '../db/run.ts';
import { UserError } from '../errors.ts';
import { DEFAULT_DB, parse, printJson } from './args.ts';

export const summary = 'rebuild the rollup tables of a database written before they existed';

const HELP = `Usage: ledger-lens rollups [--db PATH] [--json]

Recomputes the rollup tables (per account and day, per day and rule, per approver and hour, transfer edges, each
account's latest attributes) from every ledger row, in one transaction. Imports keep them up to date; this is only
needed once for a database written by an older version, which the other commands then say.
`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse('rollups', argv, {
    db: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const path = values.db ?? DEFAULT_DB;
  if (!existsSync(path))
    throw new UserError('db_missing', `${path}: no database here`, {
      hint: 'Run `ledger-lens import <file>` first, or give --db.',
    });
  const db = await Database.open(path);
  try {
    const t = performance.now();
    await rebuildRollups(db);
    await checkpoint(db);
    const [{ rows }] = await runQuery(db, 'ledger_row_count', {});
    const seconds = Math.round(performance.now() - t) / 1000;
    if (values.json) printJson({ db: path, ledger_rows: rows, seconds });
    else process.stderr.write(`rebuilt the rollups of ${path} from ${rows} ledger rows in ${seconds} s\n`);
    return 0;
  } finally {
    db.close();
  }
}
