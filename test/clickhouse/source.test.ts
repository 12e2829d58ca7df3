// The ClickHouse source's guards, against real servers: literals that always read back as sent, a schema checked
// before any data moves, credentials that never show, a connection that cannot write, rows that are never dropped.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClickhouseReader } from '../../src/db/clickhouse/client.ts';
import { chString } from '../../src/db/clickhouse/literal.ts';
import { readPart } from '../../src/db/clickhouse/csv-insert.ts';
import { Database } from '../../src/db/database.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openClickhouse } from '../../src/db/clickhouse/open.ts';
import { parseClickhouseUrl } from '../../src/db/clickhouse/url.ts';
import { UserError } from '../../src/errors.ts';
import { cli } from '../cli-run.ts';
import { DATABASE, INSTALL_HINT, LEDGER_COLUMNS, requireServer, startCluster, type Cluster } from './cluster.ts';
import { tsvLine } from './load-sample.ts';
import { sqlRows } from '../../src/db/sql.ts';

let cluster: Cluster;
const url = (table: string) => `clickhouse://127.0.0.1:${cluster.httpPort}/${DATABASE}.${table}`;

beforeAll(async () => {
  cluster = await startCluster(3);
  await cluster.query(`CREATE DATABASE ${DATABASE}`);
  await cluster.query(`CREATE TABLE ${DATABASE}.ledger (${LEDGER_COLUMNS}) ENGINE = MergeTree ORDER BY event_id`);
});

afterAll(async () => {
  await cluster?.stop();
});

async function userError(p: Promise<unknown>): Promise<UserError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(UserError);
  return e as UserError;
}

describe('string literals (no server-side parameters in 18.16)', () => {
  // Characters that end or escape a literal or a statement, mixed with any Unicode text.
  const hostile = fc.constantFrom(
    "'",
    '\\',
    '\n',
    '\r',
    '\t',
    '\0',
    '\x7f',
    ';',
    '--',
    '/*',
    '*/',
    '`',
    '"',
    '{a:String}',
    '\\x27',
    "\\'",
    '😀',
    '生产部',
  );
  const text = fc
    .oneof(
      fc.string({ unit: fc.oneof(hostile, fc.string({ unit: 'binary', maxLength: 2 })), maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 30 }),
    )
    .filter((s) => !/[\uD800-\uDFFF]/.test(s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '')));

  it('every string reads back exactly (as JSON and through the CSV parts), and nothing after it is swallowed', async () => {
    const reader = new ClickhouseReader(parseClickhouseUrl(url('ledger')));
    const duck = await Database.open(':memory:');
    const parts = mkdtempSync(join(tmpdir(), 'll-csv-parts-'));
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 20 }), async (values) => {
          const rows = await reader.all<{ v: string[]; sentinel: string }>(
            `SELECT [${values.map(chString).join(', ')}] AS v, 'end' AS sentinel`,
          );
          expect(rows).toEqual([{ v: values, sentinel: 'end' }]);
          // The same strings through the CSV parts the rows and reductions travel in, read back by DuckDB.
          const got: unknown[] = [];
          await reader.csvFiles(
            `SELECT arrayJoin([${values.map(chString).join(', ')}]) AS v, 'end' AS sentinel`,
            parts,
            async (file) => {
              got.push(...(await sqlRows(duck, `SELECT c0 AS v, c1 AS sentinel FROM ${readPart(file, 2)}`)));
              return 0;
            },
          );
          expect(got).toEqual(values.map((v) => ({ v, sentinel: 'end' })));
        }),
        { numRuns: 150, seed: 16 },
      );
    } finally {
      await reader.close();
      duck.close();
      rmSync(parts, { recursive: true, force: true });
    }
  });

  it('refuses a lone surrogate instead of sending a different string', () => {
    expect(() => chString('a\uD800b')).toThrow(/lone UTF-16 surrogate/);
  });
});

describe('the remote table is checked first', () => {
  it('names a missing column and prints the expected DDL', async () => {
    await cluster.query(
      `CREATE TABLE ${DATABASE}.no_points (event_id String, occurred_at DateTime, account_id String, event_type String) ENGINE = MergeTree ORDER BY event_id`,
    );
    const e = await userError(openClickhouse(url('no_points')));
    expect(e.message).toMatch(/no_points: column points is missing/);
    expect(e.hint).toContain('points Decimal(18, 2)');
    expect(e.exitCode).toBe(2);
  });

  it('names a mistyped column (a float cannot hold points exactly)', async () => {
    await cluster.query(
      `CREATE TABLE ${DATABASE}.float_points (event_id String, occurred_at DateTime, account_id String, points Float64, event_type String) ENGINE = MergeTree ORDER BY event_id`,
    );
    const r = await cli(['report', '--source', url('float_points')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('column points is Float64, expected Decimal(18, 2)');
    expect(r.stderr).toContain('CREATE TABLE lltest.float_points (');
  });

  it('says when the table does not exist', async () => {
    const e = await userError(openClickhouse(url('nowhere')));
    expect(e.message).toMatch(/nowhere: no such table/);
  });
});

describe('credentials and writes', () => {
  it('refuses credentials in the URL without repeating them', async () => {
    const r = await cli([
      'report',
      '--source',
      `clickhouse://alice:s3cret-pw@127.0.0.1:${cluster.httpPort}/${DATABASE}.ledger`,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('must not contain credentials');
    expect(r.stderr).not.toContain('s3cret-pw');
  });

  it('takes the user from the environment and never prints the password', async () => {
    const env = {
      ...process.env,
      LEDGER_LENS_CLICKHOUSE_USER: 'no_such_user',
      LEDGER_LENS_CLICKHOUSE_PASSWORD: 'hunter2-secret',
    };
    const e = await userError(openClickhouse(url('ledger'), { env }));
    expect(e.code).toBe('clickhouse_auth');
    expect(`${e.message} ${e.hint}`).not.toContain('hunter2-secret');
  });

  it('cannot write: every query runs read-only', async () => {
    const reader = new ClickhouseReader(parseClickhouseUrl(url('ledger')));
    try {
      const e = await userError(reader.all(`CREATE TABLE ${DATABASE}.written (x UInt8) ENGINE = Memory`));
      expect(e.message).toMatch(/readonly/i);
    } finally {
      await reader.close();
    }
    expect(await cluster.query(`EXISTS TABLE ${DATABASE}.written`)).toBe('0\n');
  });
});

describe('rows', () => {
  it('takes a condition naming 100,000 candidates (the bench at 100M rows had more than the server allows by default)', async () => {
    const reader = new ClickhouseReader(parseClickhouseUrl(url('ledger')));
    const parts = mkdtempSync(join(tmpdir(), 'll-csv-parts-'));
    const duck = await Database.open(':memory:');
    try {
      // Keys of several parts, as demand.ts writes them: one string literal each, 18.16's limit is 50,000 AST nodes.
      const keys = Array.from({ length: 100_000 }, (_, i) => chString(`U${i}\0${i}`));
      let n = 0;
      await reader.csvFiles(
        `SELECT count() AS n FROM ${DATABASE}.ledger WHERE concat(account_id, '\\0', toString(1)) IN (${keys.join(', ')})`,
        parts,
        async (file) => {
          n += (await sqlRows(duck, `SELECT c0 FROM ${readPart(file, 1)}`)).length;
          return 0;
        },
      );
      expect(n).toBe(1);
    } finally {
      await reader.close();
      duck.close();
      rmSync(parts, { recursive: true, force: true });
    }
  });

  it('stops on a row the importer would quarantine, naming it, instead of dropping it', async () => {
    await cluster.query(`CREATE TABLE ${DATABASE}.bad_type (${LEDGER_COLUMNS}) ENGINE = MergeTree ORDER BY event_id`);
    await cluster.query(
      `INSERT INTO ${DATABASE}.bad_type FORMAT TabSeparated`,
      0,
      tsvLine(['E1', '2026-01-05 10:00:00', 'U1', '10.00', 'bonus', ...Array(10).fill(null)]),
    );
    const e = await userError(openClickhouse(url('bad_type')));
    expect(e.message).toContain('event_id "E1" has event_type "bonus"');
  });

  it('refuses a table that holds an event twice instead of counting it twice', async () => {
    await cluster.query(`CREATE TABLE ${DATABASE}.dup_event (${LEDGER_COLUMNS}) ENGINE = MergeTree ORDER BY event_id`);
    const row = tsvLine(['E7', '2026-01-05 10:00:00', 'U1', '10.00', 'earn', ...Array(10).fill(null)]);
    await cluster.query(`INSERT INTO ${DATABASE}.dup_event FORMAT TabSeparated`, 0, row + row);
    const e = await userError(openClickhouse(url('dup_event')));
    expect(e.message).toContain('event_id "E7" occurs 2 times');
  });

  it("keeps the latest row's NULL attribute in account_latest, as DuckDB does, not an older value", async () => {
    await cluster.query(
      `CREATE TABLE ${DATABASE}.latest_null (${LEDGER_COLUMNS}) ENGINE = MergeTree ORDER BY event_id`,
    );
    const row = (id: string, at: string, dept: string | null) =>
      tsvLine([id, at, 'U9', '1', 'earn', null, null, null, null, null, null, null, null, dept, null]);
    await cluster.query(
      `INSERT INTO ${DATABASE}.latest_null FORMAT TabSeparated`,
      0,
      row('E1', '2026-01-01 09:00:00', 'Sales') + row('E2', '2026-02-01 09:00:00', null),
    );
    const opened = await openClickhouse(url('latest_null'));
    try {
      expect(await sqlRows(opened.db, `SELECT last_event_id, department FROM account_latest`)).toEqual([
        { last_event_id: 'E2', department: null },
      ]);
    } finally {
      opened.db.close();
      opened.cleanup();
    }
  });

  it('keeps decimals, NULLs and wall-clock times exactly', async () => {
    await cluster.query(
      `INSERT INTO ${DATABASE}.ledger FORMAT TabSeparated`,
      0,
      tsvLine([
        'E1',
        '2026-03-29 02:30:00',
        'U1',
        '-0.05',
        'adjust',
        null,
        null,
        null,
        null,
        null,
        null,
        '12.30',
        'fix\ttab',
        null,
        '华东',
      ]),
    );
    const opened = await openClickhouse(url('ledger'));
    try {
      const rows = await sqlRows(
        opened.db,
        `SELECT event_id, strftime(occurred_at, '%Y-%m-%d %H:%M:%S') AS at, points::VARCHAR AS points,
        cash_value::VARCHAR AS cash, rule_id, reason, region FROM ledger`,
      );
      expect(rows).toEqual([
        {
          event_id: 'E1',
          at: '2026-03-29 02:30:00',
          points: '-0.05',
          cash: '12.30',
          rule_id: null,
          reason: 'fix\ttab',
          region: '华东',
        },
      ]);
      // the schema query's 15 columns; the row count of the duplicate check (no bad row, no duplicate); one row each
      // of account_day, day_rule, account_month, account_quarter, account_first and account_latest (no approver, no
      // transfer, no rule for rule_accounts); the one ledger row
      expect(opened.stats.rows).toBe(15 + 1 + 6 + 1);
      expect(opened.stats.ledgerRows).toBe(1);
    } finally {
      opened.db.close();
      opened.cleanup();
    }
  });
});

describe('optional columns', () => {
  it('reads a table of the five required columns: the others are NULL in the rows and the reductions', async () => {
    await cluster.query(
      `CREATE TABLE ${DATABASE}.minimal (event_id String, occurred_at DateTime, account_id String, points Decimal(18, 2), event_type String) ENGINE = MergeTree ORDER BY event_id`,
    );
    await cluster.query(
      `INSERT INTO ${DATABASE}.minimal FORMAT TabSeparated`,
      0,
      tsvLine(['E1', '2026-01-05 23:10:00', 'U1', '5', 'earn']) +
        tsvLine(['E2', '2026-01-05 23:20:00', 'U1', '-2.5', 'redeem']),
    );
    const opened = await openClickhouse(url('minimal'));
    try {
      expect(
        await sqlRows(
          opened.db,
          `SELECT account_id, day::VARCHAR AS day, rule_id, event_type, n::INTEGER AS n, points::VARCHAR AS points, cash::VARCHAR AS cash FROM rollup_account_day ORDER BY event_type`,
        ),
      ).toEqual([
        { account_id: 'U1', day: '2026-01-05', rule_id: '', event_type: 'earn', n: 1, points: '5.00', cash: '0.00' },
        { account_id: 'U1', day: '2026-01-05', rule_id: '', event_type: 'redeem', n: 1, points: '-2.50', cash: '0.00' },
      ]);
      expect(await sqlRows(opened.db, `SELECT count(*)::INTEGER AS n FROM rollup_approver_hour`)).toEqual([{ n: 0 }]);
      expect(await sqlRows(opened.db, `SELECT department, last_event_id FROM account_latest`)).toEqual([
        { department: null, last_event_id: 'E2' },
      ]);
    } finally {
      opened.db.close();
      opened.cleanup();
    }
  });
});

describe('serve', () => {
  it('takes --rules and --config with --source only (a database keeps those of its import)', async () => {
    for (const flag of ['--rules', '--config']) {
      const r = await cli(['serve', '--port', '0', flag, 'x']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${flag} goes with --source`);
    }
  });
});

describe('without ClickHouse installed', () => {
  it('fails with the command that installs it', () => {
    expect(() => requireServer({ PATH: '/nonexistent' })).toThrow(INSTALL_HINT);
  });
});
