import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dailyChart } from '../../src/audit/daily-chart.ts';
import { defaultAuditSettings } from '../../src/audit/settings.ts';
import { rebuildRollups } from '../../src/db/rollups.ts';
import type { Database } from '../../src/db/database.ts';
import { audit, openDb } from './fixture.ts';
import { schoolBreakLedger } from './break-fixtures.ts';

const TERM = { from: '2026-09-01', to: '2026-12-01', checks: ['program_spike', 'rule_spike'] };
const found = (r: Awaited<ReturnType<typeof audit>>) =>
  r.flags.map((f) => [f.check, f.reason_key, f.rule_id, f.from, f.to]).sort();

/**
 * A school's summer break has no row at all. Its zeros once filled the weekday medians and the residual spread of
 * the next term, so for weeks a rule paying 20× or a rule switched off read as ordinary (red team A, D2). A break of
 * a week or more is left out of every baseline: the term is judged against the weeks before the break.
 */
describe('rule and program spikes after a summer break with no rows', () => {
  const dbs: Record<string, Database> = {};
  beforeAll(async () => {
    for (const summer of [false, true]) {
      const db = await openDb();
      await schoolBreakLedger(db, summer);
      await rebuildRollups(db);
      dbs[String(summer)] = db;
    }
  });
  afterAll(() => {
    for (const db of Object.values(dbs)) db.close();
  });

  const PLANTS = [
    ['program_spike', 'program_spike', 'A', '2026-10-07', '2026-10-08'],
    ['rule_spike', 'rule_drop', 'B', '2026-10-19', '2026-10-31'],
    ['rule_spike', 'rule_spike', 'A', '2026-10-07', '2026-10-08'],
  ];

  it('flags the 20× day and the ten silent school days without the break', async () => {
    expect(found(await audit(dbs.false, TERM))).toEqual(PLANTS);
  });

  it('flags the same after the break, with rows and from the rollup alike', async () => {
    expect(found(await audit(dbs.true, TERM))).toEqual(PLANTS);
    expect(found(await audit(dbs.true, { ...TERM, raw: true }))).toEqual(PLANTS);
  });

  it("draws the term's first day against the weeks before the break, and the break without a band", async () => {
    const chart = await dailyChart(dbs.true, '2026-08-01', '2026-10-01', defaultAuditSettings());
    const first = chart.days.find((d) => d.day === '2026-09-01');
    // About 24 awards of A and 18 of B: some 60 points on a school day, before the break as after it.
    expect(first?.expected).toBeGreaterThan(45);
    expect(first?.z).not.toBeNull();
    const summer = chart.days.filter((d) => d.day < '2026-09-01');
    expect(summer.every((d) => d.value === 0 && d.expected === null && !d.drop && !d.spike)).toBe(true);
    expect(chart.days.filter((d) => d.day >= '2026-09-01').some((d) => d.spike || d.drop)).toBe(false);
  });

  it('notes the break once when the audit covers it, and flags nothing in it', async () => {
    const r = await audit(dbs.true, { ...TERM, from: '2026-06-01', to: '2026-10-01' });
    expect(r.flags).toEqual([]);
    const notes = r.checks.find((c) => c.check === 'program_spike')?.notes ?? [];
    expect(notes.filter((n) => n.includes('2026-07-04'))).toEqual([
      'no earning at all from 2026-07-04 to 2026-08-31 (59 days): a break, an outage or a missing export? Left out of every baseline',
    ]);
    expect(notes.filter((n) => n.startsWith('below the band'))).toEqual([]);
  });

  it('runs on a period inside the break, with the note and no flag', async () => {
    const r = await audit(dbs.true, { ...TERM, from: '2026-07-13', to: '2026-08-17' });
    expect(r.flags).toEqual([]);
    const check = r.checks.find((c) => c.check === 'program_spike');
    expect([check?.ran, check?.notes?.length]).toEqual([true, 1]);
    // The series read ends with the period: the break as far as it is seen.
    expect(check?.notes?.[0]).toMatch(/^no earning at all from 2026-07-04 to 2026-08-16 \(44 days\)/);
  });
});
