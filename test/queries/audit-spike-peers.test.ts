import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccountDayRollup } from '../../src/db/audit-rollup.ts';
import type { Database } from '../../src/db/database.ts';
import { rebuildRollups } from '../../src/db/rollups.ts';
import { insertRows, openDb, type Row } from '../audit/fixture.ts';
import { runChecked } from './fixture.ts';
import { sqlRows } from '../../src/db/sql.ts';

/** The query's parameters but skip_days, on every describe's period: a low z so that the big days are candidates. */
const PARAMS = {
  from: '2026-03-01',
  to: '2026-04-01',
  window_days: 28,
  award_min_days: 1,
  top_awards: 1,
  z: 0.5,
  burst_alpha: 0.01,
  campaigns: '',
  kept: false,
};

/**
 * audit_account_spike reads its peers' median and MAD off a histogram of their day totals instead of sorting every
 * account-day: the numbers must be DuckDB's own median() and mad() to the last bit, for an even and an odd count of
 * account-days and for values whose midpoints are not halves (so the interpolation is exercised).
 */
describe('audit_account_spike: peers from a histogram equal median() and mad()', () => {
  let db: Database;
  const P = { from: '2026-03-01', to: '2026-04-01' };
  beforeAll(async () => {
    db = await openDb();
    const rows: Row[] = [];
    // Department D: 12 account-days (even), E: 9 (odd); repeated values, as real day totals have; thirds of a point
    // rounded to cents, so a midpoint of two neighbours is not exact in binary.
    for (const [dept, n] of [
      ['D', 12],
      ['E', 9],
    ] as const) {
      for (let i = 0; i < n; i++) {
        const points = Math.round(((i % 5) * 10 + 1 / 3 + i) * 100) / 100;
        rows.push({
          at: `2026-03-${String(2 + (i % 20)).padStart(2, '0')} 10:00:00`,
          account: `${dept}${i}`,
          points,
          department: dept,
          rule: 'R1',
        });
      }
      // One account-day far above its peers: the candidate whose peer baseline the query returns.
      rows.push({ at: '2026-03-25 10:00:00', account: `${dept}big`, points: 5000, department: dept, rule: 'R9' });
    }
    await insertRows(db, rows);
    await rebuildRollups(db);
    await buildAccountDayRollup(db, '2026-01-31', P.to, true);
  });
  afterAll(() => db.close());

  it('returns the built-in median and MAD of each candidate department', async () => {
    const params = { ...PARAMS, skip_days: '' };
    const got = await runChecked(db, 'audit_account_spike', params);
    expect(got.map((r) => r.account_id)).toEqual(['Dbig', 'Ebig']);
    const want = await sqlRows<{ department: string; m: number; mad: number; n: number }>(
      db,
      `SELECT a.value AS department, median(issued)::DOUBLE AS m, mad(issued)::DOUBLE AS mad, count(*)::INTEGER AS n
       FROM audit_account_day d JOIN account_attributes a ON a.account_id = d.account_id AND a.attribute = 'department'
       GROUP BY a.value ORDER BY a.value`,
    );
    expect(want.map((w) => w.n)).toEqual([13, 10]);
    for (const [i, w] of want.entries()) {
      expect(got[i].department).toBe(w.department);
      expect(Object.is(got[i].peer_median, w.m)).toBe(true);
      expect(Object.is(got[i].peer_mad, w.mad)).toBe(true);
    }
    expect(got.some((r) => !Number.isInteger((r.peer_median as number) * 2))).toBe(true);
  });
});

/**
 * A program-spike day (skip_days) leaves the peers' baseline, whose batch payments say nothing about normal pay, but
 * stays in the candidate's own trailing history and may itself be a candidate: the query reads the span's
 * account-days once for all three.
 */
describe('audit_account_spike: a skipped day leaves the peers, not the history', () => {
  let db: Database;
  const P = { from: '2026-03-01', to: '2026-04-01' };
  beforeAll(async () => {
    db = await openDb();
    const rows: Row[] = [];
    for (let i = 0; i < 12; i++)
      rows.push({
        at: `2026-03-${String(2 + i).padStart(2, '0')} 10:00:00`,
        account: `D${i}`,
        points: 10 + i,
        department: 'D',
        rule: 'R1',
      });
    // Dbig earns 30 on the skipped 03-10 (D8's day, 18) and 5000 on 03-25.
    rows.push({ at: '2026-03-10 11:00:00', account: 'Dbig', points: 30, department: 'D', rule: 'R1' });
    rows.push({ at: '2026-03-25 10:00:00', account: 'Dbig', points: 5000, department: 'D', rule: 'R9' });
    await insertRows(db, rows);
    await rebuildRollups(db);
    await buildAccountDayRollup(db, '2026-01-31', P.to, true);
  });
  afterAll(() => db.close());

  it('keeps 03-10 in the history and out of the peers', async () => {
    const params = PARAMS;
    const got = await runChecked(db, 'audit_account_spike', { ...params, skip_days: '2026-03-10' });
    const big = got.find((r) => r.account_id === 'Dbig' && r.day === '2026-03-25');
    expect(big).toMatchObject({ department: 'D', history: [30] });
    const [want] = await sqlRows<{ m: number; mad: number }>(
      db,
      `SELECT median(issued)::DOUBLE AS m, mad(issued)::DOUBLE AS mad FROM audit_account_day WHERE day <> '2026-03-10'`,
    );
    expect([big?.peer_median, big?.peer_mad]).toEqual([want.m, want.mad]);
    // Not skipped, 03-10 is a peer day like the others: the baseline moves.
    const all = await runChecked(db, 'audit_account_spike', { ...params, skip_days: '' });
    expect(all.find((r) => r.account_id === 'Dbig' && r.day === '2026-03-25')?.peer_median).not.toBe(want.m);
  });
});

/**
 * Departments are numbered in the query (0 = '', which also takes accounts with no department at all): a candidate
 * without a department must be reported as '' and measured against the other accounts without one, on the
 * account-day rollup built from the rows and from the import-time rollups alike.
 */
describe('audit_account_spike: a candidate without a department', () => {
  let db: Database;
  const P = { from: '2026-03-01', to: '2026-04-01' };
  beforeAll(async () => {
    db = await openDb();
    const rows: Row[] = [];
    // D: 8 account-days of 100 and more; no department: 9 account-days of 1 to 9, and the candidate's 5000.
    for (let i = 0; i < 9; i++) {
      const at = `2026-03-${String(2 + i).padStart(2, '0')} 10:00:00`;
      if (i < 8) rows.push({ at, account: `D${i}`, points: 100 + 10 * i, department: 'D', rule: 'R1' });
      rows.push({ at, account: `U${i}`, points: 1 + i, rule: 'R1' });
    }
    rows.push({ at: '2026-03-25 10:00:00', account: 'Ubig', points: 5000, rule: 'R9' });
    await insertRows(db, rows);
    await rebuildRollups(db);
  });
  afterAll(() => db.close());

  it("reports the department as '' with the other no-department accounts as peers, on both paths", async () => {
    const params = { ...PARAMS, skip_days: '' };
    const results = [];
    for (const kept of [false, true]) {
      await buildAccountDayRollup(db, '2026-01-31', P.to, kept);
      results.push(await runChecked(db, 'audit_account_spike', { ...params, kept }));
    }
    const [raw, kept] = results;
    const [want] = await sqlRows<{ m: number; mad: number }>(
      db,
      `SELECT median(issued)::DOUBLE AS m, mad(issued)::DOUBLE AS mad FROM audit_account_day WHERE account_id LIKE 'U%'`,
    );
    expect(kept).toEqual(raw);
    const big = raw.find((r) => r.account_id === 'Ubig');
    expect(big).toMatchObject({ department: '', issued: 5000 });
    // The ten no-department account-days (1..9 and 5000): median 5.5, MAD 2.5; D's would be over 100.
    expect([want.m, want.mad]).toEqual([5.5, 2.5]);
    expect([big?.peer_median, big?.peer_mad]).toEqual([want.m, want.mad]);
  });
});
