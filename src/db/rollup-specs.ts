import { loadQuery } from './run.ts';

// What the rollups are: their tables, keys, sums and sources (src/db/rollups.ts keeps them, rollup-merge.ts writes them).

/** Bumped when a rollup table or reduction changes meaning: older rollups are then rebuilt or reported missing. */
export const ROLLUP_VERSION = 9;

export interface RollupSpec {
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
  /** The DATE column a recomputed rollup keys its quarters by (default `period`). */
  period?: string;
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
    table: 'rollup_account_rule_quarter',
    reduction: 'account_rule_quarter',
    keys: ['account_id', 'rule_id', 'quarter'],
    sums: [],
    // Written one quarter at a time, each clustered by account: a quarter's rows lie together, and an account's id
    // then repeats within a row group, which keeps it dictionary-compressed (rollups.sql). Read by the reductions of
    // rule_accounts and value_rule_quarter, and within a user's scope (a filtered rule usage reads
    // rollup_value_rule_quarter instead). Clustered by the id's hash, not the id: the same runs of one account, but a
    // sort on an integer instead of text (2.4 → 1.3 CPU s a quarter with the write at 10 M rows); unsorted was no
    // cheaper (three quarters in turns: 2.9–3.7 against 3.3–3.5 CPU s, load 7).
    order: 'quarter, hash(account_id)',
    recompute: true,
    period: 'quarter',
    local: true,
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

/** The text of queries/reductions/<id>.sql. */
export const reduction = (id: string) => loadQuery(`reductions/${id}`).sql;

/** The reductions of every row, as a view's text: `$import_id` NULL (every import) written in. */
export const ofEveryRow = (id: string) => reduction(id).replaceAll('$import_id', 'NULL');

/** A reduction kept one quarter [$from, $to) at a time (RollupSpec.recompute), as a view's text over every quarter. */
export const ofEveryQuarter = (id: string) => reduction(id).replace(/\$(from|to)::DATE/g, 'NULL::DATE');
