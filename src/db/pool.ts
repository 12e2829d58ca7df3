import type { Database } from './database.ts';
import { clearSharedPasses } from './shared-passes.ts';
import { sqlExec, sqlRows } from './sql.ts';

/**
 * Connections of one DuckDB instance for concurrent reads, behind a read/write lock: reads share it, each on its
 * own connection (no request waits for another's queries); a write (an import) waits for the running reads, blocks
 * new ones, and runs alone on the main connection, so readers never see a half-made import.
 */
export class ReadPool {
  private idle: Database[] = [];
  private readonly busy = new Set<Database>();
  private opened = 0;
  private readers = 0;
  private writing: Promise<unknown> | null = null;
  private waiting: (() => void)[] = [];
  private readerDone: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly main: Database,
    /** Connections kept at most; a read beyond them waits for one. */
    private readonly size = 4,
    /**
     * DuckDB threads while only reads run (an instance setting): undefined leaves the instance as it is. A server's
     * reads already run side by side on several connections, so a statement's own second thread mostly adds the cost
     * of splitting and merging its work (docs/query-layer.md, "Threads"); a write gets the instance's own count back.
     */
    private readonly readThreads?: number,
  ) {}

  /** The instance's thread count when the pool first set it, and the count set last. */
  private ownThreads: Promise<number> | undefined;
  private threadsNow: Promise<number> | undefined;

  /**
   * Sets the instance's threads for reads or for a write on `conn` (any connection sets the instance's). Called with
   * no write running for reads, and with no read running for a write, so two calls never disagree; the count is set
   * only when it changes, once for all reads that arrive together.
   */
  private async threadsFor(conn: Database, use: 'read' | 'write' | 'own'): Promise<void> {
    if (this.readThreads === undefined) return;
    this.ownThreads ??= sqlRows<{ n: number }>(conn, "SELECT current_setting('threads')::INTEGER AS n").then(
      ([r]) => r.n,
    );
    const own = await this.ownThreads;
    const want = use === 'read' ? Math.max(1, Math.min(own, this.readThreads)) : own;
    const before = this.threadsNow;
    const now = (async () => {
      const current = before ? await before.catch(() => undefined) : own;
      if (current !== want) await sqlExec(conn, `SET threads = ${want}`);
      return want;
    })();
    this.threadsNow = now;
    await now;
  }

  /** Gives the instance its own thread count back (a server's end: the caller may go on using the database). */
  async restoreThreads(): Promise<void> {
    if (this.threadsNow) await this.threadsFor(this.main, 'own');
  }

  /** Runs `task` on a connection of its own while no write runs. `onLease` gets that connection (to interrupt it). */
  async read<T>(task: (db: Database) => Promise<T>, onLease?: (db: Database) => void): Promise<T> {
    while (this.writing) await this.writing.catch(() => undefined);
    this.readers++;
    let db: Database | undefined;
    try {
      db = await this.lease();
      onLease?.(db);
      await this.threadsFor(db, 'read');
      // A request interrupted while it restored its shared passes left them: they go before this one reads.
      await clearSharedPasses(db);
      return await task(db);
    } finally {
      if (db) this.release(db);
      this.readers--;
      if (this.readers === 0) for (const done of this.readerDone.splice(0)) done();
    }
  }

  /**
   * Runs `task` with a second connection if one is idle now, else with none (`undefined`): a read that can split its
   * work over two connections (a report's period and the period before) takes one only when nobody else needs it.
   * It never waits for one: reads each holding a connection and waiting for a second would wait for each other.
   * Called within `read`, so no write starts meanwhile.
   */
  async beside<T>(task: (db: Database | undefined) => Promise<T>): Promise<T> {
    const db = this.closed || this.writing ? undefined : this.idle.pop();
    if (!db) return task(undefined);
    this.busy.add(db);
    try {
      await clearSharedPasses(db);
      return await task(db);
    } finally {
      this.release(db);
    }
  }

  /** Runs `task` on the main connection once every running read has finished; reads that arrive meanwhile wait. */
  async write<T>(task: (db: Database) => Promise<T>): Promise<T> {
    while (this.writing) await this.writing.catch(() => undefined);
    const run = (async () => {
      if (this.readers > 0) await new Promise<void>((resolve) => this.readerDone.push(resolve));
      await this.threadsFor(this.main, 'write');
      return task(this.main);
    })();
    this.writing = run;
    try {
      return await run;
    } finally {
      if (this.writing === run) this.writing = null;
    }
  }

  /** Opens every connection now (a server's start), so that the first requests do not each open their own. */
  async openAll(): Promise<void> {
    while (this.opened < this.size && !this.closed) {
      this.opened++;
      try {
        this.release(await this.main.fork());
      } catch (e) {
        this.opened--;
        throw e;
      }
    }
  }

  /** Interrupts every query running now, on every connection (shutdown). */
  interruptAll() {
    this.main.interrupt();
    for (const db of this.busy) db.interrupt();
  }

  /** Resolves once no read or write runs. */
  async idleNow(): Promise<void> {
    while (this.writing) await this.writing.catch(() => undefined);
    if (this.readers > 0) await new Promise<void>((resolve) => this.readerDone.push(resolve));
  }

  close() {
    this.closed = true;
    for (const db of this.idle.splice(0)) db.close();
  }

  private async lease(): Promise<Database> {
    let db = this.idle.pop();
    if (!db && this.opened < this.size) {
      this.opened++;
      try {
        db = await this.main.fork();
      } catch (e) {
        this.opened--;
        throw e;
      }
    }
    while (!db) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      db = this.idle.pop();
    }
    this.busy.add(db);
    return db;
  }

  private release(db: Database) {
    this.busy.delete(db);
    // A connection that finished opening (or reading) after close() would otherwise stay open past the shutdown.
    if (this.closed) return void db.close();
    this.idle.push(db);
    this.waiting.shift()?.();
  }
}
