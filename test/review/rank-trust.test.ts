import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { importLedger } from '../../src/ledger/import.ts';
import { rankings } from '../../src/rank/rankings.ts';
import type { RankResult } from '../../src/rank/schema.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { addUser, loadUsers } from '../../src/server/users.ts';
import { serveDb } from '../hardening/sample-db.ts';
import { tempDir, writeTemp } from '../ledger/helpers.ts';
import { userCalls } from '../server/user-calls.ts';

/**
 * Outside review of the Rankings' previous-period ranks: ties, a newcomer, a top account that was far outside last
 * period's top, and a manager's scope, each checked against ranks worked out here from the rows themselves.
 */
type Row = { id: string; at: string; account: string; points: number; type: string; dept: string };
const rows: Row[] = [];
let n = 0;
/** `total` earned by `account` in `month`, split over two rows (the sums must add them). */
const earn = (account: string, month: string, total: number) => {
  const dept = account.startsWith('a') ? 'A' : 'B';
  const half = Math.floor(total / 2);
  rows.push({ id: `e${++n}`, at: `2026-${month}-03 09:00:00`, account, points: half, type: 'earn', dept });
  rows.push({ id: `e${++n}`, at: `2026-${month}-20 09:00:00`, account, points: total - half, type: 'earn', dept });
};
// The previous quarter (2026Q1): ties at 90 and 70; a6 far below the top; b4 absent.
for (const [a, v] of Object.entries({ a1: 100, a2: 90, a3: 90, a4: 80, a5: 50, a6: 10, b1: 70, b2: 70, b3: 60 }))
  earn(a, '02', v);
// This quarter (2026Q2): a6 leaps to the top, a1–a3 tie at the cut, b4 is new; a redemption is not an earning.
for (const [a, v] of Object.entries({
  a6: 200,
  a1: 150,
  a2: 150,
  a3: 150,
  a4: 40,
  a5: 30,
  b4: 300,
  b1: 70,
  b2: 60,
  b3: 60,
}))
  earn(a, '05', v);
rows.push({ id: 'r1', at: '2026-05-25 09:00:00', account: 'a1', points: -40, type: 'redeem', dept: 'A' });
// Thirty more of department A earning a little each quarter (a manager's scope of fewer than 30 people is refused).
for (let i = 10; i < 40; i++) {
  earn(`a${i}`, '02', 2);
  earn(`a${i}`, '05', 2);
}
// March, for the month ranking: only a few earned, two of them alike.
earn('a4', '03', 120);
earn('b1', '03', 120);
earn('a5', '03', 30);

/** Competition ranks ("1224") of the earnings in [from, to), optionally within `dept` and by department. */
function oracle(from: string, to: string, opts: { dept?: string; byDept?: boolean } = {}) {
  const issued = new Map<string, number>();
  for (const r of rows)
    if (r.type === 'earn' && r.at >= from && r.at < to && (!opts.dept || r.dept === opts.dept))
      issued.set(r.account, (issued.get(r.account) ?? 0) + r.points);
  const group = (a: string) => (opts.byDept ? (a.startsWith('a') ? 'A' : 'B') : null);
  const rank = new Map<string, number>();
  for (const [a, v] of issued) rank.set(a, 1 + [...issued].filter(([b, w]) => group(b) === group(a) && w > v).length);
  return { issued, rank, group };
}

function expected(
  cur: [string, string],
  prev: [string, string],
  top: number,
  opts: { dept?: string; byDept?: boolean } = {},
) {
  const now = oracle(...cur, opts);
  const before = oracle(...prev, opts);
  return [...now.rank]
    .filter(([, r]) => r <= top)
    .map(([account_id, rank]) => ({
      rank,
      account_id,
      group_value: now.group(account_id),
      issued: now.issued.get(account_id),
      previous_issued: before.issued.get(account_id) ?? null,
      previous_rank: before.rank.get(account_id) ?? null,
      movement: before.rank.has(account_id) ? (before.rank.get(account_id) as number) - rank : null,
    }))
    .sort(
      (x, y) =>
        String(x.group_value).localeCompare(String(y.group_value)) ||
        x.rank - y.rank ||
        x.account_id.localeCompare(y.account_id),
    );
}

const pick = (r: RankResult) =>
  r.rows.map(({ rank, account_id, group, issued, previous_issued, previous_rank, movement }) => ({
    rank,
    account_id,
    group_value: group,
    issued,
    previous_issued,
    previous_rank,
    movement,
  }));

let db: Database;
let server: RunningServer;
const tokens: Record<string, string> = {};
const { call, json } = userCalls(tokens);
const Q2: [string, string] = ['2026-04-01', '2026-07-01'];
const Q1: [string, string] = ['2026-01-01', '2026-04-01'];

beforeAll(async () => {
  const dir = tempDir();
  const csv = [
    'event_id,occurred_at,account_id,points,event_type,department',
    ...rows.map((r) => `${r.id},${r.at},${r.account},${r.points},${r.type},${r.dept}`),
  ].join('\n');
  const file = writeTemp('ledger.csv', `${csv}\n`, dir);
  db = await Database.open(join(dir, 'rank.duckdb'), { threads: 2 });
  const s = await importLedger(db, { file });
  expect(s.accepted).toBe(rows.length);
  const users = join(dir, 'users.yaml');
  tokens.ada = addUser(users, { name: 'ada', role: 'admin' });
  tokens.mgr = addUser(users, { name: 'mgr', role: 'manager', scope: { attribute: 'department', value: 'A' } });
  tokens.vic = addUser(users, { name: 'vic', role: 'viewer' });
  server = await serveDb(db, dir, { users: loadUsers(users) });
}, 120_000);
afterAll(async () => {
  await server?.close();
  db?.close();
});

describe('rankings: previous ranks of the current top, worked out from the rows', () => {
  it('overall, with ties at the cut, a newcomer and a leap from ninth place', async () => {
    const got = pick(await rankings(db, { period: 'quarter', at: '2026-05-01', top: 3 }));
    expect(got).toEqual(expected(Q2, Q1, 3));
    expect(got.find((r) => r.account_id === 'a6')).toMatchObject({ rank: 2, previous_rank: 9, movement: 7 });
    expect(got.find((r) => r.account_id === 'b4')).toMatchObject({ rank: 1, previous_rank: null, movement: null });
    expect(got.filter((r) => r.rank === 3).map((r) => r.account_id)).toEqual(['a1', 'a2', 'a3']);
  });

  it('within each department, previous ranks within the same department', async () => {
    const got = pick(await rankings(db, { period: 'quarter', at: '2026-05-01', top: 2, by: 'department' }));
    expect(got).toEqual(expected(Q2, Q1, 2, { byDept: true }));
  });

  it('filtered to one department: ranks and previous ranks among its accounts only', async () => {
    const filter = { attribute: 'department', value: 'A' };
    const got = pick(await rankings(db, { period: 'quarter', at: '2026-05-01', top: 4, filter }));
    expect(got).toEqual(expected(Q2, Q1, 4, { dept: 'A' }));
    expect(got.find((r) => r.account_id === 'a6')).toMatchObject({ previous_rank: 6 });
  });

  it('a month, with last month’s ranks (a tie at the top)', async () => {
    const got = pick(await rankings(db, { period: 'month', at: '2026-03-10', top: 5 }));
    expect(got).toEqual(expected(['2026-03-01', '2026-04-01'], ['2026-02-01', '2026-03-01'], 5));
  });
});

describe('rankings over the server: who may see whom', () => {
  const url = '/api/rank?period=quarter&at=2026-05-01&top=3';
  it('the admin sees the program’s ranking, equal to rankings()', async () => {
    const got = (await json(server, 'ada', url)) as RankResult;
    expect(pick(got)).toEqual(expected(Q2, Q1, 3));
  });

  it('a manager sees the scope’s accounts only, ranked among themselves then and now', async () => {
    const got = (await json(server, 'mgr', url)) as RankResult;
    expect(pick(got)).toEqual(expected(Q2, Q1, 3, { dept: 'A' }));
    expect(JSON.stringify(got)).not.toMatch(/"b\d"/);
    const byDept = (await json(server, 'mgr', `${url}&by=department`)) as RankResult;
    expect(pick(byDept)).toEqual(expected(Q2, Q1, 3, { dept: 'A', byDept: true }));
  });

  it('after the manager asked, the admin’s same request is still the program’s (and the reverse)', async () => {
    const month = '/api/rank?period=month&at=2026-03-10&top=5';
    const mgr = (await json(server, 'mgr', month)) as RankResult;
    const ada = (await json(server, 'ada', month)) as RankResult;
    expect(pick(ada)).toEqual(expected(['2026-03-01', '2026-04-01'], ['2026-02-01', '2026-03-01'], 5));
    expect(pick(mgr)).toEqual(expected(['2026-03-01', '2026-04-01'], ['2026-02-01', '2026-03-01'], 5, { dept: 'A' }));
  });

  it('a manager asking for another department, and a viewer asking for anyone, are refused', async () => {
    expect((await call(server, 'mgr', `${url}&filter=${encodeURIComponent('department=B')}`)).status).toBe(403);
    expect((await call(server, 'vic', url)).status).toBe(403);
  });
});
