import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { ensureSampleDb, sampleFiles, type SampleImporter } from '../../src/demo/database.ts';
import { fixtureCsvs } from './fixture-db.ts';
import { sqlExec, sqlRows } from '../../src/db/sql.ts';

let dir: string;
let src: string;
let target: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'll-sample-'));
  src = join(dir, 'sample-data');
  mkdirSync(src);
  writeFileSync(join(src, 'ledger.csv'), fixtureCsvs().first);
  writeFileSync(
    join(src, 'accounts.csv'),
    'account_id,joined_at,department\nacc-1,2024-01-01,Sales\nacc-2,2024-02-01,Sales\nacc-3,2024-03-01,Ops\n',
  );
  writeFileSync(join(src, 'rules.csv'), 'rule_id,name,tier,points\nR1,Task done,base,10\n');
  writeFileSync(
    join(src, 'program.json'),
    JSON.stringify({ timezone: 'Asia/Shanghai', point_value: 0.01, currency: 'CNY' }),
  );
  target = join(dir, 'data', 'sample.duckdb');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

const quiet = { log: () => {} };

/** A stand-in importer that writes one marker row, so the test can tell which run produced the file. */
const marker =
  (label: string): SampleImporter =>
  async (db) => {
    await sqlExec(db, `INSERT INTO program VALUES (1, '{"marker": "${label}"}')`);
  };

async function markerOf(path: string): Promise<string | null> {
  const db = await Database.open(path, { memoryLimit: '512MB', threads: 1 });
  try {
    const [row] = await sqlRows<{ m: string | null }>(db, `SELECT config->>'marker' AS m FROM program WHERE id = 1`);
    return row?.m ?? null;
  } finally {
    db.close();
  }
}

describe('ensureSampleDb', () => {
  it('imports on first start into a partial file renamed into place, then reuses the file', async () => {
    expect(await ensureSampleDb(target, sampleFiles(src), quiet)).toEqual({ created: true });
    expect(readdirSync(join(dir, 'data'))).toEqual(['sample.duckdb']);
    expect(await ensureSampleDb(target, sampleFiles(src), { ...quiet, importer: marker('second') })).toEqual({
      created: false,
    });
    expect(await markerOf(target)).toBeNull();
  });

  it('rebuilds when a sample file or the program settings changed since the import', async () => {
    await ensureSampleDb(target, sampleFiles(src), quiet);
    writeFileSync(join(src, 'rules.csv'), 'rule_id,name,tier,points\nR1,Task done,base,10\nR2,Innovation,reward,50\n');
    expect(await ensureSampleDb(target, sampleFiles(src), quiet)).toEqual({ created: true });
    expect(await ensureSampleDb(target, sampleFiles(src), quiet)).toEqual({ created: false });
    writeFileSync(join(src, 'program.json'), JSON.stringify({ timezone: 'UTC' }));
    expect(await ensureSampleDb(target, sampleFiles(src), quiet)).toEqual({ created: true });
    expect(readdirSync(join(dir, 'data'))).toEqual(['sample.duckdb']);
  });

  it('serves an existing database as it is when the sample files are gone', async () => {
    await ensureSampleDb(target, sampleFiles(src), quiet);
    rmSync(src, { recursive: true });
    expect(await ensureSampleDb(target, sampleFiles(src), quiet)).toEqual({ created: false });
  });

  it('leaves no database under the real name when the import fails, and cleans up its partial file', async () => {
    const failing: SampleImporter = async (db) => {
      await sqlExec(db, `INSERT INTO program VALUES (1, '{}')`);
      throw new Error('disk full');
    };
    await expect(ensureSampleDb(target, sampleFiles(src), { ...quiet, importer: failing })).rejects.toThrow(
      'disk full',
    );
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(join(dir, 'data'))).toEqual([]);
  });

  it('removes what a killed first start left behind and imports afresh', async () => {
    mkdirSync(join(dir, 'data'));
    // A start killed mid-import (pid 4242) left its partial database and WAL.
    writeFileSync(join(dir, 'data', 'sample.duckdb.partial-4242'), 'half a database');
    writeFileSync(join(dir, 'data', 'sample.duckdb.partial-4242.wal'), 'half a log');
    expect(await ensureSampleDb(target, sampleFiles(src), { ...quiet, importer: marker('fresh') })).toEqual({
      created: true,
    });
    expect(readdirSync(join(dir, 'data'))).toEqual(['sample.duckdb']);
    expect(await markerOf(target)).toBe('fresh');
  });

  it('says which sample files are missing instead of serving an empty database', async () => {
    rmSync(join(src, 'rules.csv'));
    await expect(ensureSampleDb(target, sampleFiles(src), quiet)).rejects.toThrow(/rules\.csv not found/);
    expect(existsSync(target)).toBe(false);
  });

  it('imports ledger, roster and rules with the program settings through the real importer', async () => {
    await ensureSampleDb(target, sampleFiles(src), quiet);
    const db = await Database.open(target, { memoryLimit: '512MB', threads: 1 });
    try {
      const imports = await sqlRows<{ kind: string; accepted: number }>(
        db,
        `SELECT kind, accepted::INTEGER AS accepted FROM imports ORDER BY import_id`,
      );
      // ledger: 30 earn + 5 redeem rows accepted (fixture-db.ts); roster: 3 accounts; rules: 1 rule
      expect(imports).toEqual([
        { kind: 'ledger', accepted: 35 },
        { kind: 'accounts', accepted: 3 },
        { kind: 'rules', accepted: 1 },
      ]);
      const [program] = await sqlRows<{ tz: string }>(db, `SELECT config->>'timezone' AS tz FROM program WHERE id = 1`);
      expect(program.tz).toBe('Asia/Shanghai');
    } finally {
      db.close();
    }
  });
});
