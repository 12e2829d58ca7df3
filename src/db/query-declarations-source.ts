import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { headerField, parseDeclared, tsObjectType } from './header-schema.ts';

/** Where the generated types live, and the command that writes them. */
export const DECLARATIONS_FILE = 'src/db/query-declarations.ts';
export const DECLARATIONS_COMMAND = 'npm run queries:types';

/**
 * The text of src/db/query-declarations.ts: for each queries/*.sql that run() reads, the TypeScript types of its
 * params and rows, written from its header by the same table that gives run() its zod schemas (header-schema.ts).
 * A column renamed in a header thus changes this file, and tsc then points at every caller still using the old name.
 */
export function declarationsSource(queriesDir: string): string {
  const ids = readdirSync(queriesDir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => f.slice(0, -'.sql'.length))
    .sort();
  const entries = ids.map((id) => {
    const sql = readFileSync(join(queriesDir, `${id}.sql`), 'utf8');
    const params = tsObjectType(parseDeclared(headerField(sql, 'params')), 'param', '    ');
    const row = tsObjectType(parseDeclared(headerField(sql, 'returns')), 'row', '    ');
    return `  ${id}: {\n    params: ${params};\n    row: ${row};\n  };`;
  });
  return [
    `// Generated from the headers of queries/*.sql by \`${DECLARATIONS_COMMAND}\`: do not edit, edit the header and run it.`,
    '// test/db/query-declarations.test.ts fails while this file and the headers disagree.',
    '',
    '/** Per query file: the params its header declares and the row it returns, as run() validates them. */',
    'export interface QueryDeclarations {',
    ...entries,
    '}',
    '',
  ].join('\n');
}
