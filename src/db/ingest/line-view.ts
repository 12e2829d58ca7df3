import type { Database } from '../database.ts';
import { sqlString } from '../ident.ts';
import { sqlExec } from '../sql.ts';

/**
 * The view `ll_raw` over the CSV rows of `ll_rawt` with `__line`, the physical line each row starts on
 * (src/ledger/lines.ts decides which of the three numberings a file needs).
 */
const FIXED_VIEW = `CREATE OR REPLACE TEMP VIEW ll_raw AS SELECT coalesce(f.line, r.rowid + 2) AS __line, r.* FROM ll_rawt r LEFT JOIN ll_linefix f ON f.rid = r.rowid`;

/** No line skipped and no record over several lines: row p is line p + 2 (the header is line 1). */
export async function numberRowsInOrder(db: Database): Promise<void> {
  await sqlExec(db, `CREATE OR REPLACE TEMP VIEW ll_raw AS SELECT rowid + 2 AS __line, * FROM ll_rawt`);
}

/** Lines the reader skipped (blank, refused), given sorted and distinct: a small shift table. */
export async function numberRowsAfterSkips(db: Database, skipped: number[]): Promise<void> {
  // A row numbered p lands after every skipped line s_k with s_k - k < p (k counts skipped lines from 1).
  // Skipped lines in a row share one q: only the last of them (the largest k) may shift, or the join picks any.
  const shifted = skipped.map((s, i) => s - (i + 1));
  const qs = `[${[-1, ...shifted].join(',')}]`;
  await sqlExec(
    db,
    `CREATE OR REPLACE TEMP TABLE ll_skips AS SELECT q, max(k) AS k FROM (SELECT unnest(${qs}::BIGINT[]) AS q, generate_subscripts(${qs}, 1) - 1 AS k) GROUP BY q`,
  );
  await sqlExec(
    db,
    `CREATE OR REPLACE TEMP TABLE ll_linefix AS
    WITH p AS (SELECT rowid AS rid, rowid + 2 AS p FROM ll_rawt)
    SELECT rid, p + s.k AS line FROM p ASOF JOIN ll_skips s ON p.p > s.q`,
  );
  await sqlExec(db, FIXED_VIEW);
}

/** Each kept row's line from a walk of the file, written as `rid,line` lines to `linesCsv`. */
export async function numberRowsFromFile(db: Database, linesCsv: string): Promise<void> {
  await sqlExec(
    db,
    `CREATE OR REPLACE TEMP TABLE ll_linefix AS SELECT rid, line FROM read_csv(${sqlString(linesCsv)}, header=false, columns={'rid': 'BIGINT', 'line': 'BIGINT'}, auto_detect=false)`,
  );
  await sqlExec(db, FIXED_VIEW);
}
