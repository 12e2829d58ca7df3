import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rngFor } from '../rng.ts';
import { NormalActivity } from './activity.ts';
import { makeCalendar } from './calendar.ts';
import { ScenarioInjector } from './injector.ts';
import type { ScenarioCase } from './labels.ts';
import {
  planAccountSpikes,
  planBurstRedeem,
  planCapBreaches,
  planNearDuplicates,
  planSelfApproval,
} from './plans-accounts.ts';
import {
  planConcentration,
  planNightApprovals,
  planProgramSpikes,
  planRings,
  planRoundAdjustments,
  planRuleSpikes,
} from './plans-groups.ts';
import type { ScenarioRow } from './row.ts';
import { makeScenarioRoster } from './roster.ts';
import { makeRules } from './rules.ts';
import { AUDIT_FROM, AUDIT_TO, HISTORY_FROM, type Shape, type Variant } from './shape.ts';
import { ScenarioLedger, writeSideFiles } from './write.ts';

/** Bump when the same shape and variant would produce different files. */
export const SCENARIO_VERSION = '3';

export interface ScenarioSummary {
  dir: string;
  shape: Shape;
  variant: Variant;
  rows: number;
  accounts: number;
  cases: ScenarioCase[];
  /** The audited period [from, to); the ledger starts a quarter earlier so baselines have history. */
  audit: { from: string; to: string };
}

/**
 * Plans by the name of their random streams, in a fixed order: each draws from streams of its own, but accounts and
 * spike days one plan took are not offered to the next, so the order is still part of the generator.
 */
const PLANS = {
  rule_spikes: planRuleSpikes,
  program_spikes: planProgramSpikes,
  account_spikes: planAccountSpikes,
  self_approval: planSelfApproval,
  near_duplicates: planNearDuplicates,
  cap_breaches: planCapBreaches,
  burst_redeem: planBurstRedeem,
  night_approvals: planNightApprovals,
  rings: planRings,
  concentration: planConcentration,
  round_adjustments: planRoundAdjustments,
};
export type PlanName = keyof typeof PLANS;

/**
 * Writes one variant of a shape to `dir`: ledger.csv, accounts.csv, rules.csv, program.json, campaigns.csv and
 * labels.json. Deterministic in (shape, variant); the clean twin has the same normal rows as every strength.
 */
export function generateScenario(
  shape: Shape,
  variant: Variant,
  dir: string,
  /** The abuse plans to run (all by default): fewer to study one kind, or to show that plans do not move each other. */
  plans: readonly PlanName[] = Object.keys(PLANS) as PlanName[],
): ScenarioSummary {
  mkdirSync(dir, { recursive: true });
  const rules = makeRules(shape, rngFor(shape.seed, 'scenario-rules'));
  const roster = makeScenarioRoster(shape, rngFor(shape.seed, 'scenario-roster'));
  const { days, campaigns } = makeCalendar(shape, rules, rngFor(shape.seed, 'scenario-calendar'));
  const normal = new NormalActivity(shape, roster, rules, rngFor(shape.seed, 'scenario-daily'));
  normal.planLeaves(days.length, rngFor(shape.seed, 'scenario-leaves'));
  const injector =
    variant === 'clean'
      ? null
      : new ScenarioInjector(
          shape,
          roster,
          rules,
          days,
          normal,
          (plan) => ({
            rng: rngFor(shape.seed, `scenario-abuse:${plan}`),
            rowRng: rngFor(shape.seed, `scenario-rows-${variant}:${plan}`),
          }),
          variant,
        );
  for (const [name, plan] of Object.entries(PLANS))
    if (injector && plans.includes(name as PlanName)) plan(injector.forPlan(name));

  const ledger = new ScenarioLedger(dir, roster);
  for (const day of days) {
    const rows: ScenarioRow[] = [];
    normal.day(day, rows);
    injector?.run(day, rows);
    ledger.writeDay(day.date, rows);
  }
  ledger.close();
  writeSideFiles(dir, shape, roster, rules, campaigns);
  const cases = injector?.cases ?? [];
  const summary: ScenarioSummary = {
    dir,
    shape,
    variant,
    rows: ledger.rows,
    accounts: roster.accounts.length,
    cases,
    audit: { from: AUDIT_FROM, to: AUDIT_TO },
  };
  writeFileSync(
    join(dir, 'labels.json'),
    `${JSON.stringify({ generator_version: SCENARIO_VERSION, shape, variant, range: { from: HISTORY_FROM, to: AUDIT_TO }, audit: summary.audit, cases }, null, 2)}\n`,
  );
  return summary;
}
