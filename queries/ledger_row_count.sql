-- ledger_row_count: how many ledger rows the database holds, for the rollups command's report
-- params: none
-- returns: rows DOUBLE
-- grain: one row; a DOUBLE because a cluster-sized ledger passes INTEGER's range
SELECT count(*)::DOUBLE AS rows
FROM ledger
