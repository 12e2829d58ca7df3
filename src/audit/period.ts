import type { Database } from '../db/database.ts';
import { UserError } from '../errors.ts';
import { defaultQuarter, parseRange } from '../periods/quarters.ts';
import { dataRange } from '../queries/data-range.ts';

/** --from/--to as given (both or neither), else the latest complete quarter in the data (as `report` does). */
export async function auditPeriod(
  db: Database,
  from: string | undefined,
  to: string | undefined,
): Promise<{ from: string; to: string }> {
  if (from || to) {
    const p = parseRange(from, to);
    return { from: p.from, to: p.to };
  }
  const range = await dataRange(db);
  if (range.rows === 0 || !range.first_at || !range.last_at) {
    throw new UserError(
      'empty_ledger',
      `${db.path === ':memory:' ? 'the ledger file' : db.path}: there are no ledger rows to audit`,
      {
        hint: 'Import a ledger first (ledger-lens import <file> --db <path>), or check the quarantine of --ledger with ledger-lens check <file>.',
      },
    );
  }
  const q = defaultQuarter(range.first_at, range.last_at);
  return { from: q.from, to: q.to };
}
