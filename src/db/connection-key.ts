/**
 * The key under which a Database keeps its DuckDB connection. Only src/db/ imports it (test/architecture checks),
 * so SQL text runs nowhere else: other places run queries/*.sql through run() or call a function of src/db/.
 */
export const CONNECTION: unique symbol = Symbol('connection');
