import { UserError } from '../../errors.ts';
import type { Database } from '../database.ts';
import { ident } from '../ident.ts';
import { checkMappingSql } from '../sql-sandbox.ts';
import { sqlExec, sqlRows } from '../sql.ts';

/** The source as opened (src/ledger/file-source.ts): ll_raw, its columns and how to read one as text. */
interface RawSource {
  format: string;
  columns: string[];
  col(name: string): string;
}

/**
 * An SQL mapping is one SELECT over the relation `raw` (checked in a sandbox first: src/db/sql-sandbox.ts) (the file as read, with "__line"; NDJSON as `doc` JSON)
 * whose result columns carry canonical names. It serves nested exports that no column mapping can reach.
 */
export async function applySqlMapping(
  db: Database,
  src: RawSource,
  mapping: { file: string; sql: string } | undefined,
) {
  if (!mapping) return { relation: 'll_raw', columns: src.columns, col: src.col, warnings: [] as string[] };
  const rawView =
    src.format === 'ndjson'
      ? `SELECT __line, CASE WHEN __valid THEN __doc::JSON END AS doc FROM ll_raw`
      : `SELECT * FROM ll_raw`;
  await sqlExec(db, `CREATE OR REPLACE TEMP VIEW raw AS ${rawView}`);
  // Refused mappings never reach this connection, which holds the database.
  const sql = await checkMappingSql(db, mapping.file, mapping.sql);
  try {
    await sqlExec(db, `CREATE OR REPLACE TEMP VIEW ll_mapped_user AS ${sql}`);
    const cols = (await sqlRows<{ column_name: string }>(db, `DESCRIBE SELECT * FROM ll_mapped_user`)).map(
      (r) => r.column_name,
    );
    const warnings: string[] = [];
    let select = 'SELECT * FROM ll_mapped_user';
    if (!cols.includes('__line')) {
      warnings.push(
        `${mapping.file}: the mapping does not select "__line"; rows are numbered by position, not by file line`,
      );
      select = 'SELECT row_number() OVER () AS __line, * FROM ll_mapped_user';
    }
    await sqlExec(db, `CREATE OR REPLACE TEMP VIEW ll_mapped AS ${select}`);
    const columns = cols.filter((c) => c !== '__line');
    return { relation: 'll_mapped', columns, col: (c: string) => `CAST(${ident(c)} AS VARCHAR)`, warnings };
  } catch (e) {
    throw new UserError(
      'mapping_sql_failed',
      `${mapping.file}: the SQL mapping fails: ${(e as Error).message.split('\n')[0]}`,
      {
        hint: 'It must be a SELECT over `raw` whose columns are named event_id, occurred_at, account_id, points, …',
      },
    );
  }
}
