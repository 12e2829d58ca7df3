import type { LoaderContext } from '../context.ts';
import { listExperiments } from '../../experiments/load.ts';
import { runAb } from '../../experiments/run.ts';
import { armHistogram } from '../../reshape/arm-histogram.ts';

/** Experiments beyond this many are listed but not analysed: each costs a bootstrap. */
const MAX_ANALYSED = 3;

/**
 * notebooks/experiment.html: every experiment the ledger tags (queries/ab_experiments.sql) and the full `ledger-lens
 * ab` analysis of each (queries/ab_accounts.sql through src/experiments/run.ts): arms, sample-ratio check, lift
 * with intervals per metric, the fairness guardrail and the per-arm distribution. Seed 1, as the CLI's default.
 */
export async function experiment({ db, assignments }: LoaderContext) {
  const experiments = await listExperiments(db);
  const results = [];
  for (const e of experiments.slice(0, MAX_ANALYSED))
    results.push(await runAb(db, { experiment: e.experiment_id, assignments, seed: 1 }));
  // Each result's per-arm histogram, long, with each bin's share of its arm: what the distribution chart draws.
  const histograms = results.map((r) => armHistogram(r.distribution).objects());
  return { experiments, results, histograms, queries: ['ab_experiments', 'ab_accounts'] };
}
