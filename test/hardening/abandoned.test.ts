import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { sampleDbFile, serveDb } from './sample-db.ts';
import { sqlRows } from '../../src/db/sql.ts';

/**
 * Issue 14 item 12 / issue 15: a request whose client went away is cancelled (DuckDB interrupt on its connection).
 * The server gets ONE read connection here, and a route whose query would run for minutes: if the abandoned query
 * kept running, the next request could never get a connection and the test would time out. No timing is asserted.
 */
describe('a request whose client disconnected', () => {
  let sample: Awaited<ReturnType<typeof sampleDbFile>>;
  let db: Database;
  let server: RunningServer;
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  let outcome: Promise<unknown> | undefined;
  // A cached computation two requests wait for: it holds until the test opens the gate.
  let arrivals = 0;
  let arrived!: () => void;
  const bothArrived = new Promise<void>((resolve) => (arrived = resolve));
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  beforeAll(async () => {
    sample = await sampleDbFile();
    db = await Database.open(sample.path, { threads: 2 });
    server = await serveDb(db, sample.dir, {
      readConnections: 1,
      extraRoutes: [
        (ctx) => ({
          'GET /api/test-endless': async (_req, res) => {
            outcome = ctx.read(async (conn) => {
              started();
              // About 10^11 rows: minutes of work unless it is interrupted.
              return sqlRows(conn, 'SELECT count(*) FROM range(100000000000) t(a) WHERE a % 7 = 3');
            });
            await outcome;
            res.end('finished');
          },
          'GET /api/test-shared': async (_req, res) => {
            const answer = ctx.cached('shared', () =>
              ctx.read(async (conn) => {
                await gate;
                return sqlRows(conn, 'SELECT 42::INTEGER AS answer');
              }),
            );
            if (++arrivals === 2) arrived();
            res.end(JSON.stringify(await answer));
          },
        }),
      ],
    });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    db?.close();
    sample?.cleanup();
  });

  it('is interrupted, and the requests after it get the connection it held', async () => {
    const client = new AbortController();
    const abandoned = fetch(new URL('/api/test-endless', server.url), { signal: client.signal }).catch((e: Error) => e);
    await running;
    client.abort();
    expect(await abandoned).toBeInstanceOf(Error);
    await expect(outcome).rejects.toMatchObject({ code: 'client_gone' });
    const meta = await fetch(new URL('/api/meta', server.url));
    expect(meta.status).toBe(200);
    const report = await fetch(new URL('/api/report?quarter=2026Q1', server.url));
    expect(report.status).toBe(200);
  }, 90_000);

  it('is not cancelled while another request waits for the same (cached) answer', async () => {
    const first = new AbortController();
    const leaving = fetch(new URL('/api/test-shared', server.url), { signal: first.signal }).catch((e: Error) => e);
    const staying = fetch(new URL('/api/test-shared', server.url));
    await bothArrived;
    first.abort();
    expect(await leaving).toBeInstanceOf(Error);
    open();
    const r = await staying;
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual([{ answer: 42 }]);
  }, 90_000);
});
