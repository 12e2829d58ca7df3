import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/db/database.ts';
import { allImports, type ImportEdge } from './imports.ts';

const SRC = join(PROJECT_ROOT, 'src');

/**
 * SQL text runs on a Database only through src/db/sql.ts (sqlRows, sqlExec, connectionOf), which reach the
 * connection by the key in src/db/connection-key.ts; the Database class has no public all/exec/connection. So a
 * file outside db/ that imports neither cannot run SQL text: it runs queries/*.sql through run() or calls a
 * function of src/db/ (issue 18, item 4).
 */
const SQL_RUNNERS = ['db/sql.ts', 'db/connection-key.ts'];

function runsSqlText(e: ImportEdge): string | undefined {
  if (e.from === 'db' || !e.target || !SQL_RUNNERS.includes(e.target)) return undefined;
  return `src/${e.file}:${e.line} imports ${e.specifier}`;
}

describe('only db/ runs SQL text', () => {
  const edges = allImports(SRC);

  it('no file outside db/ runs SQL text', () => {
    expect(
      edges.flatMap((e) => runsSqlText(e) ?? []),
      'put the SQL in queries/*.sql and call run(), or in a function of src/db/',
    ).toEqual([]);
  });

  it('sees the imports of the SQL runners (the rule is not empty)', () => {
    expect(edges.some((e) => e.from === 'db' && e.target === 'db/sql.ts')).toBe(true);
    const outside: ImportEdge = {
      file: 'audit/a.ts',
      line: 3,
      from: 'audit',
      to: 'db',
      typeOnly: false,
      specifier: '../db/sql.ts',
      target: 'db/sql.ts',
    };
    expect(runsSqlText(outside)).toBe('src/audit/a.ts:3 imports ../db/sql.ts');
    expect(runsSqlText({ ...outside, target: 'db/run.ts', specifier: '../db/run.ts' })).toBeUndefined();
  });
});
