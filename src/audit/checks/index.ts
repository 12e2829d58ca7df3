import type { Check } from '../context.ts';
import { accountSpike } from './account-spike.ts';
import { benfordCheck } from './benford.ts';
import { burstRedeem } from './burst-redeem.ts';
import { capBreach, capClustering } from './cap-breach.ts';
import { concentration } from './concentration.ts';
import { nearDuplicate } from './near-duplicate.ts';
import { offHours } from './off-hours.ts';
import { programSpike, ruleSpike } from './program-spike.ts';
import { reciprocalPair, ring } from './ring.ts';
import { roundNumbers } from './round-numbers.ts';
import { selfApproval } from './self-approval.ts';

/** Every check in run order: program_spike and rule_spike first, since account_spike leaves out what they explained. */
export const CHECKS: Check[] = [
  programSpike,
  ruleSpike,
  accountSpike,
  capBreach,
  capClustering,
  nearDuplicate,
  selfApproval,
  ring,
  reciprocalPair,
  concentration,
  offHours,
  benfordCheck,
  roundNumbers,
  burstRedeem,
];

export const CHECK_NAMES = CHECKS.map((c) => c.name);
