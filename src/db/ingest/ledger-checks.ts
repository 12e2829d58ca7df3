import type { Database } from '../database.ts';
import { sqlString } from '../ident.ts';
import { FAST_FORMAT_CANDIDATES } from './parse-sql.ts';
import { STAGE } from './stage.ts';
import { sqlExec, sqlRows } from '../sql.ts';

/** Whether the ledger holds an id an older version derived from raw text (`pattern`) for a file without ids. */
export async function hasIdsDerivedLike(db: Database, pattern: string): Promise<boolean> {
  const [{ n }] = await sqlRows<{ n: number }>(
    db,
    `SELECT count(*)::DOUBLE AS n FROM (SELECT 1 FROM ledger l JOIN imports i USING (import_id)
     WHERE json_extract_string(i.mapping, '$.event_id') IS NULL AND regexp_full_match(l.event_id, ${sqlString(pattern)}) LIMIT 1)`,
  );
  return n > 0;
}

/** The naive timestamp format that reads at least half of the first 1,000 values of `col`, tried first for every row. */
export async function dominantFormat(db: Database, relation: string, col: string): Promise<string | undefined> {
  await sqlExec(
    db,
    `CREATE OR REPLACE TEMP TABLE ll_ts_sample AS SELECT NULLIF(trim(${col}), '') AS t FROM ${relation} LIMIT 1000`,
  );
  let best: { f?: string; n: number } = { n: 0 };
  for (const f of FAST_FORMAT_CANDIDATES) {
    const [{ n, total }] = await sqlRows<{ n: number; total: number }>(
      db,
      `SELECT count(try_strptime(t, ${sqlString(f)}))::DOUBLE AS n, count(t)::DOUBLE AS total FROM ll_ts_sample`,
    );
    if (n > best.n && n >= total / 2) best = { f, n };
  }
  await sqlExec(db, 'DROP TABLE ll_ts_sample');
  return best.f;
}

/** How many staged points values were spelled with thousands separators or full-width digits. */
export async function pointsSpellings(db: Database): Promise<{ thousands: number; fullwidth: number }> {
  const [c] = await sqlRows<{ thousands: number; fullwidth: number }>(
    db,
    `SELECT count(*) FILTER (WHERE regexp_matches(points_spelling, '[０-９．－＋]'))::DOUBLE AS fullwidth,
            count(*) FILTER (WHERE contains(points_spelling, ','))::DOUBLE AS thousands
     FROM ${STAGE} WHERE points_spelling IS NOT NULL`,
  );
  return c;
}
