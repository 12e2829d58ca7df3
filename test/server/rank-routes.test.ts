import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import type { Economics } from '../../src/economics/schema.ts';
import type { RankResult } from '../../src/rank/schema.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { economicsDb, ITEMS_CSV } from '../economics/fixture.ts';
import { rankDb } from '../rank/fixture.ts';
import { rankings, type RankOptions } from '../../src/rank/rankings.ts';

let dir: string;
let rankDbs: Database;
let econDb: Database;
let rank: RunningServer;
let econ: RunningServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'll-rank-routes-'));
  writeFileSync(join(dir, 'items.csv'), ITEMS_CSV);
  [rankDbs, econDb] = await Promise.all([rankDb(), economicsDb()]);
  rank = await startServer({ db: rankDbs, host: '127.0.0.1', port: 0, log: () => {} });
  econ = await startServer({
    db: econDb,
    host: '127.0.0.1',
    port: 0,
    log: () => {},
    itemsFile: join(dir, 'items.csv'),
  });
});

afterAll(async () => {
  await Promise.all([rank?.close(), econ?.close()]);
  rankDbs?.close();
  econDb?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = async <T>(s: RunningServer, path: string) => {
  const r = await fetch(new URL(path, s.url));
  return { status: r.status, body: (await r.json()) as T };
};
type Err = { error: { code: string; message: string } };

describe('GET /api/rank (fixture of test/rank/fixture.ts, worked out by hand there)', () => {
  it('ranks March 2026 with competition ranks, movement against February and concentration', async () => {
    const { status, body } = await get<RankResult & { periods: { from: string; to: string }[] }>(
      rank,
      '/api/rank?period=month&at=2026-03-15',
    );
    expect(status).toBe(200);
    expect(body.period).toEqual({ from: '2026-03-01', to: '2026-04-01' });
    expect(body.previous_period).toEqual({ from: '2026-02-01', to: '2026-03-01' });
    expect(body.tie_rule).toBe('competition');
    // a 500; b c d 300 share rank 2; e 100 is 5th; f h 50 share 6th.
    expect(body.rows.map((r) => [r.account_id, r.rank])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
      ['d', 2],
      ['e', 5],
      ['f', 6],
      ['h', 6],
    ]);
    // February ranks: b c 1, e 3, a 4, d 5 → a moved 4 − 1 = 3 up, b 1 − 2 = −1, d 5 − 2 = 3; f and h are new.
    expect(body.rows.map((r) => r.movement)).toEqual([3, -1, -1, 3, -2, null, null]);
    expect(body.rows[0].share).toBeCloseTo(500 / 1600, 12);
    // Top 1 % of 8 accounts = ⌈0.08⌉ = 1 account: a, 500 / 1600.
    expect(body.concentration.top1pct_n).toBe(1);
    expect(body.concentration.top1pct_share).toBeCloseTo(0.3125, 12);
    // The data spans 2026-02-02 … 2026-05-11: four months, newest first.
    expect(body.periods.map((p) => p.from)).toEqual(['2026-05-01', '2026-04-01', '2026-03-01', '2026-02-01']);
  });

  it('ranks within an attribute and lists only the top N of each group', async () => {
    const { body } = await get<RankResult>(rank, '/api/rank?period=month&at=2026-03-01&by=department&top=1');
    // Sales a 1 (2nd in Sales in February) · Ops c d 1, a tie at the cut keeps both (c 1st, d 3rd in Ops before) · no department h 1.
    expect(body.rows.map((r) => [r.group, r.account_id, r.rank, r.movement])).toEqual([
      ['Ops', 'c', 1, 0],
      ['Ops', 'd', 1, 2],
      ['Sales', 'a', 1, 1],
      [null, 'h', 1, null],
    ]);
  });

  it('answers the whole span for all, with one period in the picker list', async () => {
    const { body } = await get<RankResult & { periods: unknown[] }>(rank, '/api/rank?period=all');
    expect(body.period).toEqual({ from: '2026-02-02', to: '2026-05-12' });
    expect(body.previous_period).toBeNull();
    expect(body.periods).toEqual([{ from: '2026-02-02', to: '2026-05-12' }]);
  });

  it('answers what rankings() answers, whether its two queries ran on two connections at once or on one', async () => {
    // Unfiltered months and quarters run the two queries on two pooled connections (routes/rank.ts); weeks, years,
    // all time and any filter on one, with the per-account sums made once for both.
    const cases: RankOptions[] = [
      { period: 'month', at: '2026-03-15' },
      { period: 'month', at: '2026-03-15', by: 'department', top: 2 },
      { period: 'quarter', at: '2026-03-15', by: 'department' },
      { period: 'week', at: '2026-03-10' },
      { period: 'year', at: '2026-03-15', by: 'department' },
      { period: 'all' },
      { period: 'month', at: '2026-03-15', filter: { attribute: 'department', value: 'Ops' } },
    ];
    for (const c of cases) {
      const q = new URLSearchParams({ period: c.period });
      if (c.at) q.set('at', c.at);
      if (c.by) q.set('by', c.by);
      if (c.top) q.set('top', String(c.top));
      if (c.filter) q.set('filter', `${c.filter.attribute}=${c.filter.value}`);
      const { status, body } = await get<RankResult & { periods: unknown }>(rank, `/api/rank?${q}`);
      expect(status, JSON.stringify(c)).toBe(200);
      const { periods: _periods, ...answer } = body;
      expect(answer, JSON.stringify(c)).toEqual(JSON.parse(JSON.stringify(await rankings(rankDbs, c))));
    }
  });

  it('answers 400 naming the parameter for bad input', async () => {
    const cases: [string, string][] = [
      ['/api/rank', 'period'],
      ['/api/rank?period=decade', 'period'],
      ['/api/rank?period=month&at=2026-13-01', 'at'],
      ['/api/rank?period=month&top=0', 'top'],
      ['/api/rank?period=month&top=ten', 'top'],
      ['/api/rank?period=month&top=100000', 'top'],
      ['/api/rank?period=month&by=a%3Bdrop', 'by'],
      ['/api/rank?period=month&by=salary', 'salary'],
      ['/api/rank?period=all&at=2020-01-01', '--at 2020-01-01'], // all time up to a day before the first row
    ];
    for (const [path, name] of cases) {
      const { status, body } = await get<Err>(rank, path);
      expect(status, path).toBe(400);
      expect(body.error.message, path).toContain(name);
    }
  });
});

describe('GET /api/economics (fixture of test/economics/fixture.ts)', () => {
  it('computes a quarter with the catalogue the server was given', async () => {
    const { status, body } = await get<Economics>(econ, '/api/economics?quarter=2026Q1');
    expect(status).toBe(200);
    expect(body.period).toEqual({ from: '2026-01-01', to: '2026-04-01' });
    // Q1 = the fixture's period P (10.50) plus r10 in March (G1, 1.00) = 11.50; active a, b, c (d only expired).
    expect(body.totals.cost).toBeCloseTo(11.5, 9);
    expect(body.totals.active).toBe(3);
    expect(body.totals.cost_per_active).toBeCloseTo(11.5 / 3, 9);
    expect(body.never_redeemed?.map((i) => i.item_id)).toEqual(['G3']);
  });

  it('computes a month, and the default quarter without parameters', async () => {
    const jan = (await get<Economics>(econ, '/api/economics?month=2026-01')).body;
    // January: r3 1.00 + r4 200 × 0.01 = 2.00 → 3.00; active a, b, c (c earned on 01-10).
    expect(jan.totals.cost).toBeCloseTo(3, 9);
    expect(jan.totals.redemptions).toBe(2);
    const dflt = await get<Economics>(econ, '/api/economics');
    expect(dflt.status).toBe(200);
    // The data runs 2025-12-01 … 2026-03-05: the last quarter ending by 2026-03-06 is 2025Q4 (the report's default).
    expect(dflt.body.period).toEqual({ from: '2025-10-01', to: '2026-01-01' });
  });

  it('has no never-redeemed list when the server has no catalogue', async () => {
    const { body } = await get<Economics>(rank, '/api/economics?quarter=2026Q1');
    expect(body.never_redeemed).toBeNull();
  });

  it('answers 400 naming the parameter', async () => {
    for (const [path, name] of [
      ['/api/economics?quarter=2026Q5', 'quarter'],
      ['/api/economics?month=2026-1', 'month'],
      ['/api/economics?quarter=2026Q1&month=2026-01', 'month'],
    ]) {
      const { status, body } = await get<Err>(econ, path);
      expect(status, path).toBe(400);
      expect(body.error.message, path).toMatch(new RegExp(`^${name}:|; ${name}:`));
    }
  });
});

describe('POST /api/xlsx', () => {
  const sheet = {
    name: '排行榜',
    columns: [
      { key: 'rank', header: '排名', type: 'integer' },
      { key: 'account_id', header: '账户', type: 'string' },
      { key: 'share', header: '占比', type: 'percent' },
      { key: 'day', header: '日期', type: 'date' },
    ],
    rows: [
      { rank: 1, account_id: '=HYPERLINK("x")', share: 0.3125, day: '2026-03-01' },
      { rank: 2, account_id: 'b', share: null, day: '2026-03-02' },
    ],
  };
  const post = (body: unknown, headers: Record<string, string> = { 'X-Ledger-Lens': '1' }) =>
    fetch(new URL('/api/xlsx', rank.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('answers a workbook whose numbers are numbers, dates dates and text text', async () => {
    const r = await post({ name: 'rankings-zh-CN', lang: 'zh-CN', sheets: [sheet] });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.headers.get('content-disposition')).toContain("filename*=UTF-8''rankings-zh-CN.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await r.arrayBuffer()) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('排行榜')!;
    expect(ws.getRow(1).values).toEqual([undefined, '排名', '账户', '占比', '日期']);
    expect(ws.getCell('A2').value).toBe(1);
    expect(ws.getCell('C2').value).toBe(0.3125);
    expect(ws.getCell('C2').numFmt).toBe('0.00%');
    expect(ws.getCell('D2').value).toEqual(new Date(Date.UTC(2026, 2, 1)));
    // Ledger text that looks like a formula stays text.
    expect(ws.getCell('B2').value).toBe('=HYPERLINK("x")');
    expect(ws.getCell('C3').value).toBeNull();
  });

  it('refuses a post without the X-Ledger-Lens header, bad JSON and bad shapes with 400 naming the field', async () => {
    const noHeader = await post({ name: 'x', lang: 'en', sheets: [sheet] }, {});
    expect(noHeader.status).toBe(400);
    expect(((await noHeader.json()) as Err).error.message).toContain('X-Ledger-Lens');
    const cases: [unknown, string][] = [
      ['{not json', 'body'],
      [{ name: '../etc/passwd', lang: 'en', sheets: [sheet] }, 'name'],
      [{ name: 'x', lang: 'fr', sheets: [sheet] }, 'lang'],
      [{ name: 'x', lang: 'en', sheets: [] }, 'sheets'],
      [
        { name: 'x', lang: 'en', sheets: [{ ...sheet, columns: [{ key: 'a', header: 'A', type: 'formula' }] }] },
        'sheets.0.columns.0.type',
      ],
      [{ name: 'x', lang: 'en', sheets: [{ ...sheet, rows: [{ rank: { nested: 1 } }] }] }, 'sheets.0.rows.0.rank'],
    ];
    for (const [body, field] of cases) {
      const r = await post(body);
      expect(r.status, field).toBe(400);
      expect(((await r.json()) as Err).error.message, field).toContain(`${field}:`);
    }
  });

  it('refuses more than 50,000 rows and bodies over 5 MB', async () => {
    const rows = Array.from({ length: 50_001 }, (_, i) => ({ rank: i }));
    const many = await post({
      name: 'x',
      lang: 'en',
      sheets: [{ name: 's', columns: [{ key: 'rank', header: 'r', type: 'integer' }], rows }],
    });
    expect(many.status).toBe(400);
    expect(((await many.json()) as Err).error.message).toContain('50000 rows');
    const big = await post(
      JSON.stringify({
        name: 'x',
        lang: 'en',
        sheets: [
          {
            name: 's',
            columns: [{ key: 'a', header: 'a', type: 'string' }],
            rows: [{ a: 'x'.repeat(6 * 1024 * 1024) }],
          },
        ],
      }),
    );
    expect(big.status).toBe(413);
  });
});
