import { z } from 'zod';

/** The `simulate --json` document: the cli.md keys plus cost, the note and Lorenz curves for the page. */
const maybe = z.number().nullable();

export const Scenario = z.discriminatedUnion('kind', [
  /** A cap per account and calendar day, on the earn rows of `rule` or of every rule when rule is null. */
  z.object({ kind: z.literal('cap'), cap: z.number().nonnegative(), rule: z.string().nullable() }),
  /** Earn rows of `rule` get points × multiplier. */
  z.object({ kind: z.literal('multiplier'), rule: z.string(), multiplier: z.number().nonnegative() }),
  /** Earn rows of `rule` are not paid. */
  z.object({ kind: z.literal('disable'), rule: z.string() }),
]);
export type Scenario = z.infer<typeof Scenario>;

const Outcome = z.object({
  /** Σ earn points in the period (every account, as `report`'s issued). */
  issued: z.number(),
  /** issued × point_value. */
  cost: z.number(),
  /** Over the report's fairness population (participant_issued), as `report`'s gini / top10_share. */
  gini: maybe,
  top10_share: maybe,
  lorenz: z.array(z.object({ p: z.number(), l: z.number() })),
});

export const SimulationResult = z.object({
  scenario: Scenario,
  /** One line describing the scenario, e.g. "daily cap of 200 points per account on R02". */
  scenario_text: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  population: z.object({ n: z.number().int() }),
  point_value: z.number(),
  currency: z.string(),
  actual: Outcome,
  simulated: Outcome,
  /** simulated − actual. */
  difference: z.object({ issued: z.number(), cost: z.number(), gini: maybe, top10_share: maybe }),
  accounts_affected: z.number().int(),
  rows_changed: z.number().int(),
  most_affected: z.array(z.object({ account_id: z.string(), actual: z.number(), simulated: z.number() })),
  note: z.string(),
  note_key: z.literal('simulate.counterfactual_note'),
});
export type SimulationResult = z.infer<typeof SimulationResult>;

export const COUNTERFACTUAL_NOTE =
  'A counterfactual on paper: the ledger is replayed under the changed rule as if nobody had reacted to it; behaviour would change under a new rule.';
