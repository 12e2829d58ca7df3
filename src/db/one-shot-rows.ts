/**
 * The table of a one-shot `report --ledger` read (src/db/ingest/one-shot.ts writes it, src/db/rollups.ts reads it):
 * the file's columns only, typed, and the row's month, as reductions/account_month.sql computes it.
 */
export const ONE_SHOT_ROWS = 'll_one_shot_rows';
export const ONE_SHOT_MONTH = 'll_month';
export const MONTH_OF_ROW = `date_trunc('month', occurred_at)::DATE`;
