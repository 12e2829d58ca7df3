import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { compareArms } from '../../src/experiments/compare.ts';
import { experimentAccounts, loadAssignments } from '../../src/experiments/load.ts';
import { runAb } from '../../src/experiments/run.ts';
import type { AbResult } from '../../src/experiments/schema.ts';
import { experimentTruth, SAMPLE, sampleDb } from './sample-fixture.ts';
import { sqlRows } from '../../src/db/sql.ts';

const truth = experimentTruth();
const assignments = join(SAMPLE, 'assignments.csv');
const metric = (r: AbResult, name: string) => r.metrics.find((m) => m.metric === name)!;

describe('ab on the sample ledger (planted effect in labels.json)', () => {
  let db: Database;
  let byRule: AbResult;
  let total: AbResult;
  beforeAll(async () => {
    db = await sampleDb();
    byRule = await runAb(db, { experiment: truth.experiment_id, assignments, rule: truth.rule_id });
    total = await runAb(db, { experiment: truth.experiment_id, assignments });
  });
  afterAll(() => db.close());

  it('takes the window from the data and the pre-period as the quarter before', () => {
    expect(byRule.window).toEqual(truth.window);
    expect({ from: byRule.pre_period.from, to: byRule.pre_period.to }).toEqual(truth.pre_period);
    expect(byRule.arms_source).toBe('assignments');
  });

  it("counts every assigned account, active or not, and matches the generator's arm means", () => {
    expect(byRule.arms).toEqual(Object.entries(truth.arms).map(([variant, a]) => ({ variant, n: a.n })));
    expect(byRule.srm.ok).toBe(true);
    const m = metric(byRule, 'issued');
    expect(m.mean_control).toBeCloseTo(truth.arms.A!.issued_rule_mean, 4);
    expect(m.mean_treatment).toBeCloseTo(truth.arms.B!.issued_rule_mean, 4);
    expect(metric(total, 'issued').mean_control).toBeCloseTo(truth.arms.A!.issued_mean, 4);
  });

  it("the 95 % interval of the rule's lift covers the true effect, and the effect is detected", () => {
    const m = metric(byRule, 'issued');
    expect(m.abs_ci![0]).toBeLessThanOrEqual(truth.true_effect.abs);
    expect(m.abs_ci![1]).toBeGreaterThanOrEqual(truth.true_effect.abs);
    expect(m.rel_ci![0]).toBeLessThanOrEqual(truth.true_effect.rel);
    expect(m.rel_ci![1]).toBeGreaterThanOrEqual(truth.true_effect.rel);
    expect(m.verdict).toBe('better');
    expect(m.cuped.applied).toBe(true);
    expect(m.cuped.variance_reduction!).toBeGreaterThan(0);
  });

  it('the interval of the total issued per account covers true_effect.total_abs', () => {
    const m = metric(total, 'issued');
    expect(m.abs_ci![0]).toBeLessThanOrEqual(truth.true_effect.total_abs);
    expect(m.abs_ci![1]).toBeGreaterThanOrEqual(truth.true_effect.total_abs);
  });

  it('an A/A split of the control arm is inconclusive on every metric', async () => {
    await loadAssignments(db, assignments);
    const rows = await experimentAccounts(db, {
      experiment: truth.experiment_id,
      ...truth.window,
      pre_from: truth.pre_period.from,
      rule: null,
    });
    // Split arm A by the parity of the account number: a split that knows nothing about the accounts' behaviour.
    const control = rows
      .filter((r) => r.variant === 'A')
      .map((r) => ({ ...r, variant: Number(r.account_id.replace(/\D/g, '')) % 2 ? 'A2' : 'A1' }));
    const aa = compareArms(control, {
      experiment: 'A/A',
      window: truth.window,
      prePeriod: truth.pre_period,
      armsSource: 'assignments',
      rule: null,
    });
    expect(aa.metrics.map((m) => m.verdict)).toEqual(aa.metrics.map(() => 'inconclusive'));
    for (const m of aa.metrics) if (m.abs_ci) expect(m.abs_ci[0] <= 0 && m.abs_ci[1] >= 0, m.metric).toBe(true);
    expect(aa.guardrails.gini_diff_ci![0]).toBeLessThanOrEqual(0);
    expect(aa.guardrails.gini_diff_ci![1]).toBeGreaterThanOrEqual(0);
  });

  it('without an assignment file the arms are the accounts tagged on the ledger', async () => {
    const r = await runAb(db, { experiment: truth.experiment_id, resamples: 200 });
    expect(r.arms_source).toBe('ledger');
    const tagged = await sqlRows<{ n: number }>(
      db,
      `SELECT count(DISTINCT account_id)::INTEGER AS n FROM ledger WHERE experiment_id = $e`,
      { e: truth.experiment_id },
    );
    expect(r.arms.reduce((s, a) => s + a.n, 0)).toBe(tagged[0]!.n);
  });

  it('is reproducible: the same seed gives the same document', async () => {
    const again = await runAb(db, { experiment: truth.experiment_id, assignments, rule: truth.rule_id });
    expect(again).toEqual(byRule);
  });

  it('names the known experiments and rules when asked for an unknown one', async () => {
    await expect(runAb(db, { experiment: 'EXP-nope' })).rejects.toMatchObject({
      code: 'unknown_experiment',
      hint: expect.stringContaining(truth.experiment_id),
    });
    await expect(runAb(db, { experiment: truth.experiment_id, rule: 'R999' })).rejects.toMatchObject({
      code: 'unknown_rule',
      hint: expect.stringContaining('R02'),
    });
  });
});
