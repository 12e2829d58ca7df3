import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { sqlRows } from '../../src/db/sql.ts';
import { startServer } from '../../src/server/server.ts';
import { fixtureDb } from './fixture-db.ts';

let fixture: Awaited<ReturnType<typeof fixtureDb>>;
let db: Database;
beforeAll(async () => {
  fixture = await fixtureDb();
  db = await Database.open(fixture.path, { memoryLimit: '1GB', threads: 2 });
});
afterAll(() => {
  db?.close();
  fixture?.cleanup();
});

const threads = async () => (await sqlRows<{ n: number }>(db, "SELECT current_setting('threads')::INTEGER AS n"))[0].n;

describe('a server’s reads run on one DuckDB thread each; its end gives the database its own count back', () => {
  it('reads at 1 thread by default, and 2 again once the server has closed', async () => {
    const s = await startServer({ db, host: '127.0.0.1', port: 0 });
    try {
      const r = await fetch(new URL('/api/meta', s.url));
      expect(r.status).toBe(200);
      expect(await threads()).toBe(1);
    } finally {
      await s.close();
    }
    expect(await threads()).toBe(2);
  });

  it('one read connection keeps the instance’s count: no side-by-side requests fill the cores then', async () => {
    const s = await startServer({ db, host: '127.0.0.1', port: 0, readConnections: 1 });
    try {
      expect((await fetch(new URL('/api/meta', s.url))).status).toBe(200);
      expect(await threads()).toBe(2);
    } finally {
      await s.close();
    }
  });

  it('readThreads: 2 keeps the instance’s count', async () => {
    const s = await startServer({ db, host: '127.0.0.1', port: 0, readThreads: 2 });
    try {
      expect((await fetch(new URL('/api/meta', s.url))).status).toBe(200);
      expect(await threads()).toBe(2);
    } finally {
      await s.close();
    }
  });
});
