// What each ledger-reading query needs from a ClickHouse source (rows.ts): either its reducing step run on the
// cluster (queries/clickhouse/*.sql), or the few ledger rows its result depends on, named by a condition that the
// query's own candidate CTEs (run locally over the rollups) or a remote aggregate narrow to candidates. Every demand
// is exact: the rows left out cannot change the query's result (test/clickhouse/equality.test.ts compares the flags).
// A query not listed here reads every row (fetched once), and the large rollups it reads whole (needs.ts).
import { chNumber, chString, chTimestamp } from './literal.ts';
import { replaceCte, throughCte } from './cte.ts';
import { shiftedDay, isoDay, secondsBefore, nextDay, weekdays, workWindowLiterals } from './demand-literals.ts';
import { loadQuery } from '../run.ts';
import { type Demand, type DemandContext, joined, periodWhere, ts, within } from './demand-context.ts';
import { concentrationDemand } from './demand-concentration.ts';
import { campaignLists, candidateSpans, spikeRuleLiterals } from './spike-literals.ts';

export type { DemandContext } from './demand-context.ts';

/** The day of a timestamp param (YYYY-MM-DD), and the first midnight at or after it. */
const dayOf = (d: DemandContext, name: string) => chTimestamp(d.params[name]).slice(1, 11);
const dayCeil = (d: DemandContext, name: string) =>
  chTimestamp(d.params[name]).slice(12, 20) === '00:00:00' ? dayOf(d, name) : shiftedDay(dayOf(d, name), 1);

/** The whole query replaced by its ClickHouse twin; `order` keeps the query's row order. */
const whole =
  (file: string, names: string[], order = ''): Demand =>
  async (d) => {
    const values = Object.fromEntries(names.map((n) => [n, ts(d, n)]));
    return `SELECT * FROM ${await d.table(file, values)}${order ? ` ORDER BY ${order}` : ''}`;
  };

/**
 * Cap checks read earn rows of cells whose day total passes a cap, found on the cluster (audit_cap_cells.sql: exact
 * day sums of the cells in cents, a cent of slack on every side, so a cell under the cap for the day is under it for
 * any part of the day). Edge days of a period that starts or ends inside a day keep all their cells.
 */
async function capCells(d: DemandContext, near: boolean): Promise<string[][]> {
  const caps = await d.local('SELECT rule_id, daily_cap::DOUBLE FROM rule_catalog WHERE daily_cap IS NOT NULL');
  // A rule's cap has cents (DECIMAL(18,2)), so it compares exactly; the account and program caps are DOUBLE settings,
  // compared with a cent of slack.
  const cents = (v: unknown) => (v == null ? '-1' : chNumber(Math.round(Number(v) * 100)));
  const slack = (v: unknown) => (v == null ? '-1' : chNumber(Number(v) * 100));
  const midnight = (name: string) => chTimestamp(d.params[name]).slice(12, 20) === '00:00:00';
  const edge = (name: string) => `toDate(${chString(midnight(name) ? '1970-01-01' : dayOf(d, name))})`;
  const cells = await d.table('audit_cap_cells', {
    cells_from: chTimestamp(dayOf(d, 'from')),
    cells_to: chTimestamp(dayCeil(d, 'to')),
    edge_from: edge('from'),
    edge_to: edge('to'),
    cap_rules: `[${['', ...caps.map((c) => c[0])].map(chString).join(', ')}]`,
    cap_cents: `[${['-1.', ...caps.map((c) => cents(c[1]))].join(', ')}]`,
    account_cap: slack(d.params.account_cap),
    program_cap: slack(d.params.program_cap),
    near: near ? '1' : '0',
    band: chNumber(Number(d.params.near_band ?? 0)),
  });
  return d.local(`SELECT account_id, day, rule_id FROM ${cells}`);
}

const cellRows = (d: DemandContext, keys: string[][]) =>
  `event_type = 'earn' AND ${periodWhere(d)} AND ${within(['account_id', 'toString(toDate(occurred_at))', `ifNull(${d.col('rule_id')}, '')`], keys)}`;

/** audit_account_rule_day's columns and no row: earn cells the cluster keeps. */
const NO_CELLS =
  'SELECT NULL::VARCHAR AS account_id, NULL::DATE AS day, NULL::VARCHAR AS rule_id, NULL::DOUBLE AS issued, NULL::INTEGER AS n WHERE false';

/** The CTE cand's columns and no row. */
const NO_CANDIDATES = `SELECT NULL::VARCHAR AS account_id, NULL::DATE AS day, NULL::DOUBLE AS issued, NULL::DOUBLE AS top_floor,
  NULL::DOUBLE AS award, NULL::INTEGER AS tests, NULL::INTEGER AS rules, NULL::VARCHAR AS department,
  NULL::DOUBLE AS peer_median, NULL::DOUBLE AS peer_mad WHERE false`;

const unfiltered = (d: DemandContext) => d.params.scope_attribute == null;

export const DEMANDS: Record<string, Demand> = {
  data_range: async (d) => `SELECT * FROM ${await d.table('data_range', {})}`,
  // The earn cells of the audit's window [since, to) in whole days, which the query (and src/db/audit-rollup.ts's view)
  // reads; without kept rollups, the reduction runs on the cluster.
  // The audit's window is remembered (burst then redeem's windows reach back to its first day). With kept rollups its
  // cells stay on the cluster: account spike, burst then redeem and the cap checks run their reducing steps there.
  audit_account_rule_day: async (d) => {
    d.memo.set('audit_since', dayOf(d, 'since'));
    if (!d.params.kept) return whole('audit_account_rule_day', ['since', 'to'])(d);
    return NO_CELLS;
  },

  // Unfiltered, each rule's rows, distinct accounts and points come from the cluster; a scope reads the period's
  // account × day cells (the scope's accounts are local).
  rule_usage: async (d) =>
    unfiltered(d)
      ? replaceCte(
          d.sql,
          'used',
          `SELECT * FROM ${await d.table('rule_usage_used', { from: ts(d, 'from'), to: ts(d, 'to') })}`,
        )
      : d.rollup('rollup_account_day', { filter: '1', from: dayOf(d, 'from'), to: dayOf(d, 'to') }).then(() => d.sql),
  // Unfiltered, each account's debits and expiring credits come from the cluster (only accounts with points left).
  expiring_soon: async (d) => {
    if (!unfiltered(d)) return d.sql;
    const values = { at: ts(d, 'at'), months: chNumber(Number(d.params.expiry_months)) };
    const sql = replaceCte(d.sql, 'per_account', `SELECT * FROM ${await d.table('expiring_soon_accounts', values)}`);
    // The lots the cluster has added up: none are read locally.
    return replaceCte(sql, 'lots', 'SELECT NULL::VARCHAR AS account_id WHERE false');
  },
  audit_daily_series: whole('audit_daily_series', ['since', 'to'], 'day, rule_id'),
  // The chart's sums come from the rollups; of the ledger it reads only the rows tagged with an experiment.
  audit_daily_rules: async (d) => {
    await d.rows(
      `event_type = 'earn' AND ifNull(${d.col('experiment_id')}, '') <> '' AND ${periodWhere(d, 'since', 'to')}`,
    );
    return d.sql;
  },

  audit_off_hours: async (d) => {
    const r = await d.table('audit_off_hours_r', {
      from: ts(d, 'from'),
      to: ts(d, 'to'),
      ...workWindowLiterals(d.params.start, d.params.end),
      days: weekdays(d.params.days),
    });
    return replaceCte(d.sql, 'r', `SELECT * FROM ${r}`);
  },

  // The night approvals per approver, month and hour are counted on the cluster (r): no approver × day × hour cell
  // comes back.
  audit_night_hours: async (d) => {
    const r = await d.table('audit_night_hours_r', {
      from: ts(d, 'from'),
      to: ts(d, 'to'),
      ...workWindowLiterals(d.params.start, d.params.end),
    });
    return replaceCte(d.sql, 'r', `SELECT * FROM ${r}`);
  },

  // The three tests run on the cluster (share, split, rule: each returns the rows of the query's CTE candidates), so
  // only candidates come back, and then only their evidence rows.
  audit_concentration: concentrationDemand,

  // Each rule's counts over the span (rules, levels) come from the cluster first and go back as literals into one
  // pass over the window that finds the candidate account-days and their peers' baseline (cand); then, per candidate,
  // its trailing history (own: at most window_days numbers), its day's earn cells and its day's earn rows: no cell
  // of another day and no account-day of anyone else comes back.
  audit_account_spike: async (d) => {
    const from = dayOf(d, 'from');
    const to = dayOf(d, 'to');
    const window = Number(d.params.window_days);
    const values = {
      cells_from: chTimestamp(shiftedDay(from, -window)),
      cells_to: chTimestamp(to),
      skip: chString(String(d.params.skip_days).split(',').filter(Boolean).map(isoDay).join(',')),
      from_day: `toDate(${chString(from)})`,
      ...campaignLists(d.params.campaigns),
      roster: `${d.roster}`,
      top_awards: chNumber(Number(d.params.top_awards)),
      z: chNumber(Number(d.params.z)),
    };
    // The span's active account-days first, sent as a literal: as a scalar subquery 18.16 ran it again and again.
    // A span without earn rows (a period before the ledger's first row) gives no row: no days.
    const [[active, eligible] = [0, 0]] = await d.local(
      `SELECT days, eligible FROM ${await d.table('audit_account_spike_days', values)}`,
    );
    const rules = await d.table('audit_account_spike_rules', {
      ...values,
      active_days: chNumber(Number(active)),
      eligible_days: chNumber(Number(eligible)),
    });
    const levels = await d.table('audit_account_spike_levels', values);
    const ruleRows = await d.local(`SELECT rule_id, usual_n, rate, award, days, tests FROM ${rules}`);
    const literals = spikeRuleLiterals(
      ruleRows,
      await d.local(`SELECT rule_id, n, c FROM ${levels}`),
      Number(d.params.award_min_days),
      Number(d.params.burst_alpha),
    );
    // No rule paid in the span: no count and no award to judge a day by, so no candidate.
    const cand =
      ruleRows.length === 0
        ? `(${NO_CANDIDATES})`
        : await d.table('audit_account_spike_cand', { ...values, ...literals });
    const keys = await d.local(`SELECT DISTINCT account_id, strftime(day, '%Y-%m-%d') FROM ${cand}`);
    // Each candidate's trailing history (the CTE own) and its day's own cells (what counts reads) are reduced on the
    // cluster: the window's cells of the candidates' accounts grow with the ledger and stay there.
    const spans = { cells_from: values.cells_from, cells_to: values.cells_to, ...candidateSpans(keys, window) };
    const cells = keys.length === 0 ? `(${NO_CELLS})` : await d.table('audit_account_spike_day_cells', spans);
    const own =
      keys.length === 0
        ? 'SELECT NULL::VARCHAR AS account_id, NULL::DATE AS day, NULL::DOUBLE[] AS history, NULL::INTEGER AS since WHERE false'
        : `SELECT * FROM ${await d.table('audit_account_spike_own', { ...spans, window_days: chNumber(window) })}`;
    await d.rows(
      keys.length === 0
        ? null
        : `event_type = 'earn' AND ${periodWhere(d)} AND ${within(['account_id', 'toString(toDate(occurred_at))'], keys)}`,
    );
    let sql = replaceCte(d.sql, 'rules', `SELECT * FROM ${rules}`);
    sql = replaceCte(sql, 'levels', `SELECT * FROM ${levels}`);
    sql = replaceCte(sql, 'cand', `SELECT * FROM ${cand}`);
    sql = replaceCte(sql, 'own', own);
    // What still names the audit's account-day tables (CTEs the replaced ones made unread) reads the candidate days'
    // cells, so nothing local reads the window.
    const accountDay = loadQuery('audit_account_day')
      .sql.split('\n')
      .filter((l) => !l.startsWith('--'))
      .join(' ')
      .replace(/\baudit_account_rule_day\b/g, cells);
    return sql.replace(/\baudit_account_day\b/g, `(${accountDay})`).replace(/\baudit_account_rule_day\b/g, cells);
  },

  // The burst starts (first_starts: each account's days of the audit's window as arrays) and each start's earning
  // history (hist) are reduced on the cluster; the pace bound (starts, over the month rollup) and the dormancy test
  // (idle) run here, and only the burst and cash-out rows of the starts that pass it come back.
  audit_burst_redeem: async (d) => {
    const since = d.memo.get('audit_since');
    if (!since) throw new Error('audit_burst_redeem runs within an audit (its window comes first)');
    const window = {
      cells_from: chTimestamp(since),
      cells_to: chTimestamp(dayOf(d, 'to')),
      from_day: `toDate(${chString(dayOf(d, 'from'))})`,
    };
    // The period's floor first, sent as a literal: as a scalar subquery 18.16 ran it again and again.
    const floor = await d.table('audit_burst_redeem_floor', {
      ...window,
      quantile: chNumber(Number(d.params.quantile)),
    });
    const [[q]] = await d.local(`SELECT q FROM ${floor}`);
    const first = await d.table('audit_burst_redeem_starts', {
      ...window,
      burst_days: chNumber(Number(d.params.burst_days)),
      dormant_days: chNumber(Number(d.params.dormant_days)),
      q: chNumber(Number(q)),
    });
    // The starts before the pace bound come from the cluster; the bound and the rest run here as written.
    const base = replaceCte(d.sql, 'first_starts', `SELECT * FROM ${first}`);
    const starts = await d.local(
      throughCte(
        base,
        'starts',
        "SELECT account_id, string_agg(strftime(day, '%Y-%m-%d'), ',' ORDER BY day) FROM starts GROUP BY ALL",
      ),
    );
    if (starts.length === 0) {
      await d.rows(null);
      return base;
    }
    const accounts = starts.map((s) => chString(s[0])).join(', ');
    const hist = await d.table('audit_burst_redeem_hist', {
      accounts: `[${accounts}]`,
      account_set: `(${accounts})`,
      days: `[${starts.map((s) => chString(s[1].split(',').map(isoDay).join(','))).join(', ')}]`,
      dormant_days: chNumber(Number(d.params.dormant_days)),
    });
    // The earn cells the query's own history would read are the cluster's work now: none are read locally.
    const none = `SELECT NULL::VARCHAR AS account_id, NULL::DATE AS day, NULL::BIGINT AS n,
      NULL::DECIMAL(18,2) AS points WHERE false`;
    const sql = replaceCte(
      replaceCte(base, 'earned', none),
      'hist',
      `SELECT s.account_id, s.day, s.burst, r.n_h, r.pts_h, r.first_h, r.last_h, r.n_w, r.last_earn
       FROM starts s JOIN ${hist} r ON r.account_id = s.account_id AND r.day = s.day`,
    );
    const idle = await d.local(throughCte(sql, 'idle', "SELECT account_id, strftime(day, '%Y-%m-%d') FROM idle"));
    const burst = Number(d.params.burst_days);
    const days = (n: number) =>
      idle.flatMap(([a, day]) => Array.from({ length: n }, (_, i) => [a, shiftedDay(day, i)]));
    const cell = ['account_id', 'toString(toDate(occurred_at))'];
    await d.rows(
      idle.length === 0
        ? null
        : `(event_type = 'earn' AND ${within(cell, days(burst))}) OR (event_type = 'redeem' AND ${within(cell, days(burst + Number(d.params.redeem_days)))})`,
    );
    return sql;
  },

  audit_cap_breach: async (d) => {
    const keys = await capCells(d, false);
    await d.rows(keys.length === 0 ? null : cellRows(d, keys));
    return d.sql;
  },

  audit_cap_near: async (d) => {
    const keys = await capCells(d, true);
    await d.rows(keys.length === 0 ? null : cellRows(d, keys));
    return d.sql;
  },

  // Rows whose whole key (account, type, points, rule, reason) occurs more than once in the range: the only ones
  // that can repeat. Grouped on a 64-bit hash of the key on the cluster (a collision only adds rows). A window under
  // a day groups the key per day and adds the rows within the window of midnight (a pair across it), as the
  // query's own narrowing does: both rows of a pair, and every same-key row between them, are then present.
  audit_near_duplicate: async (d) => {
    // Whole seconds rounded up: more rows, never fewer (in whole minutes 7.4 became 7 and lost pairs 7 min 10 s apart).
    const seconds = Math.ceil(Number(d.params.window_minutes) * 60);
    const since = secondsBefore(d.params.from, seconds);
    const range = `event_type IN ('earn', 'deduct', 'adjust') AND occurred_at >= ${since} AND occurred_at < ${ts(d, 'to')}`;
    const parts = `account_id, event_type, toString(points), ifNull(${d.col('rule_id')}, ''), ifNull(${d.col('reason')}, '')`;
    const daily = seconds < 86400;
    const key = `cityHash64(${parts}${daily ? ', toDate(occurred_at)' : ''})`;
    // In parentheses, or `86400 - ${second}` reads 86400 − h·3600 + m·60 + s (pairs across midnight were lost).
    const second = '(toHour(occurred_at) * 3600 + toMinute(occurred_at) * 60 + toSecond(occurred_at))';
    // `second` drops the fraction of a second, so a time t before midnight is 86400 − t ≥ 86400 − second − 1.
    const w = chNumber(seconds);
    const midnight = daily ? ` OR ${second} <= ${w} OR 86400 - ${second} <= ${w} + 1` : '';
    await d.rows(
      `${range} AND (${key} GLOBAL IN (SELECT ${key} FROM {ledger} WHERE ${range} GROUP BY ${key} HAVING count() > 1)${midnight})`,
    );
    // These rows are the candidates already: the query's own narrowing over rollup_account_day is not needed.
    const none = `SELECT NULL::VARCHAR AS account_id, NULL::DATE AS day, NULL::VARCHAR AS rule_id,
      NULL::VARCHAR AS event_type, true AS hit WHERE false`;
    return replaceCte(d.sql, 'cells', none).replace(/\$kept\b/g, 'false');
  },

  // Self-approved rows, and the rows of the same approver, rule and day (whether they were a batch run).
  audit_self_approval: async (d) => {
    const a = d.col('approver_id');
    const self = `${a} = account_id AND ${periodWhere(d)}`;
    const cell = joined([`ifNull(${a}, '')`, `ifNull(${d.col('rule_id')}, '')`, 'toString(toDate(occurred_at))']);
    await d.rows(`${periodWhere(d)} AND ${cell} GLOBAL IN (SELECT ${cell} FROM {ledger} WHERE ${self})`);
    return d.sql;
  },

  audit_transfer_edges: async (d) => {
    await d.rows(`event_type = 'transfer' AND ${periodWhere(d)}`);
    return d.sql;
  },
  audit_amounts: whole('audit_amounts', ['from', 'to'], 'field, approver_id NULLS FIRST, amount'),
  audit_amount_rows: amountRows,
  audit_round_numbers: async (d) => {
    await d.rows(`event_type = 'adjust' AND points != 0 AND ${periodWhere(d)}`);
    return d.sql;
  },
  audit_off_hours_rows: async (d) => {
    await d.rows(`${d.col('approver_id')} = ${chString(String(d.params.approver_id))} AND ${periodWhere(d)}`);
    return d.sql;
  },
  audit_rule_day_rows: async (d) => {
    const day = ts(d, 'day');
    await d.rows(
      `event_type = 'earn' AND ifNull(${d.col('rule_id')}, '') = ${chString(String(d.params.rule_id))} AND occurred_at >= ${day} AND occurred_at < ${nextDay(d.params.day)}`,
    );
    return d.sql;
  },
};

/** The rows behind Benford's amounts (evidence of a flagged field): adjustments, received transfers, cash values. */
async function amountRows(d: DemandContext): Promise<string> {
  await d.rows(
    `${periodWhere(d)} AND ((event_type = 'adjust' AND points != 0) OR (event_type = 'transfer' AND points > 0) OR (isNotNull(${d.col('cash_value')}) AND ${d.col('cash_value')} != 0))`,
  );
  return d.sql;
}
