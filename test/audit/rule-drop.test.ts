import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dailyChart } from '../../src/audit/daily-chart.ts';
import { defaultAuditSettings } from '../../src/audit/settings.ts';
import { rebuildRollups } from '../../src/db/rollups.ts';
import type { Database } from '../../src/db/database.ts';
import { flagExplanation } from '../../src/i18n/audit-reasons.ts';
import { audit, openDb } from './fixture.ts';
import { ruleDropLedger } from './unseen-fixtures.ts';

/**
 * A rule that stops paying (a misconfiguration) while the others pay as usual is a finding; a holiday that lowers
 * every rule at once is not (unseen-fixtures.ts ruleDropLedger). Before the two-sided band, spikes only looked up.
 */
describe('a rule that stops paying for two weeks, beside a holiday for everyone', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDb();
    await ruleDropLedger(db);
    await rebuildRollups(db);
  });
  afterAll(() => db.close());

  it('flags RD once over its silent days, naming its usual value, and not the holiday', async () => {
    const r = await audit(db, { from: '2026-04-01', to: '2026-05-01', checks: ['program_spike', 'rule_spike'] });
    expect(r.flags.map((f) => [f.check, f.reason_key, f.rule_id, f.from, f.to, f.value])).toEqual([
      ['rule_spike', 'rule_drop', 'RD', '2026-04-13', '2026-04-25', 0],
    ]);
    const f = r.flags[0];
    expect(f.score).toBeLessThan(-(f.threshold as number));
    expect(f.baseline).toBeGreaterThan(9 * 800); // ten weekdays of about 48 awards of 20 points
    expect(f.explanation).toMatch(/^RD paid 0 points on 10 day\(s\) from 2026-04-13 to 2026-04-24 against \d+ usual/);
    expect(f.explanation).toMatch(/the other rules paid \d+(\.\d+)? % of their usual awards/);
    expect(flagExplanation('zh-CN', f, String)).toMatch(/^RD 在 2026-04-13 至 2026-04-24 的 10 天共发放 0 积分/);
  });

  it('notes the holiday as days below the band, and the chart marks both kinds of drop', async () => {
    const r = await audit(db, { from: '2026-04-01', to: '2026-05-01', checks: ['program_spike'] });
    const notes = r.checks.find((c) => c.check === 'program_spike')?.notes ?? [];
    expect(notes.filter((n) => n.startsWith('below the band')).map((n) => n.match(/on (\S+)/)?.[1])).toEqual([
      '2026-04-01',
      '2026-04-02',
      '2026-04-03',
    ]);
    const chart = await dailyChart(db, '2026-04-01', '2026-05-01', defaultAuditSettings());
    expect(chart.days.filter((d) => d.drop).map((d) => d.day)).toEqual(['2026-04-01', '2026-04-02', '2026-04-03']);
    const ruleDrops = chart.days.filter((d) => d.drops.length > 0);
    expect(ruleDrops.map((d) => d.day)).toEqual(
      ['13', '14', '15', '16', '17', '20', '21', '22', '23', '24'].map((x) => `2026-04-${x}`),
    );
    expect(ruleDrops[0].drops).toEqual([{ rule_id: 'RD', value: 0, expected: expect.any(Number) }]);
    expect(chart.days.some((d) => d.spike || d.rules.length > 0)).toBe(false);
  });
});
