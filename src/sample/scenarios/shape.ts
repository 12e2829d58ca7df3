/**
 * The scenario matrix (issue 13, item 3): ledger shapes that differ in what every audit threshold tends to be a bet
 * on — points scale, size, weekly pattern, rule mix and caps, approvers per team, seasonality and campaigns — each
 * generated with injected abuse at three strengths and as a clean twin (same seed, nothing injected).
 */
export type Strength = 'weak' | 'medium' | 'strong';
export const STRENGTHS: readonly Strength[] = ['weak', 'medium', 'strong'];
/** A shape's variant: one of the strengths, or the clean twin. */
export type Variant = Strength | 'clean';

export type Season = 'month_end' | 'spring_festival' | 'double_11';

export interface Shape {
  name: string;
  /**
   * Calibration shapes may be looked at while choosing thresholds; holdout shapes only to report. A looked-at holdout
   * was a holdout whose reported misses then steered the work: no longer a clean test, it is reported apart and never
   * decides the verdict.
   */
  split: 'calibration' | 'holdout' | 'looked-at';
  seed: number;
  accounts: number;
  /** Multiplies every amount: ×1 is a point per small task, ×1,000 a point per yuan. */
  scale: number;
  /** office: Monday–Friday with a little weekend work; retail: seven days, busier at weekends. */
  week: 'office' | 'retail';
  /** Awards per staff member and working day on average (before a log-normal spread between people). */
  activity: number;
  /** Number of earning rules (a third of them capped per day). */
  rules: number;
  teamSize: number;
  approversPerTeam: number;
  seasons: Season[];
  /** Planned double-points windows written to campaigns.csv. */
  campaigns: number;
}

/** Generated history starts a quarter before the audited year, so every baseline has weeks behind it. */
export const HISTORY_FROM = '2024-10-01';
export const AUDIT_FROM = '2025-01-01';
export const AUDIT_TO = '2026-01-01';

/**
 * ×1000 points (a point per yuan), office week, few rules. A looked-at holdout: its missed night approver (a matrix
 * of December 2026) steered the off-hours check's work, which was done on new calibration seeds of it.
 */
const OFFICE_2000_X1000: Shape = {
  name: 'office-2000-x1000',
  split: 'looked-at',
  seed: 21,
  accounts: 2000,
  scale: 1000,
  week: 'office',
  activity: 0.8,
  rules: 6,
  teamSize: 6,
  approversPerTeam: 1,
  seasons: ['month_end', 'spring_festival'],
  campaigns: 3,
};

/** ×1 points, seven-day retail week, 200 accounts, three approvers per team. */
const RETAIL_200_X1: Shape = {
  name: 'retail-200-x1',
  split: 'looked-at',
  seed: 22,
  accounts: 200,
  scale: 1,
  week: 'retail',
  activity: 0.5,
  rules: 10,
  teamSize: 10,
  approversPerTeam: 3,
  seasons: ['spring_festival', 'double_11'],
  campaigns: 2,
};

/**
 * The default matrix: small enough for several minutes on two cores. Holdout shapes were not used to calibrate.
 * The looked-at holdouts (office-2000-x1000, retail-200-x1: their misses steered the work on account spikes and
 * night approvals, done on new calibration seeds of their parameters; office-20000-x100, reported in every matrix
 * beside them) are reported apart; the fresh holdout (the
 * last four: two parameter sets never generated before, and new seeds of two known ones) was added when they were
 * relabelled and is run only to report.
 */
export const DEFAULT_MATRIX: readonly Shape[] = [
  {
    name: 'office-200-x1',
    split: 'calibration',
    seed: 11,
    accounts: 200,
    scale: 1,
    week: 'office',
    activity: 0.6,
    rules: 10,
    teamSize: 8,
    approversPerTeam: 1,
    seasons: ['month_end', 'spring_festival'],
    campaigns: 2,
  },
  {
    name: 'retail-2000-x10',
    split: 'calibration',
    seed: 12,
    accounts: 2000,
    scale: 10,
    week: 'retail',
    activity: 0.4,
    rules: 16,
    teamSize: 12,
    approversPerTeam: 2,
    seasons: ['month_end', 'double_11'],
    campaigns: 4,
  },
  // The holdout's ×1000 office shape on a seed of its own: its clean twin's account-spike flags were reproduced and
  // studied here, never on the holdout.
  { ...OFFICE_2000_X1000, name: 'office-2000-x1000-s31', split: 'calibration', seed: 31 },
  OFFICE_2000_X1000,
  RETAIL_200_X1,
  {
    name: 'office-20000-x100',
    split: 'looked-at',
    seed: 23,
    accounts: 20000,
    scale: 100,
    week: 'office',
    activity: 0.2,
    rules: 24,
    teamSize: 10,
    approversPerTeam: 2,
    seasons: ['month_end', 'spring_festival', 'double_11'],
    campaigns: 5,
  },
  // Last round's fresh holdout, looked at since (its verdict of December 2026 steered the account-spike and
  // concentration work, done on new calibration seeds): a ×100 retail ledger with 14 rules and two approvers per team, a ×10 office ledger with 8
  // rules, small teams and busy staff, and new seeds of the two looked-at holdouts' parameters.
  {
    ...RETAIL_200_X1,
    ...{ name: 'retail-3000-x100', split: 'looked-at', seed: 61, accounts: 3000, scale: 100, activity: 0.45 },
    ...{ rules: 14, teamSize: 8, approversPerTeam: 2, seasons: ['month_end', 'spring_festival'], campaigns: 3 },
  },
  {
    ...OFFICE_2000_X1000,
    ...{ name: 'office-800-x10', split: 'looked-at', seed: 62, accounts: 800, scale: 10, activity: 0.7 },
    ...{ rules: 8, teamSize: 7, approversPerTeam: 1, seasons: ['month_end', 'double_11'], campaigns: 2 },
  },
  { ...RETAIL_200_X1, name: 'retail-200-x1-s63', split: 'looked-at', seed: 63 },
  { ...OFFICE_2000_X1000, name: 'office-2000-x1000-s64', split: 'looked-at', seed: 64 },
  // The fresh holdout of this round, run once to report: a ×1000 retail ledger with 9 rules and big teams, a ×1 office
  // ledger of 4,000 people with 18 rules and one approver per small team, and new seeds of the two
  // first holdouts' parameters.
  {
    ...RETAIL_200_X1,
    ...{ name: 'retail-1200-x1000', split: 'holdout', seed: 101, accounts: 1200, scale: 1000, activity: 0.35 },
    ...{
      rules: 9,
      teamSize: 12,
      approversPerTeam: 2,
      seasons: ['month_end', 'spring_festival', 'double_11'],
      campaigns: 3,
    },
  },
  {
    ...OFFICE_2000_X1000,
    ...{ name: 'office-4000-x1', split: 'holdout', seed: 102, accounts: 4000, scale: 1, activity: 0.5 },
    ...{ rules: 18, teamSize: 7, approversPerTeam: 1, seasons: ['spring_festival'], campaigns: 1 },
  },
  { ...RETAIL_200_X1, name: 'retail-200-x1-s105', split: 'holdout', seed: 105 },
  { ...OFFICE_2000_X1000, name: 'office-2000-x1000-s106', split: 'holdout', seed: 106 },
];

/** A small retail calibration shape with three approvers per team. */
const RETAIL_400_X10: Shape = {
  name: 'retail-400-x10',
  split: 'calibration',
  seed: 51,
  accounts: 400,
  scale: 10,
  week: 'retail',
  activity: 0.5,
  rules: 12,
  teamSize: 10,
  approversPerTeam: 3,
  seasons: ['month_end', 'double_11'],
  campaigns: 2,
};

/** New seeds of a default shape's parameters, named `<shape>-s<seed>`, as calibration. */
function calibrationSeeds(base: string, seeds: number[]): Shape[] {
  const shape = DEFAULT_MATRIX.find((s) => s.name === base)!;
  return seeds.map((seed) => ({ ...shape, name: `${base}-s${seed}`, split: 'calibration' as const, seed }));
}

/**
 * Extra calibration shapes (run with `--only NAME`), not in the default matrix: a mid-size office ledger with one
 * approver per team and many rules, a busy one with few rules, small teams and large amounts, and a retail one with three approvers per team, so that checks
 * judged per team, per rule or per dormant return are calibrated on more than the two small calibration shapes
 * without looking at the holdout.
 */
export const CALIBRATION_EXTRA: readonly Shape[] = [
  {
    name: 'office-6000-x100',
    split: 'calibration',
    seed: 31,
    accounts: 6000,
    scale: 100,
    week: 'office',
    activity: 0.3,
    rules: 20,
    teamSize: 9,
    approversPerTeam: 1,
    seasons: ['month_end', 'spring_festival', 'double_11'],
    campaigns: 4,
  },
  // The ×1000 holdout's parameters at another size and seed: its data never seen by calibration.
  { ...OFFICE_2000_X1000, name: 'office-1500-x1000', split: 'calibration', seed: 41, accounts: 1500 },
  RETAIL_400_X10,
  // New seeds of three shapes, on which account_spike's count and big-day tests were checked (never the holdout's).
  { ...OFFICE_2000_X1000, name: 'office-2000-x1000-s34', split: 'calibration', seed: 34 },
  { ...DEFAULT_MATRIX.find((s) => s.name === 'retail-2000-x10')!, name: 'retail-2000-x10-s13', seed: 13 },
  { ...RETAIL_400_X10, name: 'retail-400-x10-s52', seed: 52 },
  // New seeds of the retail-200-x1 holdout's parameters: its medium account spikes of awards hours apart (six of a
  // base rule on a 200-account ledger) were missed on the holdout and reproduce here; calibrate on these, never it.
  ...[25, 26].map((seed) => ({
    ...RETAIL_200_X1,
    name: `retail-200-x1-s${seed}`,
    split: 'calibration' as const,
    seed,
  })),
  // New seeds of the ×1000 office holdout's parameters: its night approver missed at medium strength (a change of the
  // generator's random stream flipped it) is reproduced and the off-hours check made robust here, never on it.
  ...[35, 36, 37, 38].map((seed) => ({
    ...OFFICE_2000_X1000,
    name: `office-2000-x1000-s${seed}`,
    split: 'calibration' as const,
    seed,
  })),
  // New seeds of the fresh holdout's ×100 retail parameters and of the retail-2000-x10 calibration shape: the
  // account-spike flags on clean days (precision 0.65 and 0.83) were reproduced and studied here, never on the holdout.
  ...[71, 72, 73].map((seed) => ({
    ...DEFAULT_MATRIX.find((s) => s.name === 'retail-3000-x100')!,
    name: `retail-3000-x100-s${seed}`,
    split: 'calibration' as const,
    seed,
  })),
  ...[74, 75].map((seed) => ({
    ...DEFAULT_MATRIX.find((s) => s.name === 'retail-2000-x10')!,
    name: `retail-2000-x10-s${seed}`,
    seed,
  })),
  // Issue 13, concentration and ring (seeds 81–89): new seeds of the parameter sets whose concentration and ring
  // labels were missed or over-flagged in a matrix; the checks were studied here, never on those shapes' own seeds.
  ...(
    [
      ['office-800-x10', 81],
      ['retail-200-x1', 82],
      ['office-2000-x1000', 83],
      ['office-2000-x1000', 84],
      ['office-800-x10', 85],
      ['retail-200-x1', 86],
      ['office-20000-x100', 87],
      ['office-2000-x1000', 88],
      ['office-2000-x1000', 89],
    ] as const
  ).map(([base, seed]) => ({
    ...DEFAULT_MATRIX.find((s) => s.name === base)!,
    name: `${base}-s${seed}`,
    split: 'calibration' as const,
    seed,
  })),
  // New seeds of the two calibration shapes' parameters, where burst then redeem missed one return in four (issue 13):
  // its cash-out share was reproduced and judged here.
  ...[91, 92, 93, 94, 95].map((seed) => ({
    ...DEFAULT_MATRIX.find((s) => s.name === 'office-200-x1')!,
    name: `office-200-x1-s${seed}`,
    seed,
  })),
  ...[96, 97, 98, 99].map((seed) => ({
    ...DEFAULT_MATRIX.find((s) => s.name === 'retail-2000-x10')!,
    name: `retail-2000-x10-s${seed}`,
    seed,
  })),
  // Issue 13, rings and burst then redeem on big office ledgers (seeds 111–125): new seeds of the parameter sets where
  // the ring check missed rings (a ring of three weeks judged over a year of ordinary gifts) and burst then redeem
  // over-flagged, studied here, never on those shapes' own seeds.
  ...calibrationSeeds('office-2000-x1000', [111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122]),
  ...calibrationSeeds('office-20000-x100', [123, 124, 125]),
];

/** Opt-in (`--large`): the 100,000-account shape takes several minutes per variant on two cores. */
export const LARGE_SHAPE: Shape = {
  name: 'retail-100000-x1',
  split: 'holdout',
  seed: 24,
  accounts: 100000,
  scale: 1,
  week: 'retail',
  activity: 0.2,
  rules: 12,
  teamSize: 15,
  approversPerTeam: 2,
  seasons: ['month_end', 'double_11'],
  campaigns: 4,
};

/** A tiny shape for tests: every abuse kind still fits. */
export function tinyShape(over: Partial<Shape> = {}): Shape {
  return {
    name: 'tiny',
    split: 'calibration',
    seed: 5,
    accounts: 150,
    scale: 1,
    week: 'office',
    activity: 0.6,
    rules: 8,
    teamSize: 8,
    approversPerTeam: 1,
    seasons: ['month_end', 'spring_festival'],
    campaigns: 2,
    ...over,
  };
}
