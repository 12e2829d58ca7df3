import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import { buildReportRollups } from '../../src/db/rollups.ts';
import { importAccounts, importLedger, importRules, readCleanLedger, rollupIdsClean } from '../../src/ledger/import.ts';
import { buildReport } from '../../src/report/build.ts';
import { generateSample, SAMPLE_DEFAULTS } from '../../src/sample/generate.ts';
import { SAMPLE_DIR } from '../../src/demo/database.ts';
import { cli } from '../cli-run.ts';
import { memoryDb, tempDir, writeTemp } from '../ledger/helpers.ts';
import { sqlExec, sqlRows } from '../../src/db/sql.ts';

/** Every stored column but the bookkeeping ones (the one-shot read keeps no source lines). */
const LEDGER_ROWS = `SELECT * EXCLUDE (import_id, source_line) FROM ledger ORDER BY event_id`;

async function oneShot(dir: string): Promise<Database> {
  const db = await memoryDb();
  expect(await readCleanLedger(db, join(dir, 'ledger.csv'))).toBeDefined();
  await buildReportRollups(db);
  await importAccounts(db, { file: join(dir, 'accounts.csv') });
  await importRules(db, { file: join(dir, 'rules.csv') });
  return db;
}

async function imported(dir: string): Promise<Database> {
  const db = await memoryDb();
  await importLedger(db, { file: join(dir, 'ledger.csv') });
  await importAccounts(db, { file: join(dir, 'accounts.csv') });
  await importRules(db, { file: join(dir, 'rules.csv') });
  return db;
}

async function expectSameReports(dir: string) {
  const fast = await oneShot(dir);
  const full = await imported(dir);
  expect(await sqlRows(fast, LEDGER_ROWS)).toEqual(await sqlRows(full, LEDGER_ROWS));
  const config = loadConfig(join(dir, 'program.json'));
  const [{ department }] = await sqlRows<{ department: string }>(
    full,
    `SELECT value AS department FROM account_attributes WHERE attribute = 'department' GROUP BY ALL ORDER BY count(*) DESC, value LIMIT 1`,
  );
  const asks = [
    { config, by: 'department' },
    { config, period: { quarter: '2025Q4' }, by: 'region' },
    { config, filter: { attribute: 'department', value: department } },
    // Not month-aligned: every per-account sum then comes from the account × day grain, a view of the rows here.
    { config, period: { from: '2025-11-17', to: '2026-02-09' } },
  ];
  for (const ask of asks) {
    const want = await buildReport(full, ask);
    expect(await buildReport(fast, ask)).toEqual(want);
    // The period before on a second connection, as `report --ledger` runs it.
    expect(await buildReport(fast, { ...ask, parallel: true })).toEqual(want);
  }
}

/** A folder with the sample's roster, rules and settings, and the `columns` of its ledger rows `where` holds. */
async function sampleWith(columns: string, where: string): Promise<string> {
  const out = tempDir();
  for (const f of ['accounts.csv', 'rules.csv', 'program.json']) copyFileSync(join(SAMPLE_DIR, f), join(out, f));
  const db = await memoryDb();
  await sqlExec(
    db,
    `COPY (SELECT ${columns} FROM read_csv('${join(SAMPLE_DIR, 'ledger.csv')}', all_varchar = true) WHERE ${where})
     TO '${join(out, 'ledger.csv')}' (HEADER)`,
  );
  db.close();
  return out;
}

describe('one-shot report --ledger: a clean export read in one typed pass gives the import’s rows and report', () => {
  it('on the bundled sample', async () => {
    await expectSameReports(SAMPLE_DIR);
  }, 300_000);

  it('on a generated ledger (sample --accounts 300 --seed 11)', async () => {
    const out = tempDir();
    await generateSample({ ...SAMPLE_DEFAULTS, out, accounts: 300, seed: 11 });
    await expectSameReports(out);
  }, 300_000);

  it('on a file with fewer columns (no cash values, counterparties or regions): the missing ones read as NULL', async () => {
    await expectSameReports(
      await sampleWith('event_id, occurred_at, account_id, points, event_type, rule_id, department', 'true'),
    );
  }, 300_000);

  it('on a file without expiries, adjustments, transfers or cash values: the sums over them are written as 0 and the report is the import’s', async () => {
    const out = await sampleWith(
      'event_id, occurred_at, account_id, points, event_type, rule_id, approver_id, department, region',
      `event_type IN ('earn', 'redeem', 'deduct')`,
    );
    // The rewrite is taken (src/db/absent-sums.ts), so the equality below holds it, not the whole reductions.
    const fast = await oneShot(out);
    const [{ sql }] = await sqlRows<{ sql: string }>(
      fast,
      `SELECT sql FROM duckdb_views() WHERE view_name = 'rollup_account_month'`,
    );
    // As DuckDB keeps a view's text: the sum over a type no row has is a constant, one over a type present stays.
    expect(sql).toContain('CAST(0 AS DECIMAL(18, 2)) AS expired');
    expect(sql).toContain("FILTER (WHERE (event_type = 'redeem')), 0) AS DECIMAL(18, 2)) AS redeemed");
    fast.close();
    await expectSameReports(out);
  }, 300_000);
});

describe('one-shot read: any row the import would not accept as it is sends the file to the full import', () => {
  const header = 'event_id,occurred_at,account_id,points,event_type,department';
  const good = ['x1,2026-01-05 10:00:00,u1,100,earn,Sales', 'x2,2026-02-01 10:00:00,u1,-40.5,redeem,Sales'];
  it('a clean file is read, every row', async () => {
    const db = await memoryDb();
    expect(await readCleanLedger(db, writeTemp('l.csv', [header, ...good].join('\n')))).toEqual({ rows: 2 });
  });
  const unclean: [string, string][] = [
    ['a padded id', ' x3,2026-01-05 10:00:00,u2,5,earn,Sales'],
    ['an id ending in a space', 'x3 ,2026-01-05 10:00:00,u2,5,earn,Sales'],
    ['an id padded with a no-break space', 'x3\u00a0,2026-01-05 10:00:00,u2,5,earn,Sales'],
    ['an id led by an ideographic space', '\u3000x3,2026-01-05 10:00:00,u2,5,earn,Sales'],
    ['a padded attribute', 'x3,2026-01-05 10:00:00,u2,5,earn,Sales '],
    ['a padded account', 'x3,2026-01-05 10:00:00,u1 ,5,earn,Sales'],
    ['an attribute of spaces only', 'x3,2026-01-05 10:00:00,u2,5,earn,\u3000'],
    ['an empty quoted account', 'x3,2026-01-05 10:00:00,"",5,earn,Sales'],
    ['a missing account', 'x3,2026-01-05 10:00:00,,5,earn,Sales'],
    ['a plus sign', 'x3,2026-01-05 10:00:00,u2,+5,earn,Sales'],
    ['three decimals', 'x3,2026-01-05 10:00:00,u2,1.005,earn,Sales'],
    ['thousands separators', 'x3,2026-01-05 10:00:00,u2,"1,200",earn,Sales'],
    ['an alias type', 'x3,2026-01-05 10:00:00,u2,5,Earn,Sales'],
    ['a sign against the type', 'x3,2026-01-05 10:00:00,u2,-5,earn,Sales'],
    ['a repeated id', 'x1,2026-01-05 10:00:00,u1,100,earn,Sales'],
    ['another timestamp format', 'x3,2026/01/05 10:00,u2,5,earn,Sales'],
    ['a timestamp with an offset', 'x3,2026-01-05 10:00:00+08:00,u2,5,earn,Sales'],
    ['a year outside 1970–2099', 'x3,2100-01-05 10:00:00,u2,5,earn,Sales'],
    ['a ragged row', 'x3,2026-01-05 10:00:00,u2,5,earn'],
  ];
  for (const [what, line] of unclean)
    it(`${what}: nothing is read`, async () => {
      const db = await memoryDb();
      expect(await readCleanLedger(db, writeTemp('l.csv', [header, ...good, line].join('\n')))).toBeUndefined();
      expect(await sqlRows(db, `SELECT * FROM ledger`)).toEqual([]);
    });
  it('each row keeps the month and day of its timestamp, at the edges of months, years and the range', async () => {
    const at = [
      '1970-01-01 00:00:00',
      '2024-02-29 23:59:59',
      '2024-03-01 00:00:00',
      '2025-12-31 23:59:59',
      '2099-12-31 23:59:59',
    ];
    const rows = at.map((t, i) => `e${i},${t},u1,5,earn,Sales`);
    const db = await memoryDb();
    expect(await readCleanLedger(db, writeTemp('l.csv', [header, ...rows].join('\n')))).toEqual({ rows: at.length });
    expect(
      await sqlRows(
        db,
        `SELECT ll_month::VARCHAR AS month, ll_day::VARCHAR AS day FROM ll_one_shot_rows ORDER BY event_id`,
      ),
    ).toEqual(at.map((t) => ({ month: `${t.slice(0, 7)}-01`, day: t.slice(0, 10) })));
  });
  it('ids trim leaves as they are (an inner space, a tab, non-ASCII letters): every row read, as the import stores them', async () => {
    const odd = ['x 3', 'x4\t', '订单５'].map((id, i) => `${id},2026-01-0${5 + i} 10:00:00,u2,5,earn,Sales`);
    const path = writeTemp('l.csv', [header, ...good, ...odd].join('\n'));
    const fast = await memoryDb();
    expect(await readCleanLedger(fast, path)).toEqual({ rows: 5 });
    const full = await memoryDb();
    await importLedger(full, { file: path });
    expect(await sqlRows(fast, LEDGER_ROWS)).toEqual(await sqlRows(full, LEDGER_ROWS));
  });
  // Spellings DuckDB's cast takes and the file's format does not, past the rows the format was chosen from.
  for (const at of [
    '2026-03-05T10:00:00',
    '2026-03-05t10:00:00',
    '2026-03-05 10:00:00.5',
    '2026-03-05 24:00:00',
    '2026-03-05 23:59:60',
    '2025-02-29 10:00:00',
    '2026-03-05 10:00:00+02',
    '2026-03-05 10:00:00Z',
    '"2026-03-05 10:00:00 "',
    '1969-12-31 23:59:59',
    '2100-01-01 00:00:00',
  ])
    it(`a timestamp ${at} thousands of rows later: nothing is read`, async () => {
      const body = Array.from({ length: 1500 }, (_, i) => `y${i},2026-01-05 10:00:00,u${i % 7},5,earn,Sales`);
      const db = await memoryDb();
      const path = writeTemp('l.csv', [header, ...body, `y1500,${at},u2,5,earn,Sales`].join('\n'));
      expect(await readCleanLedger(db, path)).toBeUndefined();
      expect(await sqlRows(db, `SELECT * FROM ledger`)).toEqual([]);
    });
  it('an id repeated thousands of rows later: nothing is read', async () => {
    const body = Array.from({ length: 5000 }, (_, i) => `y${i},2026-01-05 10:00:00,u${i % 7},5,earn,Sales`);
    body.push('y17,2026-03-05 10:00:00,u2,5,earn,Sales');
    const db = await memoryDb();
    expect(await readCleanLedger(db, writeTemp('l.csv', [header, ...body].join('\n')))).toBeUndefined();
    expect(await sqlRows(db, `SELECT * FROM ledger`)).toEqual([]);
  });
  const headed: [string, string, string[]][] = [
    ['an alias header', header.replace('event_id', 'id'), good],
    ['a column the import keeps as extra', `${header},team`, good.map((l) => `${l},A`)],
    ['no id column', header.replace('event_id,', ''), good.map((l) => l.slice(l.indexOf(',') + 1))],
  ];
  for (const [what, head, body] of headed)
    it(`${what}: nothing is read`, async () => {
      const db = await memoryDb();
      expect(await readCleanLedger(db, writeTemp('l.csv', [head, ...body].join('\n')))).toBeUndefined();
    });

  describe('checked beside the report (checkLater): a repeated id or a padded repeating value found after the read', () => {
    const head = 'event_id,occurred_at,account_id,points,event_type,rule_id';
    const rows = Array.from(
      { length: 400 },
      (_, i) =>
        `k${i},2026-0${1 + (i % 3)}-${String(1 + (i % 27)).padStart(2, '0')} 10:00:00,u${i % 9},${1 + (i % 7)},earn,R${i % 4}`,
    );
    const cases: [string, string[]][] = [
      ['a row exported twice, far apart', [...rows, rows[3]]],
      ['a padded rule on one row', rows.map((l, i) => (i === 250 ? l.replace(/,R(\d)$/, ',R$1 ') : l))],
    ];
    for (const [what, body] of cases) {
      it(`${what}: the read says so once checked, and the CLI reports what the import accepts`, async () => {
        const file = writeTemp('ledger.csv', [head, ...body].join('\n'));
        const read = await readCleanLedger(await memoryDb(), file, { checkLater: true });
        expect(read?.rows).toBe(body.length);
        expect(await read?.checked).toBe(false);
        const clean = await cli(['report', '--ledger', writeTemp('clean.csv', [head, ...rows].join('\n')), '--json']);
        const r = await cli(['report', '--ledger', file, '--json']);
        expect([r.code, clean.code]).toEqual([0, 0]);
        expect(JSON.parse(r.stdout)).toEqual(JSON.parse(clean.stdout));
      });
    }
    // Account and rule ids are left to the rollups, which group them anyway (idsLater, as the CLI reads): a padded one
    // on one row is found there, not by the checks beside the report.
    // Each with the file whose report the import's rows give: the import trims a padded id, and reads a blank one as
    // missing.
    /** A read as the CLI's (idsLater), its own checks passed, and the ids' verdict once the rollups are built. */
    const idsOfRollups = async (file: string) => {
      const db = await memoryDb();
      const read = await readCleanLedger(db, file, { checkLater: true, idsLater: true });
      expect(await read?.checked).toBe(true);
      await buildReportRollups(db);
      return { db, clean: await rollupIdsClean(db) };
    };
    const edited = (at: number, from: RegExp, to: string) => rows.map((l, i) => (i === at ? l.replace(from, to) : l));
    const later: [string, string[], string[]][] = [
      ['a padded account on one row', edited(130, /,u(\d),/, ',u$1 ,'), rows],
      ['a padded rule on one row', edited(250, /,R(\d)$/, ',R$1 '), rows],
      ['a rule padded with a no-break space', edited(7, /,R(\d)$/, ',\u00a0R$1'), rows],
      ['a blank rule (spaces only)', edited(399, /,R(\d)$/, ',"  "'), edited(399, /,R(\d)$/, ',')],
    ];
    for (const [what, body, imported] of later)
      it(`${what}, left to the ids the rollups group (idsLater): found there, and the CLI reports what the import accepts`, async () => {
        const file = writeTemp('ledger.csv', [head, ...body].join('\n'));
        expect((await idsOfRollups(file)).clean).toBe(false);
        const clean = await cli([
          'report',
          '--ledger',
          writeTemp('clean.csv', [head, ...imported].join('\n')),
          '--json',
        ]);
        const r = await cli(['report', '--ledger', file, '--json']);
        expect([r.code, clean.code]).toEqual([0, 0]);
        expect(JSON.parse(r.stdout)).toEqual(JSON.parse(clean.stdout));
      });
    it("rows without a rule, empty or quoted empty: the rollups' '' rule is no rule, and the rows are the import's", async () => {
      // The reader reads "" as missing, as the import does: rollup_day_rule's '' (no rule) then stands for missing
      // values only, and the rows read are those the import keeps.
      const body = rows.map((l, i) =>
        i % 50 === 1 ? l.replace(/,R(\d)$/, ',""') : i % 50 === 2 ? l.replace(/R(\d)$/, '') : l,
      );
      const dir = writeTemp('ledger.csv', [head, ...body].join('\n'));
      const { db, clean } = await idsOfRollups(dir);
      expect(clean).toBe(true);
      const full = await memoryDb();
      await importLedger(full, { file: dir });
      expect(await sqlRows(db, LEDGER_ROWS)).toEqual(await sqlRows(full, LEDGER_ROWS));
      const [{ none }] = await sqlRows<{ none: number }>(
        db,
        `SELECT count(*)::DOUBLE AS none FROM ledger WHERE rule_id IS NULL`,
      );
      expect(none).toBe(16);
    });
    it('a clean file: checked true', async () => {
      const read = await readCleanLedger(await memoryDb(), writeTemp('l.csv', [head, ...rows].join('\n')), {
        checkLater: true,
      });
      expect(read?.rows).toBe(rows.length);
      expect(await read?.checked).toBe(true);
    });
  });

  it('a bad value repeated on many rows: each value checked once, yet every row is taken back and every line named', async () => {
    // A padded rule (value-checked once per distinct value; the import trims it and keeps the row) on 40 rows and
    // an unreadable amount on 25: the fast read gives way, and the import names each of the 25 lines, not only the first.
    const head = 'event_id,occurred_at,account_id,points,event_type,rule_id';
    const lines = [head];
    const bad: number[] = [];
    for (let i = 0; i < 200; i++) {
      const points = i % 8 === 0 ? 'abc' : String(1 + (i % 9));
      if (points === 'abc') bad.push(lines.length + 1);
      lines.push(
        `m${i},2026-0${1 + (i % 3)}-0${1 + (i % 9)} 10:00:00,u${i % 6},${points},earn,${i % 5 === 0 ? ' R1' : 'R1'}`,
      );
    }
    const file = writeTemp('ledger.csv', `${lines.join('\n')}\n`);
    expect(await readCleanLedger(await memoryDb(), file)).toBeUndefined();
    const db = await memoryDb();
    const s = await importLedger(db, { file });
    expect([s.accepted, s.quarantined, s.duplicates]).toEqual([175, 25, 0]);
    const named = await sqlRows<{ line: number; reason: string }>(
      db,
      `SELECT line::INTEGER AS line, reasons[1] AS reason FROM rejects ORDER BY line`,
    );
    expect(named.map((r) => r.line)).toEqual(bad);
    for (const r of named) expect(r.reason).toMatch(/^points \(column "points"\): "abc" is not a number/);
    const [{ rules }] = await sqlRows<{ rules: string }>(
      db,
      `SELECT string_agg(DISTINCT rule_id, ',') AS rules FROM ledger`,
    );
    expect(rules).toBe('R1');
    const r = await cli(['report', '--ledger', file, '--quarter', '2026Q1', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('25 rows were quarantined');
  });

  it('the CLI then quarantines the row as the import does and reports without it', async () => {
    const file = writeTemp('ledger.csv', [header, ...good, 'x3,2026-01-05 10:00:00,u2,1.005,earn,Ops'].join('\n'));
    const r = await cli(['report', '--ledger', file, '--quarter', '2026Q1', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('1 rows were quarantined');
    expect(JSON.parse(r.stdout)).toMatchObject({ issued: 100, redeemed: 40.5, active: 1 });
  });
});
