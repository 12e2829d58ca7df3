import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/db/database.ts';
import { sourceFiles } from './imports.ts';

const SRC = join(PROJECT_ROOT, 'src');

const RAW_SQL = /\b(db|this\.db|ctx\.db)\.(all|exec|connection)\b/;

describe('only db/ runs SQL text', () => {
  const bypassing = sourceFiles(SRC)
    .map((p) => relative(SRC, p).split(sep).join('/'))
    .filter((f) => !f.startsWith('db/') && RAW_SQL.test(readFileSync(join(SRC, f), 'utf8')));

  it('no file outside db/ runs SQL text', () => {
    expect(bypassing, 'put the SQL in queries/*.sql and call run(), or in a function of src/db/').toEqual([]);
  });
});
