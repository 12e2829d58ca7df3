import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { audit, day, insertRows, openDb, type Row } from './fixture.ts';

/**
 * Defects found on the scenario matrix, each as a small hand-written ledger: a favourite in a one-approver team
 * (every row of the team is signed by one manager, so no co-approver shows the favour), a stray award during a
 * dormancy, and a cash-out of ten weeks' pay in one week.
 */
const Q1 = { from: '2026-01-01', to: '2026-04-01' };
const weekdays = Array.from({ length: 90 }, (_, i) => day(Q1.from, i)).filter(
  (d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()),
);

/**
 * A team that M signs everything for on one weekday: U1 twice a day (busy, in every rule), U2..Un every other day,
 * rules R1..R4 in turn.
 */
function teamDay(d: string, i: number, members: number): Row[] {
  const award = (at: string, account: string, k: number): Row => ({
    at: `${d} ${at}`,
    account,
    points: 10,
    rule: `R${1 + (k % 4)}`,
    approver: 'M',
  });
  const rows = [award('11:00:00', 'U1', i), award('15:00:00', 'U1', i + 1)];
  for (let m = 2; m <= members; m++) if ((i + m) % 2 === 0) rows.push(award(`10:0${m}:00`, `U${m}`, i + m));
  return rows;
}

describe('concentration and burst-then-redeem on hand-made ledgers', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openDb();
  });
  afterEach(() => db.close());

  it('concentration flags a one-approver favourite who gets one rule every day, not the busy member', async () => {
    const rows: Row[] = [];
    weekdays.forEach((d, i) => {
      rows.push(...teamDay(d, i, 8));
      // The favour: U8 gets R1 from M on every working day on top.
      rows.push({ at: `${d} 16:30:00`, account: 'U8', points: 10, rule: 'R1', approver: 'M' });
    });
    await insertRows(db, rows);
    const r = await audit(db, { ...Q1, checks: ['concentration'] });
    expect(r.flags.map((f) => f.accounts)).toEqual([['M', 'U8']]);
    expect(r.flags[0]).toMatchObject({ reason_key: 'concentration_rule', rule_id: 'R1' });
    // Every R1 award-day of U8 is evidence; U8's other rules came on its ordinary every-other day.
    expect(r.flags[0].reason_vars.n).toBe(weekdays.length);
    expect(r.flags[0].baseline).toBeLessThan(0.15);
  });

  it("concentration: a one-approver team's busy member is not a favourite because the administrators' few rows are a smaller share of theirs", async () => {
    const rows: Row[] = [];
    weekdays.forEach((d, i) => {
      rows.push(...teamDay(d, i, 6));
      // A points administrator keys two manual credits a day, one to a member of this team and one to one of ten
      // people elsewhere, whatever their activity.
      rows.push(
        { at: `${d} 16:00:00`, account: `U${1 + (i % 6)}`, points: 7, type: 'adjust', approver: 'H' },
        { at: `${d} 16:30:00`, account: `V${i % 10}`, points: 7, type: 'adjust', approver: 'H' },
      );
    });
    await insertRows(db, rows);
    const r = await audit(db, { ...Q1, checks: ['concentration'] });
    expect(r.flags).toEqual([]);
  });

  it("concentration: a team's busiest member, as far above the rest as this ledger's teams spread, is not a favourite", async () => {
    const rows: Row[] = [];
    // Seven teams whose six members get 9 to 44 awards in a quarter (a log-normal spread, sd about 0.6 on a log
    // scale), and M's team: five alike and one with 140 (64 % of M's points; 9× the others' geometric mean).
    const spread = [9, 14, 18, 23, 29, 44];
    const teams: [string, number[]][] = [['M', [13, 14, 16, 17, 18, 140]]];
    for (let t = 2; t <= 8; t++) teams.push([`G${t}`, spread.map((_, k) => spread[(k + t) % 6])]);
    for (const [approver, counts] of teams)
      counts.forEach((c, m) => {
        for (let k = 0; k < c; k++) {
          const d = weekdays[Math.floor((k * weekdays.length) / c)];
          const at = `${d} ${String(8 + (k % 10)).padStart(2, '0')}:${String(m * 5).padStart(2, '0')}:00`;
          rows.push({ at, account: `${approver}-U${m}`, points: 10, rule: `R${1 + (k % 4)}`, approver });
        }
      });
    await insertRows(db, rows);
    const r = await audit(db, { ...Q1, checks: ['concentration'] });
    expect(r.flags).toEqual([]);
  });

  it("concentration: a co-approver's ordinary share is judged against the team's typical split, not one swollen by a favourite's flood", async () => {
    const rows: Row[] = [];
    // T1..T9 get 60 awards each in the quarter, signed by A1, A2 and A3 in turn; A1 also signs 1,200 more for T9.
    for (let m = 1; m <= 9; m++)
      for (let k = 0; k < 60; k++) {
        const d = weekdays[Math.floor((k * weekdays.length) / 60)];
        const at = `${d} ${String(8 + (k % 10)).padStart(2, '0')}:${String(m * 5).padStart(2, '0')}:00`;
        rows.push({ at, account: `T${m}`, points: 10, rule: `R${1 + (k % 4)}`, approver: `A${1 + (k % 3)}` });
      }
    for (let k = 0; k < 1200; k++) {
      const d = weekdays[Math.floor((k * weekdays.length) / 1200)];
      rows.push({
        at: `${d} 18:${String(k % 60).padStart(2, '0')}:00`,
        account: 'T9',
        points: 10,
        rule: `R${1 + (k % 4)}`,
        approver: 'A1',
      });
    }
    await insertRows(db, rows);
    const r = await audit(db, { ...Q1, checks: ['concentration'] });
    expect(r.flags.map((f) => f.accounts)).toEqual([['A1', 'T9']]);
  });

  it('burst_redeem: a stray award during the leave does not end the dormancy; ten weeks of pay in a week is a burst', async () => {
    const rows: Row[] = [];
    // Z and W earned 10 (Z) or 100 (W) points on 65 weekdays from September to November, then took a leave.
    for (let i = 0, n = 0; n < 65; i++) {
      const d = day('2025-09-01', i);
      if ([0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) continue;
      n += 1;
      rows.push({ at: `${d} 10:00:00`, account: 'Z', points: 10, rule: 'R1' });
      rows.push({ at: `${d} 10:00:00`, account: 'W', points: 100, rule: 'R1' });
    }
    // Z: one award 41 days before its burst (still far below a week of its pace in the quarter before), then 3,000.
    rows.push({ at: '2026-01-20 10:00:00', account: 'Z', points: 10, rule: 'R1' });
    // W: 5,000 in three days, two and a third of its usual months (100 × 65 / 91 days × 30 = 2,143).
    for (const [d, z, w] of [
      ['2026-03-02', 1000, 2000],
      ['2026-03-03', 1000, 2000],
      ['2026-03-04', 1000, 1000],
    ] as const)
      rows.push(
        { at: `${d} 10:00:00`, account: 'Z', points: z, rule: 'R2' },
        { at: `${d} 10:00:00`, account: 'W', points: w, rule: 'R2' },
      );
    rows.push(
      { at: '2026-03-06 10:00:00', account: 'Z', points: -2800, type: 'redeem', rule: 'M-1' },
      { at: '2026-03-06 10:00:00', account: 'W', points: -4500, type: 'redeem', rule: 'M-1' },
    );
    await insertRows(db, rows);
    const r = await audit(db, { from: '2026-03-01', to: '2026-04-01', checks: ['burst_redeem'] });
    expect(r.flags.map((f) => [f.account_id, f.from, f.value])).toEqual([
      ['W', '2026-03-02', 5000],
      ['Z', '2026-03-02', 3000],
    ]);
    expect(r.flags[1].reason_vars.idle_days).toBe(41);
  });

  it('burst_redeem: one large reward after a leave, cashed out, is luck and not a burst; two of them are', async () => {
    const rows: Row[] = [];
    // V and T: an award of 100 a month from September to November, then a leave.
    for (const d of ['2025-09-01', '2025-10-01', '2025-11-03'])
      for (const a of ['V', 'T']) rows.push({ at: `${d} 10:00:00`, account: a, points: 100, rule: 'R1' });
    // V gets one reward of 5,000 and redeems it; T gets two of 2,500 on two days and redeems 5,000.
    rows.push(
      { at: '2026-03-02 10:00:00', account: 'V', points: 5000, rule: 'R9' },
      { at: '2026-03-02 10:00:00', account: 'T', points: 2500, rule: 'R9' },
      { at: '2026-03-03 10:00:00', account: 'T', points: 2500, rule: 'R9' },
      { at: '2026-03-06 10:00:00', account: 'V', points: -5000, type: 'redeem', rule: 'M-1' },
      { at: '2026-03-06 10:00:00', account: 'T', points: -5000, type: 'redeem', rule: 'M-1' },
    );
    await insertRows(db, rows);
    const r = await audit(db, { from: '2026-03-01', to: '2026-04-01', checks: ['burst_redeem'] });
    expect(r.flags.map((f) => f.account_id)).toEqual(['T']);
  });
});
