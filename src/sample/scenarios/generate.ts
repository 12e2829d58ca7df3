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
export const SCENARIO_VERSION = '1';

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

/** Plans in a fixed order: each draws from the placement stream, so the order is part of the generator. */
const PLANS = [
  planRuleSpikes,
  planProgramSpikes,
  planAccountSpikes,
  planSelfApproval,
  planNearDuplicates,
  planCapBreaches,
  planBurstRedeem,
  planNightApprovals,
  planRings,
  planConcentration,
  planRoundAdjustments,
];

/**
 * Writes one variant of a shape to `dir`: ledger.csv, accounts.csv, rules.csv, program.json, campaigns.csv and
 * labels.json. Deterministic in (shape, variant); the clean twin has the same normal rows as every strength.
 */
export function generateScenario(shape: Shape, variant: Variant, dir: string): ScenarioSummary {
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
          rngFor(shape.seed, 'scenario-abuse'),
          rngFor(shape.seed, `scenario-rows-${variant}`),
          variant,
        );
  if (injector) for (const plan of PLANS) plan(injector);

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
