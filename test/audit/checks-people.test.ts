import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { binomialTail } from '../../src/audit/binomial.ts';
import { defaultAuditSettings } from '../../src/audit/settings.ts';
import type { Database } from '../../src/db/database.ts';
import { audit, day, insertRows, openDb, type Row, transfer } from './fixture.ts';

/** Checks about who gives to whom and when: rings, reciprocal pairs, concentration, off-hours, round amounts, bursts. */
const P = { from: '2026-03-01', to: '2026-04-01' };

/**
 * An account paid 100 once, then after a leave 2,500 in three days (the farm), 250 more on each of `week` (its own
 * awards of the burst's week), and a redemption of `redeemed` two days after the farm.
 */
const farmedReturn = (account: string, redeemed: number, week: string[] = []): Row[] => [
  { at: '2025-10-01 10:00:00', account, points: 100, rule: 'R1' },
  ...['2026-03-02', '2026-03-03', '2026-03-04'].map((d) => ({
    at: `${d} 10:00:00`,
    account,
    points: 2500 / 3,
    rule: 'R1',
  })),
  ...week.map((d) => ({ at: `${d} 09:00:00`, account, points: 250, rule: 'R2' })),
  { at: '2026-03-06 10:00:00', account, points: -redeemed, type: 'redeem' as const, rule: 'M-1' },
];

describe('relationship and habit checks on hand-made ledgers', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openDb();
  });
  afterEach(() => db.close());

  it('ring flags A → B → C → A repeated, not a pair trading back and forth; min_edge_transfers is respected', async () => {
    const rows: Row[] = [];
    for (const w of [0, 7]) {
      const d = day('2026-03-02', w);
      rows.push(
        ...transfer(`${d} 20:00:00`, 'A', 'B', 500),
        ...transfer(`${d} 20:05:00`, 'B', 'C', 500),
        ...transfer(`${d} 20:10:00`, 'C', 'A', 500),
      );
      rows.push(...transfer(`${d} 12:00:00`, 'X', 'Y', 20), ...transfer(`${day(d, 1)} 12:00:00`, 'Y', 'X', 20));
    }
    await insertRows(db, rows);
    const r = await audit(db, { ...P, checks: ['ring'] });
    expect(r.flags).toHaveLength(1);
    // 3 edges × 2 transfers = 6 transfers of 500 = 3,000 points; each member received only from the ring: share 1.
    expect(r.flags[0]).toMatchObject({
      accounts: ['A', 'B', 'C'],
      value: 1,
      score: 6,
      from: '2026-03-02',
      to: '2026-03-10',
    });
    expect(r.flags[0].event_count).toBe(12); // both rows of the 6 transfers
    const s = defaultAuditSettings();
    s.ring.min_edge_transfers = 3;
    expect((await audit(db, { ...P, checks: ['ring'], settings: s })).flags).toHaveLength(0);
  });

  it('reciprocal_pair flags 3 round trips within 7 days, not 2', async () => {
    const rows: Row[] = [];
    for (const w of [0, 7, 14])
      rows.push(
        ...transfer(`${day('2026-03-02', w)} 12:00:00`, 'D', 'E', 30),
        ...transfer(`${day('2026-03-04', w)} 12:00:00`, 'E', 'D', 30),
      );
    for (const w of [0, 7])
      rows.push(
        ...transfer(`${day('2026-03-02', w)} 12:00:00`, 'F', 'G', 30),
        ...transfer(`${day('2026-03-04', w)} 12:00:00`, 'G', 'F', 30),
      );
    await insertRows(db, rows);
    const r = await audit(db, { ...P, checks: ['reciprocal_pair'] });
    expect(r.flags.map((f) => [f.accounts, f.value])).toEqual([[['D', 'E'], 3]]);
  });

  it('concentration flags an approver giving most awards to one of six receivers, not one spreading them evenly', async () => {
    const rows: Row[] = [];
    // Q: 20 awards to R1 and 2 each to R2..R6 (30 movements, 20/30 of the points to R1); P: 5 each to S1..S6.
    for (let i = 0; i < 30; i++) {
      const at = `${day('2026-03-02', i % 25)} 10:00:00`;
      rows.push({ at, account: i < 20 ? 'R1' : `R${2 + ((i - 20) % 5)}`, points: 100, rule: 'R1', approver: 'Q' });
      rows.push({ at, account: `S${1 + (i % 6)}`, points: 100, rule: 'R1', approver: 'P' });
    }
    await insertRows(db, rows);
    const r = await audit(db, { ...P, checks: ['concentration'] });
    expect(r.flags).toHaveLength(1);
    expect(r.flags[0]).toMatchObject({ account_id: 'Q', accounts: ['Q', 'R1'], baseline: 1 / 6 });
    expect(r.flags[0].value).toBeCloseTo(20 / 30, 12);
  });

  it("concentration: an approver signing far more of one receiver's rows than a co-approver does, though under half of their points", async () => {
    const rows: Row[] = [];
    // Team of eight, approvers A1 and A2 alternate; T1 is three times as busy as the rest (busy, not favoured).
    // A1 also signs 45 extra awards for T8: T8 gets 61 rows, 53 from A1, while A1's other receivers get half of theirs.
    for (let m = 1; m <= 8; m++) {
      const n = m === 1 ? 48 : 16;
      for (let i = 0; i < n; i++)
        rows.push({
          at: `${day('2026-03-02', i % 25)} ${String(8 + (i % 9)).padStart(2, '0')}:0${m % 10}:00`,
          account: `T${m}`,
          points: 10,
          rule: 'R1',
          approver: i % 2 ? 'A1' : 'A2',
        });
    }
    for (let i = 0; i < 45; i++)
      rows.push({
        at: `${day('2026-03-02', i % 25)} 17:${String(i).padStart(2, '0')}:00`,
        account: 'T8',
        points: 10,
        rule: 'R2',
        approver: 'A1',
      });
    await insertRows(db, rows);
    const r = await audit(db, { ...P, checks: ['concentration'] });
    expect(r.flags.map((f) => f.accounts)).toEqual([['A1', 'T8']]);
    expect(r.flags[0].reason_key).toBe('concentration_split');
    expect(r.flags[0].baseline).toBeCloseTo(0.5, 12);
  });

  it('off_hours_approval flags an approver signing 8 of 38 rows at 02:00, not one with 2 evening rows', async () => {
    const rows: Row[] = [];
    const weekdays = Array.from({ length: 31 }, (_, i) => day('2026-03-01', i)).filter(
      (d) => ![0, 6].includes(new Date(d).getUTCDay()),
    );
    for (const d of weekdays.slice(0, 15)) {
      for (const m of ['M', 'N', 'O', 'K'])
        rows.push(
          { at: `${d} 10:00:00`, account: `U${m}1`, points: 100, rule: 'R1', approver: m },
          { at: `${d} 11:00:00`, account: `U${m}2`, points: 100, rule: 'R1', approver: m },
        );
    }
    for (const d of weekdays.slice(0, 8))
      rows.push({ at: `${d} 02:00:00`, account: 'UM3', points: 100, rule: 'R1', approver: 'M' });
    for (const d of weekdays.slice(0, 2))
      rows.push({ at: `${d} 21:00:00`, account: 'UN3', points: 100, rule: 'R1', approver: 'N' });
    await insertRows(db, rows);
    const r = await audit(db, { ...P, checks: ['off_hours_approval'] });
    expect(r.flags.map((f) => [f.account_id, f.value])).toEqual([['M', 8]]);
    // M: 8 of 38 at night, all at 02:00. At night the rest of the program has 2 of 92 (21:00), smoothed (2 + 1) /
    // (92 + 2); at 02:00 none, (0 + 1) / (92 + 2): the hour is the stronger test (no departments: the peers are the
    // program). 4 approvers × (1 month + the period) × (2 classes + 77 runs of consecutive night hours: 12 hours
    // from 20:00 to 08:00, every run but the whole night) = 632 tests.
    expect(r.flags[0].baseline).toBeCloseTo(38 * (1 / 94), 9);
    expect(r.flags[0].score).toBeCloseTo(binomialTail(8, 38, 1 / 94), 12);
    expect(r.flags[0].threshold).toBeCloseTo(0.01 / 632, 12);
    expect(r.flags[0].explanation).toMatch(/M approved 8 of 38 rows between 02:00 and 03:00/);
    // With a family-wise alpha so small that p must be below it, M is no longer flagged.
    const s = defaultAuditSettings();
    s.off_hours.alpha = (r.flags[0].score as number) * 632 * 0.9;
    expect((await audit(db, { ...P, checks: ['off_hours_approval'], settings: s })).flags).toHaveLength(0);
  });

  it('round_adjustment flags an approver keying round credits, not one round amount among odd ones', async () => {
    const rows: Row[] = [];
    for (let i = 0; i < 40; i++)
      rows.push({
        at: `${day('2026-03-02', i % 20)} 14:00:00`,
        account: `T${i}`,
        points: 13.5 + i,
        type: 'adjust',
        approver: 'H1',
        reason: 'fix',
      });
    for (const [i, pts] of [500, 1000, 2000, 500, 1000].entries())
      rows.push({
        at: `${day('2026-03-10', i)} 15:00:00`,
        account: 'Z',
        points: pts,
        type: 'adjust',
        approver: 'H2',
        reason: 'bonus',
      });
    for (let i = 0; i < 10; i++)
      rows.push({
        at: `${day('2026-03-03', i)} 15:00:00`,
        account: `W${i}`,
        points: i === 0 ? 300 : 27 + i,
        type: 'adjust',
        approver: 'H3',
      });
    await insertRows(db, rows);
    const r = await audit(db, { ...P, checks: ['round_adjustment'] });
    expect(r.flags.map((f) => [f.account_id, f.value])).toEqual([['H2', 1]]);
    // H2's rivals: H1 (40, none round) and H3 (10, one round): share (1 + 1) / (50 + 2) = 1/26.
    expect(r.flags[0].baseline).toBeCloseTo(1 / 26, 12);
  });

  it("round_adjustment judges the densest stretch of an approver's rows: six round credits in a week among 300 odd amounts", async () => {
    const rows: Row[] = [];
    // K1 and K2 each key 300 odd amounts over the month; K1 also keys six round 500s within three days. Over the
    // month K1's 6 of 306 is p ≈ 5e-4 at the program's 1/302 (not below 1e-4); the 6 in a row are far below.
    for (let i = 0; i < 300; i++) {
      for (const k of ['K1', 'K2'])
        rows.push({
          at: `${day('2026-03-01', i % 30)} ${String(8 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`,
          account: `V${i % 50}`,
          points: 37 + (i % 50),
          type: 'adjust',
          approver: k,
          reason: 'fix',
        });
    }
    for (let i = 0; i < 6; i++)
      rows.push({
        at: `${day('2026-03-10', i % 3)} 18:0${i}:00`,
        account: `Q${i}`,
        points: 500,
        type: 'adjust',
        approver: 'K1',
        reason: 'bonus',
      });
    await insertRows(db, rows);
    const r = await audit(db, { ...P, checks: ['round_adjustment'] });
    expect(r.flags.map((f) => [f.account_id, f.from, f.to, f.event_count])).toEqual([
      ['K1', '2026-03-10', '2026-03-13', 6],
    ]);
  });

  it("round_adjustment measures roundness on the ledger's own scale: hand amounts of ~4,000 make a round credit 10,000, not 100", async () => {
    const rows: Row[] = [];
    // A ×100 program: awards of 500, 800 and 1,500 points. Two administrators key 300 hand amounts each (3,717 to
    // 4,614), one in ten a multiple of 100 (4,200: not a round figure at this scale); J2 also keys eight credits of
    // 10,000–50,000. At a fixed unit of 100 J2's 38 of 308 is ordinary beside J1's 30 of 300; the median hand amount
    // is about 4,200, so round means a multiple of 10,000.
    for (let i = 0; i < 60; i++)
      rows.push({
        at: `${day('2026-03-02', i % 28)} 10:00:00`,
        account: `E${i}`,
        points: [500, 800, 1500][i % 3],
        rule: 'R1',
      });
    for (let i = 0; i < 300; i++)
      for (const k of ['J1', 'J2'])
        rows.push({
          at: `${day('2026-03-01', i % 30)} ${String(8 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`,
          account: `V${i % 50}`,
          points: i % 10 === 0 ? 4200 : 3717 + 3 * i,
          type: 'adjust',
          approver: k,
          reason: 'fix',
        });
    for (let i = 0; i < 8; i++)
      rows.push({
        at: `${day('2026-03-02', 3 * i)} 16:30:00`,
        account: `Q${i % 2}`,
        points: [10000, 20000, 50000][i % 3],
        type: 'adjust',
        approver: 'J2',
        reason: 'bonus',
      });
    await insertRows(db, rows);
    const r = await audit(db, { ...P, checks: ['round_adjustment'] });
    expect(r.flags.map((f) => [f.account_id, f.event_count, f.reason_vars.unit])).toEqual([['J2', 8, 10000]]);
  });

  it('burst_redeem flags a dormant account that earns many usual months within days and redeems them; not one redeeming 500 or back at its own pace', async () => {
    const rows: Row[] = [...farmedReturn('Y1', 2400), ...farmedReturn('Y2', 500)];
    // Y3 earned 3,000 a month before its leave: the same 2,500 and cash-out is an ordinary return at its own pace.
    for (let i = 0; i < 30; i++)
      rows.push({ at: `2025-09-${String(1 + i).padStart(2, '0')} 10:00:00`, account: 'Y3', points: 100, rule: 'R1' });
    for (const d of ['2026-03-02', '2026-03-03', '2026-03-04'])
      rows.push({ at: `${d} 10:00:00`, account: 'Y3', points: 2500 / 3, rule: 'R1' });
    rows.push({ at: '2026-03-06 10:00:00', account: 'Y3', points: -2400, type: 'redeem', rule: 'M-1' });
    await insertRows(db, rows);
    const r = await audit(db, { ...P, checks: ['burst_redeem'] });
    expect(r.flags.map((f) => f.account_id)).toEqual(['Y1']);
    // 2025-10-01 → 2026-03-02 is 152 idle days (> 90); 3 × 833.33 = 2499.99 points, 2400 of them redeemed.
    expect(r.flags[0]).toMatchObject({ from: '2026-03-02', to: '2026-03-07', event_count: 4 });
    expect(r.flags[0].value).toBeCloseTo(2499.99, 6);
  });

  it("burst_redeem judges the cash-out against the burst beyond the account's own pace: 90 % of a farmed burst redeemed in a week of other awards is one, under half is not", async () => {
    // The miss of the matrix (office-200-x1): 90 % of the farmed points redeemed, but the week's own awards made the
    // burst larger, and 80 % of all of it was more than the farmer took. Z1 and Z2 farm 2,500 and earn 500 more.
    const rows: Row[] = [
      ...farmedReturn('Z1', 2250, ['2026-03-05', '2026-03-06']),
      ...farmedReturn('Z2', 1400, ['2026-03-05', '2026-03-06']),
    ];
    await insertRows(db, rows);
    const r = await audit(db, { ...P, checks: ['burst_redeem'] });
    // Z1: 2,250 of the 3,000 is 75 %, but more than half of the 3,000 less its own week at its pace (100 × 7 / 30).
    // Z2: 1,400 is under half of that: most of the burst stayed in the account.
    expect(r.flags.map((f) => [f.account_id, f.reason_vars.redeemed])).toEqual([['Z1', 2250]]);
    expect(r.flags[0].value).toBeCloseTo(2999.99, 6);
  });
});
