import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { DEFAULT_QUERY_TIMEOUT_MS, queryTimeoutFromEnv, withBudget } from '../../src/server/budget.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { sampleDbFile, serveDb } from './sample-db.ts';

describe('the query time budget', () => {
  it('reads LEDGER_LENS_QUERY_TIMEOUT_MS, defaults to 30 s, refuses nonsense', () => {
    expect(queryTimeoutFromEnv({})).toBe(DEFAULT_QUERY_TIMEOUT_MS);
    expect(DEFAULT_QUERY_TIMEOUT_MS).toBe(30_000);
    expect(queryTimeoutFromEnv({ LEDGER_LENS_QUERY_TIMEOUT_MS: '2500' })).toBe(2500);
    for (const bad of ['0', '-5', 'soon', 'Infinity'])
      expect(() => queryTimeoutFromEnv({ LEDGER_LENS_QUERY_TIMEOUT_MS: bad })).toThrow(/not a positive number/);
  });

  it('interrupts a task past its budget and turns its failure into the timeout error; a task within budget is untouched', async () => {
    let interrupts = 0;
    let reject: (e: Error) => void = () => {};
    const budget = withBudget(20, () => {
      interrupts++;
      reject(new Error('INTERRUPT Error: Interrupted!'));
    });
    const slow = budget(() => new Promise<number>((_res, rej) => (reject = rej)));
    await expect(slow()).rejects.toMatchObject({
      code: 'query_timeout',
      message: expect.stringContaining('time budget of 20 ms'),
    });
    expect(interrupts).toBe(1);
    await expect(budget(async () => 7)()).resolves.toBe(7);
    await new Promise((r) => setTimeout(r, 40)); // past the budget of the finished task: its timer must be gone
    expect(interrupts).toBe(1);
  });
});

describe('a server whose requests run past the budget', () => {
  let sample: Awaited<ReturnType<typeof sampleDbFile>>;
  let db: Database;
  let tight: RunningServer;
  let normal: RunningServer;
  beforeAll(async () => {
    sample = await sampleDbFile();
    db = await Database.open(sample.path, { threads: 2 });
    tight = await serveDb(db, sample.dir, { queryTimeoutMs: 1 });
    normal = await serveDb(db, sample.dir);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([tight?.close(), normal?.close()]);
    db?.close();
    sample?.cleanup();
  });

  it('answers 503 saying the budget and what to do, then keeps answering; the connection still works', async () => {
    const t0 = performance.now();
    const r = await fetch(new URL('/api/report?quarter=2026Q2&by=department', tight.url));
    const ms = performance.now() - t0;
    expect(r.status).toBe(503);
    const { error } = (await r.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('query_timeout');
    expect(error.message).toBe(
      'the query ran past its time budget of 1 ms and was cancelled; narrow the period or raise LEDGER_LENS_QUERY_TIMEOUT_MS',
    );
    // Cancelled, not run to the end: the same report takes much longer than this on the other server.
    expect((await fetch(new URL('/api/health', tight.url))).status).toBe(200);
    const t1 = performance.now();
    const ok = await fetch(new URL('/api/report?quarter=2026Q2&by=department', normal.url));
    const full = performance.now() - t1;
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { period: { from: string } }).period.from).toBe('2026-04-01');
    expect(ms).toBeLessThan(full);
    // The failed report was not cached as a failure: the tight server tries again (and is cut off again).
    expect((await fetch(new URL('/api/report?quarter=2026Q2&by=department', tight.url))).status).toBe(503);
  }, 60_000);
});
