import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { experimentTruth, SAMPLE } from './sample-fixture.ts';
import { cli } from '../cli-run.ts';

const truth = experimentTruth();
const LEDGER = [
  '--ledger',
  join(SAMPLE, 'ledger.csv'),
  '--rules',
  join(SAMPLE, 'rules.csv'),
  '--accounts',
  join(SAMPLE, 'accounts.csv'),
  '--config',
  join(SAMPLE, 'program.json'),
];

describe('ledger-lens ab and simulate (spawned CLI)', () => {
  it('ab --json prints the cli.md keys', async () => {
    const { code, stdout } = await cli([
      'ab',
      '--experiment',
      truth.experiment_id,
      '--assignments',
      join(SAMPLE, 'assignments.csv'),
      '--rule',
      truth.rule_id,
      '--json',
      ...LEDGER,
    ]);
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    for (const k of ['experiment', 'window', 'arms', 'srm', 'metrics', 'guardrails']) expect(r, k).toHaveProperty(k);
    expect(Object.keys(r.srm)).toEqual(expect.arrayContaining(['observed', 'expected', 'p', 'ok']));
    for (const k of [
      'metric',
      'control',
      'treatment',
      'n_control',
      'n_treatment',
      'mean_control',
      'mean_treatment',
      'abs_lift',
      'abs_ci',
      'rel_lift',
      'rel_ci',
      'p',
      'p_adjusted',
      'mw_p',
      'verdict',
    ]) {
      expect(r.metrics[0], k).toHaveProperty(k);
    }
    expect(Object.keys(r.guardrails)).toEqual(
      expect.arrayContaining(['gini_control', 'gini_treatment', 'gini_diff_ci']),
    );
    expect(r.arms).toEqual([
      { variant: 'A', n: truth.arms.A!.n },
      { variant: 'B', n: truth.arms.B!.n },
    ]);
  });

  it('ab with an unknown experiment exits 2 and lists the known ones', async () => {
    const { code, stderr } = await cli(['ab', '--experiment', 'EXP-nope', ...LEDGER]);
    expect(code).toBe(2);
    expect(stderr).toContain('no experiment "EXP-nope"');
    expect(stderr).toContain(truth.experiment_id);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('ab with a bad --split or no --experiment exits 2', async () => {
    expect((await cli(['ab', '--experiment', 'X', '--split', 'A=half'])).code).toBe(2);
    const missing = await cli(['ab']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--experiment is required');
  });

  it('simulate prints the comparison and the caveat; --json has the cli.md keys', async () => {
    const text = await cli([
      'simulate',
      '--from',
      '2026-04-01',
      '--to',
      '2026-07-01',
      '--cap',
      '200',
      '--rule',
      'R02',
      ...LEDGER,
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('behaviour would change under a new rule');
    const { code, stdout } = await cli([
      'simulate',
      '--from',
      '2026-04-01',
      '--to',
      '2026-07-01',
      '--multiplier',
      'R02=1.15',
      '--json',
      ...LEDGER,
    ]);
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    for (const k of ['scenario', 'actual', 'simulated', 'accounts_affected', 'most_affected', 'note', 'note_key'])
      expect(r, k).toHaveProperty(k);
    for (const k of ['issued', 'cost', 'gini', 'top10_share']) expect(r.simulated, k).toHaveProperty(k);
    expect(r.simulated.issued).toBeGreaterThan(r.actual.issued);
  });

  it('simulate with an unknown rule exits 2 and lists the rules; a missing --to exits 2', async () => {
    const bad = await cli(['simulate', '--from', '2026-04-01', '--to', '2026-07-01', '--disable', 'R99', ...LEDGER]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--disable: no rule "R99"');
    expect(bad.stderr).toContain('R02');
    expect((await cli(['simulate', '--from', '2026-04-01', '--cap', '5'])).code).toBe(2);
  });
});
