import { z } from 'zod';
import type { ProgramConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { type RowOf, run } from '../db/run.ts';
import { PeriodParams } from '../db/query-types.ts';
import { gini } from '../stats/gini.ts';
import { lorenz, thinLorenz } from '../stats/lorenz.ts';
import { topShare } from '../stats/shares.ts';
import { requireRule } from './rules.ts';
import { COUNTERFACTUAL_NOTE, type Scenario, SimulationResult } from './schema.ts';

export const LORENZ_POINTS = 200;
export const MOST_AFFECTED = 10;

const Params = PeriodParams.extend({
  rule: z.string().nullable(),
  cap: z.number().nullable(),
  multiplier: z.number().nullable(),
});
type Row = RowOf<'simulate_accounts'>;

export interface SimulateOptions {
  period: { from: string; to: string };
  scenario: Scenario;
  config: ProgramConfig;
}

/** `ledger-lens simulate`: replays the period's earn rows under the scenario (queries/simulate_accounts.sql). */
export async function simulate(db: Database, opts: SimulateOptions): Promise<SimulationResult> {
  const { scenario, period, config } = opts;
  if (scenario.rule !== null)
    await requireRule(db, scenario.rule, scenario.kind === 'cap' ? '--rule' : `--${scenario.kind}`);
  const rows = await run(db, 'simulate_accounts', Params, {
    ...period,
    rule: scenario.rule,
    cap: scenario.kind === 'cap' ? scenario.cap : null,
    multiplier: scenario.kind === 'multiplier' ? scenario.multiplier : scenario.kind === 'disable' ? 0 : null,
  });
  const actual = outcome(rows, 'actual', config.point_value);
  const simulated = outcome(rows, 'simulated', config.point_value);
  const changed = rows.filter((r) => r.actual !== r.simulated);
  const mostAffected = [...changed]
    .sort(
      (a, b) =>
        Math.abs(b.simulated - b.actual) - Math.abs(a.simulated - a.actual) || (a.account_id < b.account_id ? -1 : 1),
    )
    .slice(0, MOST_AFFECTED)
    .map(({ account_id, actual: a, simulated: s }) => ({ account_id, actual: a, simulated: s }));
  return SimulationResult.parse({
    scenario,
    scenario_text: describe(scenario),
    period,
    population: { n: rows.filter((r) => r.in_population).length },
    point_value: config.point_value,
    currency: config.currency,
    actual,
    simulated,
    difference: {
      issued: simulated.issued - actual.issued,
      cost: simulated.cost - actual.cost,
      gini: diff(simulated.gini, actual.gini),
      top10_share: diff(simulated.top10_share, actual.top10_share),
    },
    accounts_affected: changed.length,
    rows_changed: rows.reduce((s, r) => s + r.rows_changed, 0),
    most_affected: mostAffected,
    note: COUNTERFACTUAL_NOTE,
    note_key: 'simulate.counterfactual_note',
  });
}

/** Totals over every account; Gini, top-10 % share and Lorenz over the report's population (metrics.md). */
function outcome(rows: Row[], key: 'actual' | 'simulated', pointValue: number) {
  // Points are cents: summing them as integers keeps the total exact whatever the order.
  const issued = rows.reduce((s, r) => s + Math.round(r[key] * 100), 0) / 100;
  const population = Float64Array.from(
    rows.filter((r) => r.in_population),
    (r) => r[key],
  );
  const curve = thinLorenz(lorenz(population), LORENZ_POINTS).map(({ p, l }) => ({ p, l }));
  return {
    issued,
    cost: issued * pointValue,
    gini: gini(population),
    top10_share: topShare(population),
    lorenz: curve,
  };
}

function diff(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a - b;
}

export function describe(s: Scenario): string {
  if (s.kind === 'cap')
    return `daily cap of ${s.cap} points per account${s.rule ? ` on ${s.rule}` : ' over all earn rows'}`;
  if (s.kind === 'multiplier') return `${s.rule} paid × ${s.multiplier}`;
  return `${s.rule} switched off`;
}
