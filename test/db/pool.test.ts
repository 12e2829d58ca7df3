import { describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { ReadPool } from '../../src/db/pool.ts';
import { sqlExec, sqlRows } from '../../src/db/sql.ts';

describe('ReadPool.openAll (a server opens its read connections at start)', () => {
  it('opens every connection once; later reads, side by side, open none', async () => {
    const db = await Database.open(':memory:');
    const pool = new ReadPool(db, 3);
    const fork = db.fork.bind(db);
    let forks = 0;
    db.fork = () => {
      forks++;
      return fork();
    };
    try {
      await pool.openAll();
      expect(forks).toBe(3);
      await pool.openAll();
      expect(forks).toBe(3);
      // Three reads at once, each holding its connection until all three have one: three different connections.
      let arrived = 0;
      let allIn: () => void = () => {};
      const together = new Promise<void>((resolve) => {
        allIn = resolve;
      });
      const used = await Promise.all(
        [0, 1, 2].map(() =>
          pool.read(async (conn) => {
            if (++arrived === 3) allIn();
            await together;
            return conn;
          }),
        ),
      );
      expect(new Set(used).size).toBe(3);
      expect(used).not.toContain(db);
      expect(forks).toBe(3);
    } finally {
      await pool.idleNow();
      pool.close();
      db.close();
    }
  });

  it('a pool closed while it still opens its connections (a server stopped during start-up) closes them too', async () => {
    const db = await Database.open(':memory:');
    const pool = new ReadPool(db, 3);
    const fork = db.fork.bind(db);
    const open = new Set<Database>();
    db.fork = async () => {
      const conn = await fork();
      open.add(conn);
      const close = conn.close.bind(conn);
      conn.close = () => {
        open.delete(conn);
        close();
      };
      return conn;
    };
    try {
      const opening = pool.openAll();
      pool.close();
      await opening;
      expect(open.size).toBe(0);
    } finally {
      for (const conn of open) conn.close();
      db.close();
    }
  });
});

describe('ReadPool.beside (a read that splits its work takes an idle second connection)', () => {
  it('gives an idle connection other than the read’s own, and none when every other is busy, without waiting', async () => {
    const db = await Database.open(':memory:');
    const pool = new ReadPool(db, 2);
    try {
      await pool.openAll();
      const [own, second] = await pool.read((conn) => pool.beside(async (other) => [conn, other]));
      expect(second).toBeDefined();
      expect(second).not.toBe(own);
      // Two reads hold both connections: a third connection is not there, and beside says so at once.
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let inside = 0;
      let bothIn: () => void = () => {};
      const both = new Promise<void>((resolve) => {
        bothIn = resolve;
      });
      const reads = [0, 1].map(() =>
        pool.read(async () => {
          if (++inside === 2) bothIn();
          await held;
        }),
      );
      await both;
      expect(await pool.beside(async (other) => other)).toBeUndefined();
      release();
      await Promise.all(reads);
      // Once free, the connection beside is handed back: a later read gets it again.
      expect(await pool.beside(async (other) => other !== undefined)).toBe(true);
    } finally {
      await pool.idleNow();
      pool.close();
      db.close();
    }
  });
});

describe('ReadPool threads (reads at their own count, a write at the instance’s)', () => {
  const threads = async (conn: Database) =>
    (await sqlRows<{ n: number }>(conn, "SELECT current_setting('threads')::INTEGER AS n"))[0].n;

  it('reads run at readThreads, a write at the instance’s count, and restoreThreads gives it back', async () => {
    const db = await Database.open(':memory:', { threads: 3 });
    const pool = new ReadPool(db, 2, 1);
    try {
      expect(await pool.read((conn) => threads(conn))).toBe(1);
      expect(await pool.write((conn) => threads(conn))).toBe(3);
      // The first read after a write sets the read count again.
      expect(await pool.read((conn) => threads(conn))).toBe(1);
      await pool.restoreThreads();
      expect(await threads(db)).toBe(3);
    } finally {
      await pool.idleNow();
      pool.close();
      db.close();
    }
  });

  it('never raises a read count above the instance’s own, and leaves the instance alone without readThreads', async () => {
    const db = await Database.open(':memory:', { threads: 2 });
    const capped = new ReadPool(db, 1, 8);
    const plain = new ReadPool(db, 1);
    try {
      expect(await capped.read((conn) => threads(conn))).toBe(2);
      await sqlExec(db, 'SET threads = 1');
      expect(await plain.read((conn) => threads(conn))).toBe(1);
      expect(await plain.write((conn) => threads(conn))).toBe(1);
    } finally {
      await capped.idleNow();
      capped.close();
      plain.close();
      db.close();
    }
  });
});
