import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccountDayRollup } from '../../src/db/audit-rollup.ts';
import { rebuildRollups } from '../../src/db/rollups.ts';
import type { Database } from '../../src/db/database.ts';
import { audit, day, insertRows, insertRule, openDb, type Row } from '../audit/fixture.ts';
import { runChecked } from './fixture.ts';
import { sqlRows } from '../../src/db/sql.ts';

/**
 * Every queries/audit_*.sql through runChecked (columns and types against the header) on one small ledger whose
 * answers are counted by hand below. The checks built on them are tested in test/audit/.
 */
const P = { from: '2026-03-01', to: '2026-04-01' };

describe('queries/audit_*.sql', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDb();
    await insertRule(db, 'R5', 60, 100);
    await insertRows(db, [
      { id: 'a1', at: '2025-11-01 10:00:00', account: 'A', points: 100, rule: 'R5', approver: 'M', department: 'D' },
      { id: 'a2', at: '2026-03-02 09:00:00', account: 'A', points: 60, rule: 'R5', approver: 'M', department: 'D' },
      { id: 'a3', at: '2026-03-02 09:04:00', account: 'A', points: 60, rule: 'R5', approver: 'M', department: 'D' }, // repeat of a2, cap 120 > 100
      { id: 'a4', at: '2026-03-03 02:00:00', account: 'A', points: 2500, rule: 'R16', approver: 'A', department: 'D' }, // self-approved at night
      { id: 'a5', at: '2026-03-05 10:00:00', account: 'A', points: -2400, type: 'redeem', rule: 'M-1', cash: 1800 },
      { id: 'b1', at: '2026-03-02 10:00:00', account: 'B', points: 100, rule: 'R1', approver: 'M', department: 'D' },
      { id: 'j1', at: '2026-03-06 11:00:00', account: 'B', points: 500, type: 'adjust', approver: 'H' },
      { id: 'j2', at: '2026-03-06 12:00:00', account: 'C', points: 37.5, type: 'adjust', approver: 'H' },
      { id: 't1', at: '2026-03-07 20:00:00', account: 'B', points: -30, type: 'transfer', counterparty: 'C' },
      { id: 't2', at: '2026-03-07 20:00:00', account: 'C', points: 30, type: 'transfer', counterparty: 'B' },
    ]);
    await buildAccountDayRollup(db, '2025-10-01', P.to, false);
  });
  afterAll(() => db.close());

  it('audit_account_rule_day and audit_account_day: per account, day and rule, then per account-day', async () => {
    const ruleDays = await runChecked(db, 'audit_account_rule_day', { since: '2026-03-01', to: P.to, kept: false });
    // A on 03-02: R5 twice (a2, a3) within 4 minutes.
    expect(ruleDays.find((r) => r.account_id === 'A' && r.rule_id === 'R5')).toMatchObject({ issued: 120, n: 2 });
    const rows = await runChecked(db, 'audit_account_day', {});
    // A on 11-01 (100), A on 03-02 (60 + 60), A on 03-03 (2500), B on 03-02 (100): the rollup built since 2025-10-01.
    expect(rows.map((r) => [r.account_id, r.issued]).sort()).toEqual([
      ['A', 100],
      ['A', 120],
      ['A', 2500],
      ['B', 100],
    ]);
  });

  it('the import-time rollups, rebuilt for the kept paths below', async () => {
    await rebuildRollups(db);
    expect((await sqlRows(db, 'SELECT count(*)::INTEGER AS n FROM rollup_account_day'))[0]).toEqual({ n: 9 }); // 4 earn cells, a redemption, two adjustments, two transfer sides
  });

  it('audit_account_rule_day over the kept rollup equals the pass over the rows', async () => {
    const since = { since: '2025-10-01', to: P.to };
    const sorted = (rows: Record<string, unknown>[]) =>
      rows.map((r) => JSON.stringify(r)).sort((a, b) => a.localeCompare(b));
    const kept = await runChecked(db, 'audit_account_rule_day', { ...since, kept: true });
    expect(kept).toHaveLength(4);
    expect(sorted(kept)).toEqual(sorted(await runChecked(db, 'audit_account_rule_day', { ...since, kept: false })));
    // Over the kept rollup the account-rule-days are a view; the per-account-day sums are the same.
    await buildAccountDayRollup(db, since.since, since.to, true);
    expect((await runChecked(db, 'audit_account_day', {})).map((r) => [r.account_id, r.issued]).sort()).toEqual([
      ['A', 100],
      ['A', 120],
      ['A', 2500],
      ['B', 100],
    ]);
  });

  it('audit_account_day_kept: the same account-days read from the import-time rollup_earn_day, counts included', async () => {
    const since = { since: '2025-10-01', to: P.to };
    const rows = (r: Record<string, unknown>[]) =>
      r.map((x) => [x.account_id, (x.day as Date).toISOString().slice(0, 10), x.issued, x.n].join('|')).sort();
    const kept = await runChecked(db, 'audit_account_day_kept', since);
    expect(rows(kept)).toEqual([
      'A|2025-11-01|100|1',
      'A|2026-03-02|120|2',
      'A|2026-03-03|2500|1',
      'B|2026-03-02|100|1',
    ]);
    expect(rows(kept)).toEqual(rows(await runChecked(db, 'audit_account_day', {})));
    // The window's bounds: a day before `since` or from `to` on is not read.
    expect(rows(await runChecked(db, 'audit_account_day_kept', { since: '2026-03-02', to: '2026-03-03' }))).toEqual([
      'A|2026-03-02|120|2',
      'B|2026-03-02|100|1',
    ]);
  });

  it('audit_account_spike: bursts and days beyond the largest ordinary awards, with history and peers', async () => {
    // Span (03-01 − 28 d … 04-01) account-rule-days: A R5 n 2 (award 60), A R16 (2500), B R1 (100). Each rule's mean
    // count is its only value, so no burst; the largest mean award of a rule is R16's 2500, and with top_awards 1
    // only A's 2500 reaches it.
    const params = {
      ...P,
      window_days: 28,
      award_min_days: 1,
      top_awards: 1,
      z: 3.5,
      burst_alpha: 0.01,
      skip_days: '',
      campaigns: '',
      kept: false,
    };
    const rows = await runChecked(db, 'audit_account_spike', params);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      account_id: 'A',
      day: '2026-03-03',
      issued: 2500,
      history: [120],
      peer_median: 120,
      repeats: null,
      tests: 3,
    });
    expect(rows[0].award).toBe(2500);
    // A ×5 campaign on 03-03, of R16 or of every rule: R16's 2500 counts as 500, its value without the campaign.
    for (const campaigns of ['2026-03-03|R16|5', '2026-03-03||5,2026-03-03|R16|2'])
      expect((await runChecked(db, 'audit_account_spike', { ...params, campaigns }))[0].award).toBe(500);
    // Skipping 03-03 leaves awards of 60 and 100: 2 × 100 lets A's 03-03 in; a rule must be paid on 2 account-days
    // to count as ordinary, and none is: no award, no big candidate.
    const skipped = await runChecked(db, 'audit_account_spike', { ...params, top_awards: 2, skip_days: '2026-03-03' });
    expect(skipped.map((r) => r.day)).toEqual(['2026-03-03']);
    expect(await runChecked(db, 'audit_account_spike', { ...params, award_min_days: 2 })).toEqual([]);
    // Peers (department D: 100, 120, 2500) have median 120 and MAD 20: A's 2500 is modified z 0.6745 × 2380 / 20 ≈ 80;
    // above that the query already drops it.
    expect(await runChecked(db, 'audit_account_spike', { ...params, z: 81 })).toEqual([]);
    expect(await runChecked(db, 'audit_account_spike', { ...params, z: 80 })).toHaveLength(1);
  });

  it('audit_daily_series, audit_rule_day_rows: per day and rule', async () => {
    for (const kept of [false, true]) {
      const rows = await runChecked(db, 'audit_daily_series', { since: '2026-03-02', to: '2026-03-03', kept });
      expect(rows.map((r) => [r.rule_id, r.issued, r.rows, r.experiment])).toEqual([
        ['R1', 100, 1, null],
        ['R5', 120, 2, null],
      ]);
    }
    const ev = await runChecked(db, 'audit_rule_day_rows', { day: '2026-03-02', rule_id: 'R5' });
    expect(ev.map((r) => r.event_id)).toEqual(['a2', 'a3']);
    // The same sums from the day × rule rollup, whole program and within department D (B's R1 is D's too).
    await rebuildRollups(db);
    const chart = await runChecked(db, 'audit_daily_rules', {
      since: '2026-03-02',
      to: '2026-03-03',
      scope_attribute: null,
      scope_value: null,
    });
    expect(chart.map((r) => [r.rule_id, r.issued, r.rows, r.experiment])).toEqual([
      ['R1', 100, 1, null],
      ['R5', 120, 2, null],
    ]);
    const scoped = await runChecked(db, 'audit_daily_rules', {
      since: '2026-03-02',
      to: '2026-03-03',
      scope_attribute: 'department',
      scope_value: 'nope',
    });
    expect(scoped).toEqual([]);
  });

  it('audit_cap_breach and audit_cap_near', async () => {
    const rows = await runChecked(db, 'audit_cap_breach', { ...P, account_cap: 2000, program_cap: null });
    expect(rows.map((r) => [r.kind, r.account_id, r.total, r.cap])).toEqual([
      ['rule', 'A', 120, 100],
      ['account', 'A', 2500, 2000],
    ]);
    // 120 is above the rule's cap, 2,500 above the account's: neither just below.
    expect(await runChecked(db, 'audit_cap_near', { ...P, near_band: 0.05, min_days: 1, account_cap: 2000 })).toEqual(
      [],
    );
    // A's day of 2,500 lies just below an account cap of 2,600 (the band [2,470, 2,600)).
    const near = await runChecked(db, 'audit_cap_near', { ...P, near_band: 0.05, min_days: 1, account_cap: 2600 });
    expect(near.map((r) => [r.kind, r.account_id, r.rule_id, r.days, r.cap])).toEqual([
      ['account', 'A', null, 1, 2600],
    ]);
  });

  it('audit_near_duplicate, audit_self_approval', async () => {
    for (const kept of [false, true]) {
      // the rollups were rebuilt above: both paths read the same rows
      const dup = await runChecked(db, 'audit_near_duplicate', { ...P, window_minutes: 10, kept });
      expect(dup.map((r) => [r.first_id, r.second_id, r.seconds])).toEqual([['a2', 'a3', 240]]);
    }
    const self = await runChecked(db, 'audit_self_approval', { ...P, batch_min_accounts: 20, batch_minutes: 10 });
    expect(self).toEqual([
      {
        account_id: 'A',
        rows: 1,
        batch_rows: 0,
        points: 2500,
        first_day: '2026-03-03',
        last_day: '2026-03-03',
        event_ids: ['a4'],
      },
    ]);
  });

  it('audit_transfer_edges and audit_concentration', async () => {
    const edges = await runChecked(db, 'audit_transfer_edges', P);
    expect(edges.map((r) => [r.giver, r.receiver, r.transfers, r.points, r.amounts, r.event_ids])).toEqual([
      ['B', 'C', 1, 30, [30], ['t1', 't2']],
    ]);
    // M approved a2, a3 (A, 120) and b1 (B, 100): 3 movements, 2 receivers; top A = 120 / 220.
    const c = await runChecked(db, 'audit_concentration', { ...P, share: 0.5, min_count: 3, min_receivers: 2 });
    expect(c.map((r) => [r.giver, r.role, r.receiver, r.top_points, r.total_points, r.movements, r.receivers])).toEqual(
      [['M', 'approver', 'A', 120, 220, 3, 2]],
    );
  });

  it("audit_off_hours: a4 at 02:00 is A's night approval", async () => {
    const hours = { start: '08:00', end: '20:00', days: '1,2,3,4,5' };
    // From the rows, and from rollup_approver_hour (rebuilt above) with the department still read off the rows.
    for (const kept of [false, true]) {
      const rows = await runChecked(db, 'audit_off_hours', { ...P, ...hours, kept });
      // March approvals: a2, a3, b1 (M), a4 (A), j1, j2 (H); a4 at 02:00 is the only night one; none on a rest day.
      expect(
        rows.map((r) => [r.approver_id, r.department, r.month, r.approved, r.night, r.rest_day, r.first_night]),
      ).toEqual([
        ['A', 'D', '', 1, 1, 0, '2026-03-03'],
        ['A', 'D', '2026-03', 1, 1, 0, '2026-03-03'],
        ['H', '', '', 2, 0, 0, null],
        ['H', '', '2026-03', 2, 0, 0, null],
        ['M', 'D', '', 3, 0, 0, null],
        ['M', 'D', '2026-03', 3, 0, 0, null],
      ]);
    }
    expect(await runChecked(db, 'audit_off_hours_rows', { approver_id: 'A', ...P, ...hours, class: 'night' })).toEqual([
      { event_id: 'a4' },
    ]);
    expect(
      await runChecked(db, 'audit_off_hours_rows', { approver_id: 'A', ...P, ...hours, class: 'rest_day' }),
    ).toEqual([]);
    // By hour: a4 at 02:00, in its month and over the period; the same from rollup_approver_hour (rebuilt above).
    for (const kept of [false, true]) {
      const hours = Array.from({ length: 24 }, (_, h) => (h === 2 ? 1 : 0));
      expect(await runChecked(db, 'audit_night_hours', { ...P, start: '08:00', end: '20:00', kept })).toEqual([
        { approver_id: 'A', month: '', hours },
        { approver_id: 'A', month: '2026-03', hours },
      ]);
    }
  });

  it('audit_amounts, audit_amount_rows, audit_round_numbers', async () => {
    const amounts = await runChecked(db, 'audit_amounts', P);
    expect(amounts.map((r) => [r.field, r.approver_id, r.amount, r.n])).toEqual([
      ['adjust', 'H', 37.5, 1],
      ['adjust', 'H', 500, 1],
      ['cash_value', null, 1800, 1],
      ['transfer', null, 30, 1],
    ]);
    const rows = await runChecked(db, 'audit_amount_rows', { ...P, field: 'adjust', approver_id: 'H' });
    expect(rows.map((r) => r.event_id)).toEqual(['j1', 'j2']);
    const round = await runChecked(db, 'audit_round_numbers', { ...P, unit: 100 });
    expect(round.map((r) => [r.approver_id, r.manual, r.round, r.program_manual, r.program_round, r.accounts])).toEqual(
      [['H', 2, 1, 2, 1, ['B']]],
    );
  });

  it('audit_burst_redeem: A was idle from 2025-11-01, earned 2,620 in a week and redeemed 2,400', async () => {
    const params = { ...P, dormant_days: 90, burst_days: 7, redeem_days: 14, quantile: 0.5, redeem_share: 0.8 };
    const rows = await runChecked(db, 'audit_burst_redeem', { ...params, kept: false });
    // The kept path leaves out starts whose busiest month cannot make them dormant, before reading their history.
    expect(await runChecked(db, 'audit_burst_redeem', { ...params, kept: true })).toEqual(rows);
    // 2025-11-01 → 2026-03-02 = 121 days; burst 03-02..03-08: 60 + 60 + 2500 = 2620; 2400 / 2620 = 0.916 ≥ 0.8.
    expect(rows.map((r) => [r.account_id, r.burst_day, r.idle_days, r.burst, r.redeemed])).toEqual([
      ['A', '2026-03-02', 121, 2620, 2400],
    ]);
  });

  it('audit_account_series, audit_sample_frame, audit_sample_rows', async () => {
    const series = await runChecked(db, 'audit_account_series', { account_id: 'A', since: '2026-03-01', to: P.to });
    expect(series.map((r) => [r.day, r.issued])).toEqual([
      ['2026-03-02', 120],
      ['2026-03-03', 2500],
    ]);
    const frame = await runChecked(db, 'audit_sample_frame', { ...P, attribute: 'department' });
    expect(frame).toHaveLength(9); // every March row (a1 is in 2025)
    expect(frame.find((r) => r.event_id === 'a2')?.stratum).toBe('2026-03|D');
    const rows = await runChecked(db, 'audit_sample_rows', { ids: JSON.stringify(['j1', 'a2']) });
    expect(rows.map((r) => r.event_id)).toEqual(['a2', 'j1']);
  });
});

/**
 * The kept off-hours path classes a table of day × hour cells and joins it to rollup_approver_hour: its rows must be
 * the raw pass's across a month boundary, on rest days (2026-03-21/22 and 03-28/29, 04-04/05 are Saturdays and
 * Sundays), in the first and last hour of the working day (08:xx and 19:xx are work, 07:59 and 20:00 night) and at
 * night, with rows just outside the period on both sides.
 */
describe('audit_off_hours over the kept rollup, mid-March to mid-April', () => {
  const Q = { from: '2026-03-16', to: '2026-04-15' };
  const hours = { start: '08:00', end: '20:00', days: '1,2,3,4,5' };
  let db: Database;
  beforeAll(async () => {
    db = await openDb();
    const rows: Row[] = [];
    const times = ['08:00:00', '08:59:59', '10:30:00', '19:00:00', '19:59:59'];
    // Ordinary approvers: five working-hour approvals each weekday (the start and end hours included).
    for (let d = -3; d < 33; d++) {
      const at = day('2026-03-16', d);
      if ([0, 6].includes(new Date(`${at}T00:00:00Z`).getUTCDay())) continue;
      for (const [i, a] of ['P', 'Q', 'R', 'S'].entries())
        rows.push({
          at: `${at} ${times[(d + 3 + i) % times.length]}`,
          account: `X${d}`,
          points: 10,
          approver: a,
          department: i < 2 ? 'D' : null,
        });
    }
    // N signs at night on either side of midnight and of the month end, W on weekends, in and out of working hours.
    for (const at of [
      '2026-03-16 00:00:00',
      '2026-03-20 07:59:59',
      '2026-03-31 20:00:00',
      '2026-03-31 23:59:59',
      '2026-04-01 02:00:00',
      '2026-04-14 23:00:00',
    ])
      rows.push({ at, account: 'Y', points: 5, approver: 'N', department: 'E' });
    for (const at of [
      '2026-03-21 08:00:00',
      '2026-03-22 19:59:59',
      '2026-03-28 12:00:00',
      '2026-03-29 20:30:00',
      '2026-04-04 08:59:59',
      '2026-04-05 03:00:00',
    ])
      rows.push({ at, account: 'Z', points: 5, approver: 'W', department: 'E' });
    // NN signs every night of the period and WW every weekend afternoon: enough for the check to flag them.
    for (let d = 0; d < 30; d++) {
      const at = day('2026-03-16', d);
      rows.push({
        at: `${at} ${d % 2 ? '23:15:00' : '03:45:00'}`,
        account: 'Y',
        points: 5,
        approver: 'NN',
        department: 'E',
      });
      if ([0, 6].includes(new Date(`${at}T00:00:00Z`).getUTCDay()))
        for (const t of times)
          rows.push({ at: `${at} ${t}`, account: 'Z', points: 5, approver: 'WW', department: 'E' });
    }
    // Outside [from, to): a night the day before and the day the period ends, a weekend before it.
    for (const at of ['2026-03-15 23:59:59', '2026-04-15 00:00:00', '2026-03-14 10:00:00'])
      rows.push({ at, account: 'Y', points: 5, approver: 'N', department: 'E' });
    await insertRows(db, rows);
    await rebuildRollups(db);
  });
  afterAll(() => db.close());

  it('returns the same rows on both paths, N and W counted by hand', async () => {
    const raw = await runChecked(db, 'audit_off_hours', { ...Q, ...hours, kept: false });
    expect(await runChecked(db, 'audit_off_hours', { ...Q, ...hours, kept: true })).toEqual(raw);
    const pick = (id: string) =>
      raw
        .filter((r) => r.approver_id === id)
        .map((r) => [r.month, r.approved, r.night, r.rest_day, r.first_night, r.last_night, r.first_rest, r.last_rest]);
    expect(pick('N')).toEqual([
      ['', 6, 6, 0, '2026-03-16', '2026-04-14', null, null],
      ['2026-03', 4, 4, 0, '2026-03-16', '2026-03-31', null, null],
      ['2026-04', 2, 2, 0, '2026-04-01', '2026-04-14', null, null],
    ]);
    // 03-29 20:30 and 04-05 03:00 are night first: a weekend night counts once, as night.
    expect(pick('W')).toEqual([
      ['', 6, 2, 4, '2026-03-29', '2026-04-05', '2026-03-21', '2026-04-04'],
      ['2026-03', 4, 1, 3, '2026-03-29', '2026-03-29', '2026-03-21', '2026-03-28'],
      ['2026-04', 2, 1, 1, '2026-04-05', '2026-04-05', '2026-04-04', '2026-04-04'],
    ]);
    // Working hours only, including 08:00 and 19:59:59; R and S have no department.
    expect(raw.filter((r) => r.approver_id === 'S').map((r) => [r.department, r.month, r.night, r.rest_day])).toEqual([
      ['', '', 0, 0],
      ['', '2026-03', 0, 0],
      ['', '2026-04', 0, 0],
    ]);
  });

  it('raises the same off_hours_approval flags, NN (nights) and WW (weekends) among them', async () => {
    const kept = await audit(db, { ...Q, checks: ['off_hours_approval'] });
    const raw = await audit(db, { ...Q, checks: ['off_hours_approval'], raw: true });
    expect(kept.flags.map((f) => f.account_id)).toEqual(expect.arrayContaining(['NN', 'WW']));
    expect(kept.flags).toEqual(raw.flags);
  });
});
