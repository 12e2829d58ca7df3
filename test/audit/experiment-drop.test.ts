import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dailyChart } from '../../src/audit/daily-chart.ts';
import { defaultAuditSettings } from '../../src/audit/settings.ts';
import { rebuildRollups } from '../../src/db/rollups.ts';
import type { Database } from '../../src/db/database.ts';
import { audit, openDb } from './fixture.ts';
import { experimentDropLedger } from './unseen-fixtures.ts';

const RD_DAYS = ['13', '14', '15', '16', '17', '20', '21', '22', '23', '24'].map((x) => `2026-04-${x}`);

/**
 * The audit treats a rule that stops paying during one of its experiments, or in the weeks after it, as expected
 * (spike-days.ts); the Health chart reads the rollups, which carry no experiment_id, and marked such days as drops.
 * Both must read the experiments from the same rows and judge them alike (unseen-fixtures.ts experimentDropLedger).
 */
describe('a rule silenced by its experiment beside a rule that stops paying for no reason', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDb();
    await experimentDropLedger(db);
    await rebuildRollups(db);
  });
  afterAll(() => db.close());

  it('the audit flags RD only, and notes RE as expected (experiment: EXP-RE)', async () => {
    const r = await audit(db, { from: '2026-04-01', to: '2026-05-01', checks: ['rule_spike'] });
    expect(r.flags.map((f) => [f.reason_key, f.rule_id, f.from, f.to])).toEqual([
      ['rule_drop', 'RD', '2026-04-13', '2026-04-25'],
    ]);
    const notes = r.checks.find((c) => c.check === 'rule_spike')?.notes ?? [];
    // RE's silent days were judged drops and explained, during the experiment and after it.
    const explained = notes.filter((n) => n.startsWith('expected (experiment: EXP-RE): RE paid'));
    expect(explained.some((n) => n.includes('on 2026-04-08 '))).toBe(true);
    expect(explained.some((n) => n.includes('on 2026-04-22 '))).toBe(true);
  });

  it('the chart marks the drops of RD on the days the audit flags and none of RE, in any scope', async () => {
    for (const scope of [undefined, { attribute: 'department', value: 'D1' }]) {
      const chart = await dailyChart(db, '2026-04-01', '2026-05-01', defaultAuditSettings(), scope);
      const marked = chart.days.filter((d) => d.drops.length > 0);
      expect([...new Set(marked.flatMap((d) => d.drops.map((x) => x.rule_id)))]).toEqual(['RD']);
      if (scope === undefined) expect(marked.map((d) => d.day)).toEqual(RD_DAYS);
    }
  });
});
