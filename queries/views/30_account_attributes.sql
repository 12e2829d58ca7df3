-- account_attributes(account_id, attribute, value): every attribute of every account in long form, so one query
-- serves any attribute and no column name is ever spliced into SQL (queries filter `attribute = $attribute`).
-- At most one row per (account, attribute): the roster's value, else the account's latest ledger row's.
-- Kept as a table by every import (queries/reductions/account_attributes.sql, src/db/rollups.ts): a filter reads
-- it in every metric of a request, so computing it per query would cost more than the metrics.
CREATE VIEW account_attributes AS
SELECT account_id, attribute, value FROM rollup_account_attributes;
