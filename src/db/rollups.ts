import { UserError } from '../errors.ts';
import type { Database } from './database.ts';
import { MONTH_OF_ROW, ONE_SHOT_MONTH, ONE_SHOT_ROWS } from './one-shot-rows.ts';
import { loadQuery } from './run.ts';

/** Bumped when a rollup table or reduction changes meaning: older rollups are then rebuilt or reported missing. */
export const ROLLUP_VERSION = 3;

interface RollupSpec {
  table: string;
  /** queries/reductions/<reduction>.sql */
  reduction: string;
  keys: string[];
  /** Columns added up when a key is met again. */
  sums: string[];
  /** Sort order of the stored table: period filters on `day` then skip whole row groups. */
  order: string;
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
    table: 'rollup_day_rule',
    reduction: 'day_rule',
    keys: ['day', 'rule_id', 'event_type'],
    sums: MONEY,
    order: 'day',
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
  const rows = await db.all<{ version: number }>(`SELECT version FROM rollup_state WHERE id = 1`).catch(() => []);
  return rows[0]?.version === ROLLUP_VERSION;
}

/**
 * Recomputes every rollup from all ledger rows. Runs inside the caller's transaction when there is one (an import
 * into a database written before rollups), else in its own: the rollups change all at once or not at all.
 */
export async function rebuildRollups(db: Database, opts: { inTransaction?: boolean } = {}): Promise<void> {
  const work = async () => {
    for (const t of [...ROLLUPS.map((r) => r.table), 'account_latest']) await db.exec(`DELETE FROM ${t}`);
    await addRows(db, null);
    await refreshAttributes(db);
    await db.exec(`INSERT OR REPLACE INTO rollup_state VALUES (1, ${ROLLUP_VERSION})`);
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
 * The account × month reduction of the one-shot rows, grouped by the month stored with each row rather than computed
 * again: a report's period bound (`month >= …`) then reaches a stored column, which DuckDB tests against each row
 * group's range and skips the groups outside (an export is in time order), where `date_trunc` had to run on every
 * row for every period.
 */
function monthsOfStoredRows(): string {
  const sql = ofEveryRow('account_month');
  const out = sql
    .replace(`${MONTH_OF_ROW} AS month`, `${ONE_SHOT_MONTH} AS month`)
    // The rows are import 1 (the ledger view says so too); the reduction asks for every import.
    .replace(/^FROM ledger$/m, `FROM (SELECT *, 1 AS import_id FROM ${ONE_SHOT_ROWS})`);
  if ((out.match(new RegExp(`${ONE_SHOT_MONTH}|${ONE_SHOT_ROWS}`, 'g')) ?? []).length !== 2)
    throw new Error('reductions/account_month.sql no longer computes its month as the one-shot rows keep it');
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
      ['rollup_account_day', ofEveryRow('account_day')],
      ['rollup_account_month', monthsOfStoredRows()],
    ];
    for (const [table, sql] of views) {
      await db.exec(`DROP TABLE ${table}`);
      // The reduction's text may end in a `--` comment: the newline closes it.
      await db.exec(`CREATE VIEW ${table} AS ${sql}\n`);
    }
    await db.exec(`INSERT INTO rollup_day_rule BY NAME ${dayRuleOfRows()}\n`);
    await db.exec(`INSERT INTO account_latest BY NAME ${ofEveryRow('account_latest')}\n`);
    await refreshAttributes(db);
  });
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
 * attribute). A roster import calls it too, inside its transaction: the roster's values win over the ledger's.
 */
export async function refreshAttributes(db: Database): Promise<void> {
  await db.exec('DELETE FROM rollup_account_attributes');
  await db.exec(`INSERT INTO rollup_account_attributes ${reduction('account_attributes')}`);
}

/** Reduces the rows of `importId` (null: every row) and merges each result into its table. */
async function addRows(db: Database, importId: number | null): Promise<void> {
  const made: string[] = [];
  for (const r of ROLLUPS) {
    // day_rule adds up the account_day rows just reduced (ll_account_day): one ledger scan serves both.
    const params = r.reduction === 'day_rule' ? undefined : { import_id: importId };
    made.push(await reduceInto(db, r.table, r.reduction, params, r.keys, mergedSums(r), r.order));
  }
  // account_latest: the later of the stored and the new latest row wins, per account.
  const later = (c: string) => `arg_max_null(${c}, (last_at, last_event_id)) AS ${c}`;
  made.push(
    await reduceInto(
      db,
      'account_latest',
      'account_latest',
      { import_id: importId },
      ['account_id'],
      `max(last_at) AS last_at, ${['last_event_id', 'department', 'region', 'extra'].map(later).join(', ')}`,
      'account_id',
    ),
  );
  for (const m of made) await db.exec(`DROP ${m}`);
}

/**
 * Reduces into `table`. An empty table (the first import, a rebuild) takes the reduction's rows directly, with no
 * intermediate copy; ll_<id> is then a view of it, for day_rule to add up. Otherwise the reduction lands in the
 * temporary table ll_<id> and is merged. Returns what to drop afterwards.
 */
async function reduceInto(
  db: Database,
  table: string,
  id: string,
  params: Record<string, number | null> | undefined,
  keys: string[],
  combine: string,
  order: string,
): Promise<string> {
  const sql = reduction(id);
  const [{ stored }] = await db.all<{ stored: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${table}) AS stored`);
  if (!stored) {
    // The reduction's text may end in a `--` comment: the newline closes it before the parenthesis.
    await db.exec(
      `INSERT INTO ${table} BY NAME SELECT * FROM (\n${sql}\n)${order ? ` ORDER BY ${order}` : ''}`,
      params,
    );
    await db.exec(`CREATE OR REPLACE TEMP VIEW ll_${id} AS SELECT * FROM ${table}`);
    return `VIEW ll_${id}`;
  }
  await db.exec(`CREATE OR REPLACE TEMP TABLE ll_${id} AS ${sql}`, params);
  await mergeInto(db, table, `ll_${id}`, keys, combine, order);
  return `TABLE ll_${id}`;
}

const mergedSums = (r: RollupSpec) => r.sums.map((s) => `sum(${s}) AS ${s}`).join(', ');

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
  await db.exec(`CREATE OR REPLACE TEMP TABLE ll_merged AS
    SELECT ${keys.join(', ')}, ${combine}
    FROM (SELECT t.* FROM ${table} t SEMI JOIN ${delta} d ON ${on} UNION ALL BY NAME SELECT * FROM ${delta})
    GROUP BY ALL${order ? ` ORDER BY ${order}` : ''}`);
  await db.exec(`DELETE FROM ${table} t USING ${delta} d WHERE ${on}`);
  await db.exec(`INSERT INTO ${table} BY NAME SELECT * FROM ll_merged`);
  await db.exec(`DROP TABLE ll_merged`);
}

/** A database whose ledger has rows but no current rollups cannot be read: say which command fixes it. */
export async function assertRollups(db: Database): Promise<void> {
  if (await rollupsCurrent(db)) return;
  const [{ rows }] = await db.all<{ rows: boolean }>(`SELECT EXISTS (SELECT 1 FROM ledger) AS rows`);
  if (!rows) return;
  throw new UserError(
    'rollups_missing',
    `${db.path}: the database has no rollups for its ledger rows (it was written by an older version of Ledger Lens)`,
    {
      hint: `Run \`ledger-lens rollups --db ${db.path}\` once to build them; later imports keep them up to date.`,
    },
  );
}
