/** What the CLI and the server use of the audit engine. */
export { runAudit, type AuditOptions } from './run.ts';
export { AuditResult, CheckResult, Flag } from './schema.ts';
export { AuditSettings, defaultAuditSettings, parseAuditSettings, storedAuditSettings } from './settings.ts';
export { CHECK_NAMES } from './checks/index.ts';
export { accountTimeline, type TimelinePoint } from './timeline.ts';
export type { BandPoint } from './series.ts';
export { programSeries } from './spike-days.ts';
export { benfordDigits, type DigitOutcome, type DigitsRequest } from './benford.ts';
export { spotCheck, SPOT_CHECK_RATE, SPOT_CHECK_SEED, SPOT_CHECK_COLUMNS, type SpotCheck } from './spot-check.ts';
