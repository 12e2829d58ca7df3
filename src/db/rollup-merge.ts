import type { Database } from './database.ts';
import { absentIn, withoutAbsentSums } from './absent-sums.ts';
import { monthRuns, withinRun } from './rollup-chunks.ts';
import { reduction, ROLLUPS, type RollupSpec } from './rollup-specs.ts';
import { sqlExec, sqlRows } from './sql.ts';

// How the rollups are written: an import's rows reduced run by run and merged into each table (src/db/rollups.ts).

/**
 * Reduces the rows of `importId` (null: every row) and merges each result into its table, run by run of months
 * (rollup-chunks.ts). A table empty before this import takes each run's rows directly: the runs' keys are disjoint.
 */
export async function addRows(db: Database, importId: number | null): Promise<void> {
  const rollups = ROLLUPS;
  const empty = new Set<string>();
  for (const t of [...rollups.map((r) => r.table), 'account_latest']) if (!(await hasRows(db, t))) empty.add(t);
  // day_rule adds up the account_day rows just reduced (ll_account_day): per run when those are a run's delta; once
  // at the end when ll_account_day is the whole table, which then holds exactly this import's rows. Likewise the
  // quarter and first-month tables from ll_account_month (a run of months may cut a quarter: as a delta, merged).
  const atEnd = (r: RollupSpec) => r.from !== undefined && empty.has(`rollup_${r.from}`);
  const made = new Set<string>();
  // Sums that are 0 for every key of this import's rows are written as 0 (absent-sums.ts); the rows of every run are
  // the import's, so what the import lacks each run lacks.
  const absent = await absentIn(db, importId);
  const reduce = async (r: RollupSpec) => {
    const params = r.from ? undefined : { import_id: importId };
    // Written directly only when no two runs can give one key: the ledger's reductions key on the day or the month,
    // but a rollup of another's run delta may not (the first month is per account, a quarter spans runs), so it is
    // merged run by run even into a table empty before this import (an import of expiries only leaves the first
    // months empty while account × month has rows).
    const direct = empty.has(r.table) && (r.from === undefined || atEnd(r));
    const sql = r.from ? reduction(r.reduction) : withoutAbsentSums(reduction(r.reduction), absent);
    made.add(await reduceInto(db, r.table, r.reduction, sql, params, r.keys, mergedSums(r), r.order, direct));
  };
  for (const run of await monthRuns(db, importId)) {
    await withinRun(db, run, async () => {
      for (const r of rollups) if (!r.recompute && !atEnd(r)) await reduce(r);
    });
  }
  for (const r of rollups) if (atEnd(r)) await reduce(r);
  for (const r of rollups) if (r.recompute) await recomputeFrom(db, r, importId);
  // account_latest: the later of the stored and the new latest row wins, per account.
  const later = (c: string) => `arg_max_null(${c}, (last_at, last_event_id)) AS ${c}`;
  made.add(
    await reduceInto(
      db,
      'account_latest',
      'account_latest',
      reduction('account_latest'),
      { import_id: importId },
      ['account_id'],
      `max(last_at) AS last_at, ${['last_event_id', 'department', 'region', 'extra'].map(later).join(', ')}`,
      'account_id',
      empty.has('account_latest'),
    ),
  );
  for (const m of made) await sqlExec(db, `DROP ${m}`);
}

/**
 * Recomputes a non-additive rollup (RollupSpec.recompute) for every quarter from the one holding the first row of
 * import `importId` (null: of the ledger) on: its rows there are replaced, one quarter at a time.
 */
export async function recomputeFrom(db: Database, r: RollupSpec, importId: number | null): Promise<void> {
  const [span] = await sqlRows<{ first: string | null; last: string | null }>(
    db,
    `SELECT strftime(date_trunc('quarter', (SELECT min(occurred_at) FROM ledger
              WHERE $import_id::INTEGER IS NULL OR import_id = $import_id::INTEGER)), '%Y-%m-%d') AS first,
            strftime((SELECT max(day) FROM rollup_account_day), '%Y-%m-%d') AS last`,
    { import_id: importId },
  );
  if (!span?.first || !span.last) return;
  await sqlExec(db, `DELETE FROM ${r.table} WHERE ${r.period ?? 'period'} >= $first::DATE`, { first: span.first });
  const sql = `INSERT INTO ${r.table} BY NAME SELECT * FROM (\n${reduction(r.reduction)}\n) ORDER BY ${r.order}`;
  for (let from = span.first; from <= span.last; from = quarterAfter(from))
    await sqlExec(db, sql, { from, to: quarterAfter(from) });
}

/** The 1st of the quarter after the one starting on `from`. */
const quarterAfter = (from: string) => {
  const d = new Date(`${from}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 3, 1)).toISOString().slice(0, 10);
};

async function hasRows(db: Database, table: string): Promise<boolean> {
  const [{ stored }] = await sqlRows<{ stored: boolean }>(db, `SELECT EXISTS (SELECT 1 FROM ${table}) AS stored`);
  return stored;
}

/**
 * Reduces into `table` by `sql` (the reduction `id`'s text). A table that was empty (`direct`: the first import, a rebuild) takes the reduction's rows as
 * they come, with no intermediate copy and no sort (each run's rows land together); ll_<id> is then a view of it, for
 * day_rule to add up. Otherwise the reduction lands in the temporary table ll_<id> and is merged. Returns what to
 * drop afterwards.
 */
async function reduceInto(
  db: Database,
  table: string,
  id: string,
  sql: string,
  params: Record<string, number | null> | undefined,
  keys: string[],
  combine: string,
  order: string,
  direct: boolean,
): Promise<string> {
  if (direct) {
    // The reduction's text may end in a `--` comment: the newline closes it before the parenthesis.
    await sqlExec(db, `INSERT INTO ${table} BY NAME SELECT * FROM (\n${sql}\n)`, params);
    await sqlExec(db, `CREATE OR REPLACE TEMP VIEW ll_${id} AS SELECT * FROM ${table}`);
    return `VIEW ll_${id}`;
  }
  await sqlExec(db, `CREATE OR REPLACE TEMP TABLE ll_${id} AS ${sql}`, params);
  await mergeInto(db, table, `ll_${id}`, keys, combine, order);
  return `TABLE ll_${id}`;
}

const mergedSums = (r: RollupSpec) => r.combine ?? r.sums.map((s) => `sum(${s}) AS ${s}`).join(', ');

/**
 * Merges `delta` into a `table` that has rows: rows whose key is new are appended; a key already stored is replaced by the
 * combination (`combine`, aggregates over the stored and the new row) of both.
 */
async function mergeInto(
  db: Database,
  table: string,
  delta: string,
  keys: string[],
  combine: string,
  order: string,
): Promise<void> {
  const on = keys.map((k) => `t.${k} = d.${k}`).join(' AND ');
  await sqlExec(
    db,
    `CREATE OR REPLACE TEMP TABLE ll_merged AS
    SELECT ${keys.join(', ')}, ${combine}
    FROM (SELECT t.* FROM ${table} t SEMI JOIN ${delta} d ON ${on} UNION ALL BY NAME SELECT * FROM ${delta})
    GROUP BY ALL${order ? ` ORDER BY ${order}` : ''}`,
  );
  await sqlExec(db, `DELETE FROM ${table} t USING ${delta} d WHERE ${on}`);
  await sqlExec(db, `INSERT INTO ${table} BY NAME SELECT * FROM ll_merged`);
  await sqlExec(db, `DROP TABLE ll_merged`);
}
