import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import type { ReportBuilder } from '../../src/server/app.ts';
import { startServer } from '../../src/server/server.ts';
import { fixtureDb } from './fixture-db.ts';

let fixture: Awaited<ReturnType<typeof fixtureDb>>;
let db: Database;
beforeAll(async () => {
  fixture = await fixtureDb();
  db = await Database.open(fixture.path, { memoryLimit: '1GB', threads: 1 });
});
afterAll(() => {
  db?.close();
  fixture?.cleanup();
});

/**
 * warmed() is what the benchmark and a shutdown wait for: it must not resolve while the read connections are still
 * being opened, even when the default view failed first.
 */
describe('a server whose default view fails at start', () => {
  it('says it has warmed only once every read connection is open', async () => {
    const fork = db.fork.bind(db);
    let gateOpen: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      gateOpen = resolve;
    });
    let opened = 0;
    let startUpForks = 0;
    // The first connection openAll opens waits for the test: the default view fails meanwhile. The first, because the
    // default view and the audits stored ahead may lease (and so open) connections of the pool before openAll
    // runs, and then openAll opens fewer than two; its first fork is called before it awaits anything, so the
    // synchronous stack names it.
    db.fork = async () => {
      const atStart = new Error().stack?.includes('openAll') ?? false;
      if (atStart && ++startUpForks === 1) await gate;
      const conn = await fork();
      opened++;
      return conn;
    };
    const failing: ReportBuilder = async () => {
      throw new Error('no report in this test');
    };
    const lines: string[] = [];
    const s = await startServer({
      db,
      host: '127.0.0.1',
      port: 0,
      buildReport: failing,
      log: (l) => lines.push(l),
      prewarm: true,
      readConnections: 3,
    });
    try {
      let warmed = false;
      const done = s.warmed().then(() => {
        warmed = true;
      });
      await expect.poll(() => lines.some((l) => l.includes('no report in this test'))).toBe(true);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warmed).toBe(false);
      gateOpen();
      await done;
      expect(opened).toBe(3);
    } finally {
      gateOpen();
      await s.close();
      db.fork = fork;
    }
  });
});
