import { describe, expect, it } from 'vitest';
import { importLedger } from '../../src/ledger/import.ts';
import { cli } from '../cli-run.ts';
import { expectReconciled, memoryDb, tempDir, writeTemp } from './helpers.ts';
import { sqlRows } from '../../src/db/sql.ts';

/** Issue 14 item 4: an SQL mapping is exactly one SELECT over `raw`, and nothing else can happen through it. */

const CSV = ['id,time,who,pts', 'x1,2026-05-01 09:00:00,E1,10', 'x2,2026-05-02 09:00:00,E2,20', ''].join('\n');
const GOOD = 'SELECT __line, id AS event_id, time AS occurred_at, who AS account_id, pts AS points FROM raw';

const count = async (db: Awaited<ReturnType<typeof memoryDb>>) =>
  (await sqlRows<{ n: number }>(db, 'SELECT count(*)::INTEGER AS n FROM ledger'))[0].n;

describe('an SQL mapping runs sandboxed', () => {
  it('a SELECT over raw, with a CTE, a subquery, a trailing semicolon and a comment, imports', async () => {
    const dir = tempDir();
    const file = writeTemp('x.csv', CSV, dir);
    const sql = `-- the vendor's export\nWITH r AS (SELECT * FROM raw WHERE pts IN (SELECT pts FROM raw))\nSELECT __line, id AS event_id, time AS occurred_at, who AS account_id, pts AS points FROM r;\n`;
    const s = await importLedger(await memoryDb(), { file, mapping: writeTemp('m.sql', sql, dir) });
    expectReconciled(s);
    expect(s.accepted).toBe(2);
  });

  it.each([
    ['a second statement that deletes', `${GOOD}; DELETE FROM ledger WHERE true; SELECT 1`, /exactly one SELECT/],
    ['a statement that is not a SELECT', 'DELETE FROM ledger', /one SELECT/],
    [
      'another table of the database',
      'SELECT __line, event_id, occurred_at::VARCHAR AS occurred_at, account_id, points::VARCHAR AS points FROM ledger, raw',
      /`raw` only|ledger/,
    ],
    [
      'a file on the server',
      "SELECT __line, content AS event_id, time AS occurred_at, who AS account_id, pts AS points FROM raw, read_text('/etc/hostname')",
      /read_text|`raw` only|file/,
    ],
    [
      'a sequence of the database',
      "SELECT __line, nextval('import_seq')::VARCHAR AS event_id, time AS occurred_at, who AS account_id, pts AS points FROM raw",
      /import_seq|nextval|`raw` only/,
    ],
    [
      'the catalogue of the database',
      'SELECT __line, table_name AS event_id, time AS occurred_at, who AS account_id, pts AS points FROM raw, duckdb_tables()',
      /duckdb_tables\(\)/,
    ],
    ['an attached database', `ATTACH '/tmp/x.duckdb' AS x; ${GOOD}`, /one SELECT/],
  ])('%s is refused before anything runs, and the database is unchanged', async (_what, sql, message) => {
    const dir = tempDir();
    const file = writeTemp('x.csv', CSV, dir);
    const db = await memoryDb();
    await importLedger(db, { file, mapping: writeTemp('ok.sql', GOOD, dir) });
    expect(await count(db)).toBe(2);
    const attempt = importLedger(db, {
      file: writeTemp('y.csv', CSV.replace(/x(\d)/g, 'y$1'), dir),
      mapping: writeTemp('m.sql', sql, dir),
    });
    await expect(attempt).rejects.toThrow(message);
    await expect(attempt).rejects.toThrow(/m\.sql/);
    expect(await count(db)).toBe(2);
  });

  it('`check` with a mapping that deletes writes nothing (exit 2)', async () => {
    const dir = tempDir();
    const file = writeTemp('x.csv', CSV, dir);
    const dbPath = `${dir}/l.duckdb`;
    const imported = await cli(['import', file, '--mapping', writeTemp('ok.sql', GOOD, dir), '--db', dbPath, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    const r = await cli([
      'check',
      file,
      '--mapping',
      writeTemp('m.sql', `${GOOD}; DELETE FROM ledger WHERE true; SELECT 1`, dir),
      '--db',
      dbPath,
      '--json',
    ]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.message).toMatch(/exactly one SELECT/);
    const after = await cli(['import', file, '--mapping', writeTemp('ok2.sql', GOOD, dir), '--db', dbPath, '--json']);
    expect(JSON.parse(after.stdout)).toMatchObject({ accepted: 0, duplicates: 2 });
  });
});
