import type { DuckDBInstance, DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { duckdbApi } from './duckdb.ts';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.ts';
import { registerCoApprovers } from './co-approvers.ts';
import { CONNECTION } from './connection-key.ts';
import { unkeptDefinitions, withoutUnkeptBranches } from './kept-branches.ts';
import { memoryLimitFromEnv } from './memory-limit.ts';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCHEMA_SQL = readFileSync(join(PROJECT_ROOT, 'src', 'db', 'schema.sql'), 'utf8');
const ROLLUPS_SQL = readFileSync(join(PROJECT_ROOT, 'src', 'db', 'rollups.sql'), 'utf8');
export const VIEWS_DIR = join(PROJECT_ROOT, 'queries', 'views');

/**
 * A database whose ledger rows live elsewhere (a ClickHouse table): its in-memory DuckDB holds the rollups, and the
 * rows a query reads are fetched just before it runs (docs/query-layer.md §4). run() calls prepare() for every query
 * when the database has one; a database of its own (a file, --ledger) has none and runs every query as written.
 */
export interface RemoteRows {
  /**
   * Makes the ledger rows `queryId` reads present in `db` (and only what its result depends on), and returns the SQL
   * to run: the query itself, or the query with a reducing step replaced by a table the remote engine filled.
   */
  prepare(db: Database, queryId: string, sql: string, params: Record<string, DuckDBValue>): Promise<string>;
  /** Makes every row and every rollup present: for reads that do not go through prepare (a user's scope views). */
  complete(db: Database): Promise<void>;
  close(): void;
}

export interface OpenOptions {
  /** DuckDB memory_limit, e.g. '2GB'. Default: LEDGER_LENS_MEMORY_LIMIT or 1GB; DuckDB spills to the temp directory beyond it. */
  memoryLimit?: string;
  threads?: number;
  /** Spill directory for large imports; default: a .tmp folder beside the database. */
  tempDirectory?: string;
  readOnly?: boolean;
}

/**
 * DuckDB lets one process write a file and refuses every other open, read-only ones included (its file lock), so
 * a command beside a running server can only be told what to do.
 */
function lockedBy(path: string, message: string): UserError {
  const pid = /\(PID (\d+)\)/.exec(message)?.[1];
  return new UserError('db_locked', `${path}: another process${pid ? ` (PID ${pid})` : ''} holds the database open`, {
    hint:
      'If it is the server (npm start or ledger-lens serve), stop it (Ctrl-C) and run the command again, ' +
      'or ask the running server: e.g. http://127.0.0.1:8080/api/report?quarter=2026Q3 gives the report as JSON.',
  });
}

/** One DuckDB database file (or ':memory:'), its schema ensured and its views created. */
export class Database {
  /** Set when the ledger rows live in a remote engine (RemoteRows above); its forks share it (and its tables). */
  remote?: RemoteRows;

  /** The DuckDB connection, reached through src/db/sql.ts by src/db/ alone (the key is not imported elsewhere). */
  readonly [CONNECTION]: DuckDBConnection;

  /**
   * From now on the ledger rows live in `remote`. rollup_account_day then holds only the cells queries have fetched,
   * so the rollups derived from it locally are not kept (ll_value_days_kept(), views/00): the metrics read the
   * account × day cells they need instead.
   */
  async attachRemote(remote: RemoteRows): Promise<void> {
    this.remote = remote;
    await this.keepsLess('ll_value_days_kept');
  }

  /**
   * From now on `macro` (views/00) is false on this connection, and with `forks` on every connection forked from it
   * later: the rollups it names are not kept (ll_kept_rollups: the one-shot report's derived rollups are views of its
   * rows; ll_value_days_kept: a ClickHouse source's value day sums), so the metrics take the branches that add up
   * the rows they need. Those branches, left out of the views while everything was kept (src/db/kept-branches.ts),
   * are defined again with it.
   */
  async keepsLess(macro: 'll_kept_rollups' | 'll_value_days_kept', forks = false): Promise<void> {
    const sql = `CREATE OR REPLACE TEMP MACRO ${macro}() AS false;\n${fullDefinitions()}`;
    if (forks) await this.everyConnection(sql);
    else await this[CONNECTION].run(sql);
  }

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    connection: DuckDBConnection,
    /** A second connection of the same instance (fork): closing it leaves the instance open. */
    private readonly borrowed = false,
  ) {
    this[CONNECTION] = connection;
  }

  /**
   * Another connection to the same database instance, with its own TEMP views and macros. DuckDB runs queries of
   * different connections in parallel, so requests that each hold one do not wait for each other.
   */
  async fork(opts: { bare?: boolean } = {}): Promise<Database> {
    const db = new Database(this.path, this.instance, await this.instance.connect(), true);
    // bare: for statements that read stored tables only, without the cost of defining every view.
    if (opts.bare) return db;
    await db.createViews();
    // The same instance's tables: a remote source fills them for whichever connection runs the query.
    if (this.remote) await db.attachRemote(this.remote);
    for (const sql of this.forkSetup) await db.everyConnection(sql);
    return db;
  }

  /** TEMP statements every fork runs after its views: what this instance's tables are (everyConnection). */
  private readonly forkSetup: string[] = [];

  /**
   * Runs a TEMP statement (a macro saying how this instance's tables were made) on this connection and on every
   * connection forked from it later, so a query reads the tables the same way whichever connection runs it.
   */
  async everyConnection(sql: string): Promise<void> {
    await this[CONNECTION].run(sql);
    this.forkSetup.push(sql);
  }

  static async open(path: string, opts: OpenOptions = {}): Promise<Database> {
    const options: Record<string, string> = {
      memory_limit: opts.memoryLimit ?? memoryLimitFromEnv() ?? '1GB',
      threads: String(opts.threads ?? 2),
    };
    if (path !== ':memory:') {
      mkdirSync(dirname(path), { recursive: true });
      options.temp_directory = opts.tempDirectory ?? `${path}.tmp`;
    } else if (opts.tempDirectory) {
      options.temp_directory = opts.tempDirectory;
    }
    if (opts.readOnly) options.access_mode = 'READ_ONLY';
    let instance: DuckDBInstance;
    try {
      instance = await duckdbApi.DuckDBInstance.create(path, options);
    } catch (e) {
      if (/Conflicting lock/i.test((e as Error).message)) throw lockedBy(path, (e as Error).message);
      throw new UserError(
        'db_open_failed',
        `${path}: cannot open the database (${(e as Error).message.split('\n')[0]})`,
        {
          hint: 'Check that the path is a Ledger Lens database written by `ledger-lens import`, and that no other process is writing to it.',
        },
      );
    }
    const connection = await instance.connect();
    const db = new Database(path, instance, connection);
    if (!opts.readOnly) {
      await connection.run(SCHEMA_SQL);
      await connection.run(ROLLUPS_SQL);
    } else await db.assertRollupTables();
    await db.createViews();
    return db;
  }

  /** A file written before rollups existed cannot be read as it is (read-only: the tables cannot be added). */
  private async assertRollupTables() {
    const reader = await this[CONNECTION].runAndReadAll(
      `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'rollup_state' AND NOT temporary`,
    );
    const [{ n }] = reader.getRowObjectsJS() as { n: number }[];
    if (n > 0) return;
    this.close();
    throw new UserError(
      'rollups_missing',
      `${this.path}: the database has no rollups (it was written by an older version of Ledger Lens)`,
      {
        hint: `Run \`ledger-lens rollups --db ${this.path}\` once to build them; later imports keep them up to date.`,
      },
    );
  }

  /**
   * Views are derived, never stored: (re)created at every open so a newer version of the SQL always applies. The
   * functions of our own that queries call are registered beside them (co-approvers.ts).
   */
  private async createViews() {
    registerCoApprovers(this[CONNECTION]);
    for (const f of viewFiles(VIEWS_DIR)) {
      // Every rollup is kept until the connection says otherwise (keepsLess): the branches for less are left out.
      const sql = withoutUnkeptBranches(viewFileSql(f));
      try {
        await this[CONNECTION].run(sql);
      } catch (e) {
        throw new UserError(
          'view_failed',
          `${this.path}: the database does not fit this version's views (queries/views/${f}: ${(e as Error).message.split('\n')[0]})`,
          {
            hint: 'It was probably written by another version of Ledger Lens: import the files again into a new database file.',
            exitCode: 1,
          },
        );
      }
    }
  }

  /** Cancels the query running on the connection now (it fails with an interrupt error); the connection stays usable. */
  interrupt() {
    this[CONNECTION].interrupt();
  }

  /** Runs fn inside one transaction: all of it lands, or none of it. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this[CONNECTION].run('BEGIN TRANSACTION');
    try {
      const out = await fn();
      await this[CONNECTION].run('COMMIT');
      return out;
    } catch (e) {
      try {
        await this[CONNECTION].run('ROLLBACK');
      } catch {
        /* the transaction may already be aborted by DuckDB; the original error is what matters */
      }
      throw e;
    }
  }

  close() {
    if (!this.borrowed) this.remote?.close();
    try {
      this[CONNECTION].closeSync();
    } finally {
      if (!this.borrowed) this.instance.closeSync();
    }
  }
}

/** A view file's statements as a connection runs them: its views TEMP, as a database opened read-only needs. */
const viewFileSql = (f: string) =>
  readFileSync(join(VIEWS_DIR, f), 'utf8').replace(/CREATE\s+(OR\s+REPLACE\s+)?VIEW/gi, 'CREATE OR REPLACE TEMP VIEW');

let full: string | undefined;
/** The table macros of the views with the branches createViews leaves out (Database.keepsLess). */
const fullDefinitions = () =>
  (full ??= viewFiles(VIEWS_DIR)
    .map((f) => unkeptDefinitions(viewFileSql(f)))
    .join('\n'));

/** The view definitions; a folder that cannot be read is an error, never a database opened without its views. */
export function viewFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .sort();
  } catch (e) {
    throw new UserError(
      'views_unreadable',
      `${dir}: cannot read the view definitions (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      {
        hint: 'The installation is incomplete: install Ledger Lens again.',
        exitCode: 1,
      },
    );
  }
}
