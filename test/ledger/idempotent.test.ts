import { isDeepStrictEqual } from 'node:util';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLedger } from '../../src/ledger/import.ts';
import { closeDb, csv, expectReconciled, fileDb, memoryDb, tempDir, writeTemp } from './helpers.ts';
import { sqlExec, sqlRows } from '../../src/db/sql.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'ledger-lens.js');

async function state(db: Awaited<ReturnType<typeof memoryDb>>) {
  const [s] = await sqlRows<{ ledger: number; imports: number; rejects: number; points: number }>(
    db,
    `SELECT (SELECT count(*) FROM ledger)::INTEGER AS ledger, (SELECT count(*) FROM imports)::INTEGER AS imports,
            (SELECT count(*) FROM rejects)::INTEGER AS rejects, (SELECT coalesce(sum(points), 0) FROM ledger)::DOUBLE AS points`,
  );
  return s;
}

describe('idempotent imports', () => {
  it('the same file twice adds nothing the second time and counts every row as a duplicate', async () => {
    const db = await memoryDb();
    const file = writeTemp(
      'a.csv',
      csv('e1,2026-01-01,u1,10,earn,R,d', 'e2,2026-01-02,u2,20,earn,R,d', 'bad,2026-01-02,u2,x,earn,R,d'),
    );
    const first = await importLedger(db, { file });
    const before = await state(db);
    const second = await importLedger(db, { file });
    expectReconciled(second);
    expect(first).toMatchObject({ accepted: 2, quarantined: 1, duplicates: 0 });
    // The bad row is quarantined again (it is still bad), the good ones are duplicates, the ledger is unchanged.
    expect(second).toMatchObject({ rows_read: 3, accepted: 0, quarantined: 1, duplicates: 2 });
    const after = await state(db);
    expect(after.ledger).toBe(before.ledger);
    expect(after.points).toBe(30);
    const imports = await sqlRows<{ sha256: string; rows_read: number; accepted: number; duplicates: number }>(
      db,
      `SELECT sha256, rows_read::INTEGER AS rows_read, accepted::INTEGER AS accepted, duplicates::INTEGER AS duplicates FROM imports ORDER BY import_id`,
    );
    expect(imports).toHaveLength(2);
    expect(imports[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(imports[0].sha256).toBe(imports[1].sha256);
    expect(imports[1]).toMatchObject({ rows_read: 3, accepted: 0, duplicates: 2 });
  });

  it('overlapping exports never count an event_id twice; a changed row is a conflict, not an overwrite', async () => {
    const db = await memoryDb();
    await importLedger(db, {
      file: writeTemp('jan.csv', csv('e1,2026-01-01,u1,10,earn,R,d', 'e2,2026-01-02,u2,20,earn,R,d')),
    });
    const s = await importLedger(db, {
      file: writeTemp(
        'jan-feb.csv',
        csv('e2,2026-01-02,u2,20,earn,R,d', 'e3,2026-02-01,u3,30,earn,R,d', 'e1,2026-01-01,u1,99,earn,R,d'),
      ),
    });
    expectReconciled(s);
    expect(s).toMatchObject({ rows_read: 3, accepted: 1, duplicates: 1, quarantined: 1 });
    expect(s.quarantine[0].reasons[0]).toBe(
      'event_id: "e1" was imported before (import 1, line 2) with different values',
    );
    expect((await state(db)).points).toBe(60);
  });

  it('ids repeated within one file, thrice and far apart: the first row stays, each later one is quarantined by name', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `f${i},2026-01-0${1 + (i % 9)},u${i % 13},5,earn,R,d`);
    rows.push('f7,2026-01-08,u7,5,earn,R,d', 'f2999,2026-01-01,u9,6,earn,R,d', 'f7,2026-01-08,u7,9,earn,R,d');
    const db = await memoryDb();
    const s = await importLedger(db, { file: writeTemp('again.csv', csv(...rows)) });
    expectReconciled(s);
    // Within one file even an identical row is quarantined: an export should not hold one event twice.
    expect(s).toMatchObject({ rows_read: 3003, accepted: 3000, duplicates: 0, quarantined: 3 });
    expect(s.quarantine.map((q) => [q.line, q.reasons[0]])).toEqual([
      [3002, 'event_id: "f7" appears again; first at line 9'],
      [3003, 'event_id: "f2999" appears again; first at line 3001'],
      [3004, 'event_id: "f7" appears again; first at line 9'],
    ]);
    expect((await state(db)).points).toBe(15000);
  });

  it('check runs every validation and writes nothing', async () => {
    const db = await memoryDb();
    const s = await importLedger(db, {
      file: writeTemp('a.csv', csv('e1,2026-01-01,u1,10,earn,R,d', 'e2,x,u1,1,earn,R,d')),
      dryRun: true,
    });
    expect(s).toMatchObject({ import_id: null, dry_run: true, accepted: 1, quarantined: 1 });
    expect(await state(db)).toEqual({ ledger: 0, imports: 0, rejects: 0, points: 0 });
  });
});

describe('atomic imports', () => {
  it('a file that fails late leaves the database as it was', async () => {
    const dir = tempDir();
    const db = await fileDb(join(dir, 'l.duckdb'));
    await importLedger(db, { file: writeTemp('a.csv', csv('e1,2026-01-01,u1,10,earn,R,d'), dir) });
    const before = await state(db);
    const rows = Array.from({ length: 3000 }, (_, i) => `x${i},2026-01-03,u${i % 7},${i + 1},earn,R,d`);
    const file = writeTemp('late.csv', csv(...rows), dir);
    // A mapping whose SQL raises on row 2,900: the failure happens deep inside the import statement.
    const mapping = writeTemp(
      'late.sql',
      `SELECT __line, event_id, occurred_at, account_id, CASE WHEN __line > 2900 THEN error('disk on fire at line ' || __line) ELSE points END AS points, event_type FROM raw`,
      dir,
    );
    await expect(importLedger(db, { file, mapping })).rejects.toThrow(/disk on fire/);
    expect(await state(db)).toEqual(before);
    closeDb(db);
    const reopened = await fileDb(join(dir, 'l.duckdb'));
    expect(await state(reopened)).toEqual(before);
  });

  it('a process killed midway (SIGKILL) leaves the pre-import state, and the same import then succeeds', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'kill.duckdb');
    const small = writeTemp('small.csv', csv('e1,2026-01-01,u1,10,earn,R,d'), dir);
    const big = join(dir, 'big.csv');
    const setup = await fileDb(dbPath);
    await importLedger(setup, { file: small });
    const N = 1_500_000;
    await sqlExec(
      setup,
      `COPY (SELECT 'b' || i AS event_id, TIMESTAMP '2026-01-01' + INTERVAL (i % 86400) SECOND AS occurred_at, 'u' || (i % 5000) AS account_id, (i % 97) + 1 AS points, 'earn' AS event_type, 'R' || (i % 20) AS rule_id, 'd' || (i % 10) AS department FROM range(${N}) t(i)) TO '${big}' (HEADER)`,
    );
    const before = await state(setup);
    closeDb(setup);
    // The one other state a kill may leave: the whole import committed (a kill can land after the commit).
    const [{ points }] = await sqlRows<{ points: number }>(
      await memoryDb(),
      `SELECT sum((i % 97) + 1)::DOUBLE AS points FROM range(${N}) t(i)`,
    );
    const after = {
      ledger: before.ledger + N,
      imports: before.imports + 1,
      rejects: before.rejects,
      points: before.points + points,
    };
    // Kill points spread over the import: reading, staging, writing, committing.
    let committed = false;
    for (const delay of [250, 900, 1800, 3200]) {
      const killed = await runCli(['import', big, '--db', dbPath, '--json'], delay);
      const db = await fileDb(dbPath);
      const now = await state(db);
      closeDb(db);
      // Exactly before or exactly after, never between; which one depends on timing, so both are right.
      expect([before, after], `after a kill at ${delay} ms (${killed ? 'killed' : 'finished first'})`).toContainEqual(
        now,
      );
      if (!killed) expect(now).toEqual(after);
      committed = isDeepStrictEqual(now, after);
      if (committed) break;
    }
    if (!committed) expect(await runCli(['import', big, '--db', dbPath, '--json'])).toBe(false);
    const db = await fileDb(dbPath);
    expect(await state(db)).toEqual(after);
  });

  it('check never creates a database file', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'none.duckdb');
    await runCli(['check', writeTemp('a.csv', csv('e1,2026-01-01,u1,10,earn,R,d'), dir), '--db', dbPath, '--json']);
    expect(existsSync(dbPath)).toBe(false);
  });
});

/** Runs the CLI; with killAfterMs it sends SIGKILL then and resolves true if the kill landed before the exit. */
function runCli(args: string[], killAfterMs?: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let killed = false;
    const timer =
      killAfterMs === undefined
        ? undefined
        : setTimeout(() => {
            killed = child.kill('SIGKILL');
          }, killAfterMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') return resolve(true);
      if (code !== 0) return reject(new Error(`ledger-lens ${args[0]} exited ${code}: ${stderr}`));
      resolve(killed && signal !== null);
    });
  });
}
