import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/db/database.ts';
import { sourceFiles } from './imports.ts';

const SRC = join(PROJECT_ROOT, 'src');

/**
 * Files outside db/ that run SQL text on a Database (`.all`, `.exec`, `.connection`) instead of a queries/*.sql file
 * through run() (issue 18, item 4). The list only shrinks: a file that stops bypassing run() must leave it.
 */
const KNOWN_BYPASSES = [
  'ledger/file-source.ts',
  'ledger/import-ledger.ts',
  'ledger/lines.ts',
  'ledger/pipeline.ts',
  'ledger/progress.ts',
  'ledger/quarantine.ts',
  'ledger/reader-rejects.ts',
  'ledger/sql-mapping.ts',
  'ledger/summary.ts',
];

const RAW_SQL = /\b(db|this\.db|ctx\.db)\.(all|exec|connection)\b/;

describe('only db/ runs SQL text', () => {
  const bypassing = sourceFiles(SRC)
    .map((p) => relative(SRC, p).split(sep).join('/'))
    .filter((f) => !f.startsWith('db/') && RAW_SQL.test(readFileSync(join(SRC, f), 'utf8')));

  it('no new file outside db/ calls Database.all/exec/connection', () => {
    expect(
      bypassing.filter((f) => !KNOWN_BYPASSES.includes(f)),
      'put the SQL in queries/*.sql and call run()',
    ).toEqual([]);
  });

  it('lists no file that has stopped bypassing run()', () => {
    expect(KNOWN_BYPASSES.filter((f) => !bypassing.includes(f))).toEqual([]);
  });
});
