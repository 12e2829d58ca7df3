import { duckdbApi } from './duckdb.ts';
import type { Database } from './database.ts';
import { UserError } from '../errors.ts';
import { ident } from './ident.ts';
import { sqlRows } from './sql.ts';

/** Table functions a mapping may use: they generate rows from values, never from the database or a file. */
const ROW_FUNCTIONS = new Set(['unnest', 'range', 'generate_series']);

/**
 * Checks a mapping's SQL before the import runs it: DuckDB's own parser must find exactly one statement, a SELECT,
 * that binds in a sandbox instance holding only an empty `raw` of the same columns, with external access off. So a
 * second statement, another table or sequence of the database, ATTACH, or a file read (read_text, read_csv …) is
 * refused before any of it runs, and the SELECT that passes can read `raw` and nothing else. Returns the SQL
 * without its trailing semicolon, ready to wrap in a view.
 */
export async function checkMappingSql(db: Database, file: string, sql: string): Promise<string> {
  const refuse = (why: string) =>
    new UserError('mapping_sql_refused', `${file}: the SQL mapping is refused: ${why}`, {
      hint: 'A mapping is exactly one SELECT over `raw` (the file as read), e.g. SELECT __line, txn AS event_id, … FROM raw. It cannot read other tables, files or settings.',
    });
  const columns = await sqlRows<{ column_name: string; column_type: string }>(db, 'DESCRIBE raw');
  const sandbox = await duckdbApi.DuckDBInstance.create(':memory:', { enable_external_access: 'false', threads: '1' });
  const conn = await sandbox.connect();
  try {
    await conn.run(`CREATE TABLE raw (${columns.map((c) => `${ident(c.column_name)} ${c.column_type}`).join(', ')})`);
    let statements: Awaited<ReturnType<typeof conn.extractStatements>>;
    try {
      statements = await conn.extractStatements(sql);
    } catch (e) {
      throw refuse(firstLine(e));
    }
    if (statements.count !== 1) throw refuse(`it holds ${statements.count} statements; it must be exactly one SELECT`);
    let prepared: Awaited<ReturnType<typeof statements.prepare>>;
    try {
      prepared = await statements.prepare(0);
    } catch (e) {
      // Also how another table, a sequence or a file read ends: none of them exists in the sandbox.
      throw new UserError(
        'mapping_sql_failed',
        `${file}: the SQL mapping fails: ${firstLine(e)} (a mapping can read \`raw\` only)`,
        {
          hint: 'It must be a SELECT over `raw` whose columns are named event_id, occurred_at, account_id, points, …',
        },
      );
    }
    if (prepared.statementType !== duckdbApi.StatementType.SELECT)
      throw refuse('it is not a SELECT; it must be exactly one SELECT');
    const [{ tree }] = (await (
      await conn.runAndReadAll('SELECT json_serialize_sql($sql::VARCHAR)::VARCHAR AS tree', { sql })
    ).getRowObjectsJS()) as { tree: string }[];
    const bad = tableFunctions(JSON.parse(tree)).filter((f) => !ROW_FUNCTIONS.has(f));
    if (bad.length > 0) throw refuse(`it calls ${bad.join(', ')}(); only \`raw\` may be read`);
    return sql.trim().replace(/;\s*$/, '');
  } finally {
    conn.closeSync();
    sandbox.closeSync();
  }
}

/** Names of the table functions anywhere in a serialized statement (FROM items of type TABLE_FUNCTION). */
function tableFunctions(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const x of node) tableFunctions(x, out);
  else if (node !== null && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'TABLE_FUNCTION') {
      const fn = o.function as { function_name?: string } | undefined;
      out.push(String(fn?.function_name ?? '?').toLowerCase());
    }
    for (const v of Object.values(o)) tableFunctions(v, out);
  }
  return out;
}

const firstLine = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0];
