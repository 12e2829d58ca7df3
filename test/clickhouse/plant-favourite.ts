// A copy of the sample ledger with one planted favourite, so that the concentration check flags on the cluster tests'
// two years and its remote path (its three tests run on the shards, the candidates' evidence fetched) is compared on a flag.
// The bundled sample has no favourite the check can prove; the pick below is computed, not a list of ids.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '../../src/db/database.ts';
import { importLedger } from '../../src/ledger/import.ts';
import { sqlRows } from '../../src/db/sql.ts';

/** Forty Mondays from 2025-01-06. */
const DAYS = Array.from({ length: 40 }, (_, i) => {
  const d = new Date(Date.UTC(2025, 0, 6 + 7 * i));
  return d.toISOString().slice(0, 10);
});

export interface Planted {
  file: string;
  approver: string;
  receiver: string;
  rule: string;
}

/**
 * Writes `dir`/ledger.csv: the sample's rows, then the approver who signs the most earn rows awarding their least
 * used rule to the receiver they sign for least, on each of forty Mondays (one rule's award-days going to one person).
 */
export async function plantFavourite(sample: string, dir: string): Promise<Planted> {
  const db = await Database.open(':memory:');
  try {
    await importLedger(db, { file: sample });
    const [pick] = await sqlRows<{
      approver: string;
      receiver: string;
      rule: string;
      points: string;
      category: string | null;
      dep: string | null;
      region: string | null;
    }>(
      db,
      `
      WITH a AS (SELECT approver_id, count(*) AS n FROM ledger WHERE event_type = 'earn' AND approver_id IS NOT NULL
                 GROUP BY ALL ORDER BY n DESC, approver_id LIMIT 1),
      r AS (SELECT l.account_id, count(*) AS n FROM ledger l JOIN a USING (approver_id) WHERE l.event_type = 'earn'
            AND l.account_id <> l.approver_id GROUP BY ALL ORDER BY n, l.account_id LIMIT 1),
      x AS (SELECT l.rule_id, count(*) AS n, max(l.points)::VARCHAR AS points,
                   arg_max(l.category, l.occurred_at) AS category FROM ledger l JOIN a USING (approver_id)
            WHERE l.event_type = 'earn' AND l.rule_id IS NOT NULL GROUP BY ALL ORDER BY n, l.rule_id LIMIT 1)
      SELECT a.approver_id AS approver, r.account_id AS receiver, x.rule_id AS rule, x.points, x.category,
             (SELECT arg_max(department, occurred_at) FROM ledger WHERE account_id = r.account_id) AS dep,
             (SELECT arg_max(region, occurred_at) FROM ledger WHERE account_id = r.account_id) AS region
      FROM a, r, x`,
    );
    const lines = DAYS.map(
      (d, i) =>
        `EPLANT${String(i + 1).padStart(4, '0')},${d} 16:30:00,${pick.receiver},${pick.points},earn,${pick.rule},,,,${pick.approver},${pick.category ?? ''},,,${pick.dep ?? ''},${pick.region ?? ''}`,
    );
    const text = readFileSync(sample, 'utf8');
    const file = join(dir, 'ledger.csv');
    writeFileSync(file, `${text}${text.endsWith('\n') ? '' : '\n'}${lines.join('\n')}\n`);
    return { file, approver: pick.approver, receiver: pick.receiver, rule: pick.rule };
  } finally {
    db.close();
  }
}
