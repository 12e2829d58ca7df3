-- ledger_rows, roster_rows: the raw tables as every other view reads them.
-- They are the one seam where a page filter applies (src/db/scope.ts): to show one department, these two views are
-- replaced for the duration of a request by the rows of that department's accounts, and every metric above them
-- follows without a parameter of its own. Unscoped they cost nothing: DuckDB inlines a view.
CREATE VIEW ledger_rows AS SELECT * FROM ledger;
CREATE VIEW roster_rows AS SELECT * FROM accounts;
