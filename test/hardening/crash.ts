import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Database, PROJECT_ROOT } from '../../src/db/database.ts';
import { Xoshiro128 } from '../../src/stats/prng.ts';
import { sqlExec, sqlRows } from '../../src/db/sql.ts';

const BIN = join(PROJECT_ROOT, 'bin', 'ledger-lens.js');
const TABLES = ['imports', 'ledger', 'rejects', 'accounts', 'rules', 'program'] as const;

/** Every stored table's row count and a checksum of its rows' text: equal states mean the same rows, not just as many. */
export type DbState = Record<(typeof TABLES)[number], { rows: number; checksum: string | null }>;

export async function dbState(path: string): Promise<DbState> {
  const db = await Database.open(path, { threads: 1, memoryLimit: '512MB' });
  try {
    const out = {} as DbState;
    for (const t of TABLES) {
      // Order-free: a sum of row hashes does not depend on the order a scan returns rows in.
      const [r] = await sqlRows<{ rows: number; checksum: string | null }>(
        db,
        `SELECT count(*)::INTEGER AS rows, sum(hash(t::VARCHAR))::VARCHAR AS checksum FROM ${t} t`,
      );
      out[t] = r;
    }
    return out;
  } finally {
    db.close();
  }
}

/** A big valid CSV ledger written by DuckDB (ids prefixed, so several files do not collide). */
export async function writeBigLedger(file: string, rows: number, prefix = 'b'): Promise<void> {
  const db = await Database.open(':memory:', { threads: 2 });
  try {
    await sqlExec(
      db,
      `COPY (SELECT '${prefix}' || i AS event_id, TIMESTAMP '2026-01-01' + INTERVAL (i % 86400) SECOND AS occurred_at, 'u' || (i % 5000) AS account_id,
      (i % 97) + 1 AS points, 'earn' AS event_type, 'R' || (i % 20) AS rule_id, 'd' || (i % 10) AS department FROM range(${rows}) t(i)) TO '${file}' (HEADER)`,
    );
  } finally {
    db.close();
  }
}

/** `ledger-lens import FILE --db DB` as a process; with killAfterMs, SIGKILL then. Resolves whether the kill landed, and the time. */
export function importProcess(
  file: string,
  dbPath: string,
  killAfterMs?: number,
): Promise<{ killed: boolean; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, 'import', file, '--db', dbPath, '--json'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - t0;
      if (signal === 'SIGKILL') return resolve({ killed: true, ms });
      if (code !== 0) return reject(new Error(`ledger-lens import exited ${code}: ${stderr}`));
      resolve({ killed: false, ms });
    });
  });
}

/**
 * `n` kill times drawn with a seeded PRNG over (5 %, 85 %) of an import's measured duration, in increasing order.
 * Not up to 100 %: a later run may be faster than the measured one and finish before a late kill.
 */
export function killPoints(seed: number, n: number, durationMs: number): number[] {
  const rng = new Xoshiro128(seed);
  return Array.from({ length: n }, () => Math.round(durationMs * (0.05 + 0.8 * rng.uniform()))).sort((a, b) => a - b);
}

/**
 * What a killed import left: exactly the state before it, exactly the state of the finished import (the same rows
 * as `after`, one more import recorded; the record's time differs), or something between, which atomicity forbids.
 */
export function classifyState(now: DbState, before: DbState, after: DbState): 'before' | 'after' | 'between' {
  const same = (a: DbState, b: DbState, t: keyof DbState) => a[t].rows === b[t].rows && a[t].checksum === b[t].checksum;
  const all = Object.keys(before) as (keyof DbState)[];
  if (all.every((t) => same(now, before, t))) return 'before';
  const data = all.filter((t) => t !== 'imports');
  if (data.every((t) => same(now, after, t)) && now.imports.rows === after.imports.rows) return 'after';
  return 'between';
}
