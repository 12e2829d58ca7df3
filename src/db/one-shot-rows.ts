/**
 * The table of a one-shot `report --ledger` read (src/db/ingest/one-shot.ts writes it, src/db/rollups.ts reads it):
 * the file's columns only, typed, and the row's month and day, as reductions/account_month.sql and account_day.sql
 * compute them.
 */
export const ONE_SHOT_ROWS = 'll_one_shot_rows';
/** The rows with the stored ledger's columns (those the file lacks as NULL) and the month and day kept with them. */
export const ONE_SHOT_LEDGER = 'll_one_shot_ledger';
export const ONE_SHOT_MONTH = 'll_month';
export const MONTH_OF_ROW = `date_trunc('month', occurred_at)::DATE`;
export const ONE_SHOT_DAY = 'll_day';
export const DAY_OF_ROW = 'occurred_at::DATE';
