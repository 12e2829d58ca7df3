import { UserError } from '../errors.ts';
import type { Database } from './database.ts';
import { DAY_OF_ROW, MONTH_OF_ROW, ONE_SHOT_DAY, ONE_SHOT_LEDGER, ONE_SHOT_MONTH } from './one-shot-rows.ts';
import { absentIn, withoutAbsentSums } from './absent-sums.ts';
import { loadQuery } from './run.ts';
import { monthRuns, withinRun } from './rollup-chunks.ts';
import { passesOfRows } from './one-shot-passes.ts';
import { sqlExec, sqlRows } from './sql.ts';

/** Bumped when a rollup table or reduction changes meaning: older rollups are then rebuilt or reported missing. */
export const ROLLUP_VERSION = 6;

interface RollupSpec {
  table: string;
  /** queries/reductions/<reduction>.sql */
  reduction: string;
  keys: string[];
  /** Columns added up when a key is met again. */
  sums: string[];
  /** Sort order of the rows a merge rewrites (a first import's rows are written as each run of months comes). */
  order: string;
  /** Reduced from ll_account_day or ll_account_month, that rollup's rows just reduced, instead of from the ledger. */
  from?: 'account_day' | 'account_month';
  /** How a stored and a new row of one key combine, when not by adding up `sums` (aggregates, `AS` each column). */
  combine?: string;
  /**
   * Kept by a local import only: a ClickHouse source has no reduction for it and leaves it empty, so only a reader
   * that knows the rows are local may read it (the audit's account-day series, src/db/audit-rollup.ts).
   */
  local?: true;
  /**
   * Not additive (distinct counts): the reduction reads rollup_account_day once every run is merged, one quarter
   * [$from, $to) at a time, and an import replaces the quarters from its first row's on instead of adding to them.
   */
  recompute?: true;
}

const MONEY = ['n', 'points', 'points_pos', 'points_neg', 'n_cash', 'cash', 'points_cash'];

export const ROLLUPS: RollupSpec[] = [
  {
    table: 'rollup_account_day',
    reduction: 'account_day',
    keys: ['account_id', 'day', 'rule_id', 'event_type'],
    sums: MONEY,
    order: 'day, account_id',
  },
  {
    table: 'rollup_earn_day',
    reduction: 'earn_day',
    keys: ['account_id', 'day'],
    sums: ['n', 'points'],
    order: 'day, account_id',
    local: true,
  },
  {
    table: 'rollup_day_rule',
    reduction: 'day_rule',
    keys: ['day', 'rule_id', 'event_type'],
    sums: MONEY,
    order: 'day',
    from: 'account_day',
  },
  {
    table: 'rollup_rule_accounts',
    reduction: 'rule_accounts',
    keys: ['rule_id', 'period', 'months'],
    sums: [],
    order: 'period, rule_id',
    recompute: true,
  },
  {
    table: 'rollup_account_month',
    reduction: 'account_month',
    keys: ['account_id', 'month'],
    sums: [
      'n',
      'n_active',
      'n_earn',
      'points',
      'earned',
      'deducted',
      'redeemed',
      'expired',
      'adjusted_pos',
      'adjusted_neg',
      'transferred_pos',
    ],
    order: 'month, account_id',
  },
  {
    table: 'rollup_account_quarter',
    reduction: 'account_quarter',
    keys: ['account_id', 'quarter'],
    sums: ['n', 'n_active', 'n_earn', 'earned'],
    order: 'quarter, account_id',
    from: 'account_month',
  },
  {
    table: 'rollup_account_first',
    reduction: 'account_first',
    keys: ['account_id'],
    sums: [],
    combine: 'min(first_month) AS first_month',
    order: 'account_id',
    from: 'account_month',
  },
  {
    table: 'rollup_approver_hour',
    reduction: 'approver_hour',
    keys: ['approver_id', 'day', 'hour'],
    sums: ['n', 'points'],
    order: 'day',
  },
  {
    table: 'rollup_transfer_edge',
    reduction: 'transfer_edge',
    keys: ['giver_id', 'receiver_id', 'day', 'giver_side'],
    sums: ['n', 'points'],
    order: 'day',
  },
];

const reduction = (id: string) => loadQuery(`reductions/${id}`).sql;

/** True when rollup_state says the rollups cover the ledger in this version's form. */
export async function rollupsCurrent(db: Database): Promise<boolean> {
  const rows = await sqlRows<{ version: number }>(db, `SELECT version FROM rollup_state WHERE id = 1`).catch(() => []);
  return rows[0]?.version === ROLLUP_VERSION;
}

/**
 * Recomputes every rollup from all ledger rows. Runs inside the caller's transaction when there is one (an import
 * into a database written before rollups), else in its own: the rollups change all at once or not at all.
 */
export async function rebuildRollups(db: Database, opts: { inTransaction?: boolean } = {}): Promise<void> {
  const work = async () => {
    for (const t of [...ROLLUPS.map((r) => r.table), 'account_latest']) await sqlExec(db, `DELETE FROM ${t}`);
    await addRows(db, null);
    await refreshAttributes(db);
    await sqlExec(db, `INSERT OR REPLACE INTO rollup_state VALUES (1, ${ROLLUP_VERSION})`);
  };
  if (opts.inTransaction) await work();
  else await db.transaction(work);
}

/** The reductions of every row, as a view's text: `$import_id` NULL (every import) written in. */
const ofEveryRow = (id: string) => reduction(id).replaceAll('$import_id', 'NULL');

/**
 * day × rule × type straight from the rows: the account × day reduction without its account key (it groups by
 * every other key it selects), so the sums are the same cell for cell as day_rule's over account_day.
 */
export function dayRuleOfRows(): string {
  const sql = ofEveryRow('account_day');
  const out = sql.replace(/^SELECT account_id,\s*/m, 'SELECT ');
  if (out === sql || !/GROUP BY ALL\s*$/.test(sql))
    throw new Error('reductions/account_day.sql no longer starts its keys with account_id');
  return out;
}

/**
 * A reduction (account_month, account_day) of the one-shot rows, grouped by the month or day stored with each row
 * (`stored`) rather than computed again (`computed`): a report's period bound (`month >= …`, `day >= …`) then reaches
 * a stored column, which DuckDB tests against each row group's range and skips the groups outside (an export is in
 * time order), where the computed key had to be evaluated on every row for every period.
 */
function ofStoredRows(id: string, computed: string, stored: string): string {
  const sql = ofEveryRow(id);
  const out = sql.replace(`${computed} AS `, `${stored} AS `).replace(/^FROM ledger$/m, `FROM ${ONE_SHOT_LEDGER}`);
  if ((out.match(new RegExp(`${stored}|${ONE_SHOT_LEDGER}`, 'g')) ?? []).length !== 2)
    throw new Error(`reductions/${id}.sql no longer computes its key as the one-shot rows keep it (${computed})`);
  return out;
}

/**
 * The rollups a one-shot report reads, for an in-memory ledger that nothing else will read. The two whose grain is
 * almost the ledger's (account × day, account × month) are views of the rows rather than tables: a report reads
 * them for a few periods only, and DuckDB pushes a period's bounds through the view to the rows, so it adds up
 * those periods' rows instead of writing a second ledger. The small day × rule table is reduced from the rows
 * directly, and each account's latest row gives the attributes. No rollup_state: the audit's rollups are left out.
 */
export async function buildReportRollups(db: Database): Promise<void> {
  await db.transaction(async () => {
    const views = [
      ['rollup_account_day', ofStoredRows('account_day', DAY_OF_ROW, ONE_SHOT_DAY)],
      ['rollup_account_month', ofStoredRows('account_month', MONTH_OF_ROW, ONE_SHOT_MONTH)],
    ];
    for (const [table, sql] of views) {
      await sqlExec(db, `DROP TABLE ${table}`);
      // The reduction's text may end in a `--` comment: the newline closes it.
      await sqlExec(db, `CREATE VIEW ${table} AS ${sql}\n`);
    }
    await sqlExec(db, `INSERT INTO rollup_day_rule BY NAME ${dayRuleOfRows()}\n`);
    await sqlExec(db, `INSERT INTO account_latest BY NAME ${ofEveryRow('account_latest')}\n`);
    // The tables derived for interactive reads (a quarter's accounts, first months, rule counts, value months) would
    // each cost a pass over every row: they are views of the rows here, and ll_kept_rollups() tells the metrics of
    // this connection to take the branches that add up a period's rows instead (queries/views/00_macros.sql).
    const derived = [
      ['rollup_account_quarter', reduction('account_quarter').replaceAll('ll_account_month', 'rollup_account_month')],
      ['rollup_account_first', reduction('account_first').replaceAll('ll_account_month', 'rollup_account_month')],
      ['rollup_rule_accounts', reduction('rule_accounts').replace(/\$(from|to)::DATE/g, 'NULL::DATE')],
      ['rollup_value_month', reduction('value_month')],
      ['rollup_value_day_rule', reduction('value_day_rule')],
    ];
    for (const [table, sql] of derived) {
      await sqlExec(db, `DROP TABLE ${table}`);
      await sqlExec(db, `CREATE VIEW ${table} AS ${sql}\n`);
    }
    // On the report's second connection too (the period before runs there).
    await db.everyConnection('CREATE OR REPLACE TEMP MACRO ll_kept_rollups() AS false');
    await passesOfRows(db);
    await refreshAttributes(db);
  });
}

/**
 * Fills the rollups a local import alone keeps (RollupSpec.local) from the rows of a database whose other rollups
 * came from elsewhere: a ClickHouse source that loaded every row (src/db/clickhouse/open.ts) marks its rollups
 * current, and an empty one of these would be read as a ledger without those rows.
 */
export async function fillLocalRollups(db: Database): Promise<void> {
  for (const r of ROLLUPS.filter((x) => x.local)) {
    await sqlExec(db, `DELETE FROM ${r.table}`);
    await sqlExec(db, `INSERT INTO ${r.table} BY NAME SELECT * FROM (\n${ofEveryRow(r.reduction)}\n)`);
  }
}

/**
 * Adds one import's rows to the rollups, inside the import's transaction. A ledger import only adds rows (an
 * event_id is never overwritten), so reducing the new rows and adding the sums where a key exists is exact.
 * Rollups that do not cover the older rows yet are rebuilt whole instead.
 */
export async function mergeRollups(db: Database, importId: number): Promise<void> {
  if (!(await rollupsCurrent(db))) return rebuildRollups(db, { inTransaction: true });
  await addRows(db, importId);
  await refreshAttributes(db);
}

/**
 * Recomputes rollup_account_attributes from the roster and account_latest (small: one row per account and
 * attribute), and the month and day × rule sums per attribute value that follow from it. A roster import calls it
 * too, inside its transaction: the roster's values win over the ledger's.
 */
export async function refreshAttributes(db: Database): Promise<void> {
  await sqlExec(db, 'DELETE FROM rollup_account_attributes');
  await sqlExec(db, `INSERT INTO rollup_account_attributes ${reduction('account_attributes')}`);
  // A one-shot report keeps the value sums as views of its rows (buildReportRollups): nothing to write.
  const [{ kept, days }] = await sqlRows<{ kept: boolean; days: boolean }>(
    db,
    'SELECT ll_kept_rollups() AS kept, ll_value_days_kept() AS days',
  );
  if (!kept) return;
  const perValue = async (table: string, id: string, order: string) => {
    await sqlExec(db, `DELETE FROM ${table}`);
    await sqlExec(db, `INSERT INTO ${table} BY NAME SELECT * FROM (\n${reduction(id)}\n) ORDER BY ${order}`);
  };
  await perValue('rollup_value_month', 'value_month', 'attribute, value, month');
  // Sorted by value, then day: a filter's period reads the row groups of its value and days only.
  if (days) await perValue('rollup_value_day_rule', 'value_day_rule', 'attribute, value, day');
}

/**
 * Reduces the rows of `importId` (null: every row) and merges each result into its table, run by run of months
 * (rollup-chunks.ts). A table empty before this import takes each run's rows directly: the runs' keys are disjoint.
 */
async function addRows(db: Database, importId: number | null): Promise<void> {
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
async function recomputeFrom(db: Database, r: RollupSpec, importId: number | null): Promise<void> {
  const [span] = await sqlRows<{ first: string | null; last: string | null }>(
    db,
    `SELECT strftime(date_trunc('quarter', (SELECT min(occurred_at) FROM ledger
              WHERE $import_id::INTEGER IS NULL OR import_id = $import_id::INTEGER)), '%Y-%m-%d') AS first,
            strftime((SELECT max(day) FROM rollup_account_day), '%Y-%m-%d') AS last`,
    { import_id: importId },
  );
  if (!span?.first || !span.last) return;
  await sqlExec(db, `DELETE FROM ${r.table} WHERE period >= $first::DATE`, { first: span.first });
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

/** A database whose ledger has rows but no current rollups cannot be read: say which command fixes it. */
export async function assertRollups(db: Database): Promise<void> {
  if (await rollupsCurrent(db)) return;
  const [{ rows }] = await sqlRows<{ rows: boolean }>(db, `SELECT EXISTS (SELECT 1 FROM ledger) AS rows`);
  if (!rows) return;
  throw new UserError(
    'rollups_missing',
    `${db.path}: the database has no rollups for its ledger rows (it was written by an older version of Ledger Lens)`,
    {
      hint: `Run \`ledger-lens rollups --db ${db.path}\` once to build them; later imports keep them up to date.`,
    },
  );
}
