import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database, PROJECT_ROOT } from '../../src/db/database.ts';
import { rebuildRollups } from '../../src/db/rollups.ts';
import { OUTSIDE_SCOPE } from '../../src/server/access.ts';
import { maskOutside } from '../../src/server/scope-mask.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { addUser, loadUsers } from '../../src/server/users.ts';
import { sampleDbFile, serveDb } from '../hardening/sample-db.ts';
import { leaks } from '../privacy/outputs.ts';
import { ASSIGNMENTS } from '../e2e/sample-server.ts';
import { userCalls } from './user-calls.ts';
import { sqlExec } from '../../src/db/sql.ts';

/**
 * Issue 19: a manager's numbers are computed within the scope (nothing outside it is read), whether the scope has
 * one value or several, with page filters on other attributes intersected with it, and small groups kept private.
 */
const roster = readFileSync(join(PROJECT_ROOT, 'sample-data', 'accounts.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','));
const dept = (...values: string[]) => new Set(roster.filter((r) => values.includes(r[4])).map((r) => r[0]));
const RD = dept('研发部');
const TWO = dept('研发部', '市场部');

let sample: Awaited<ReturnType<typeof sampleDbFile>>;
let db: Database;
let alone: Database;
let server: RunningServer;
let aloneServer: RunningServer;
const tokens: Record<string, string> = {};

const { call, json } = userCalls(tokens);

beforeAll(async () => {
  sample = await sampleDbFile();
  const file = join(sample.dir, 'users.yaml');
  tokens.ada = addUser(file, { name: 'ada', role: 'admin' });
  tokens.mgr = addUser(file, { name: 'mgr', role: 'manager', scope: { attribute: 'department', value: '研发部' } });
  tokens.duo = addUser(file, {
    name: 'duo',
    role: 'manager',
    scope: { attribute: 'department', value: ['研发部', '市场部'] },
  });
  // The program as if it held the research department alone: its rows and roster lines only, rollups rebuilt.
  const alonePath = join(sample.dir, 'alone.duckdb');
  copyFileSync(sample.path, alonePath);
  alone = await Database.open(alonePath, { threads: 2 });
  const outside = `account_id NOT IN (SELECT account_id FROM account_attributes WHERE attribute = 'department' AND value = '研发部')`;
  await sqlExec(alone, `DELETE FROM ledger WHERE ${outside}`);
  await sqlExec(alone, `DELETE FROM accounts WHERE ${outside}`);
  await rebuildRollups(alone);
  aloneServer = await serveDb(alone, sample.dir, { uploadDir: join(sample.dir, 'alone-uploads') });
  db = await Database.open(sample.path, { threads: 2 });
  server = await serveDb(db, sample.dir, { users: loadUsers(file), assignmentsFile: ASSIGNMENTS });
}, 180_000);
afterAll(async () => {
  await server?.close();
  await aloneServer?.close();
  db?.close();
  alone?.close();
  sample?.cleanup();
});

/** An answer as a manager of `people` gets it: people outside named "(outside scope)"; timings dropped. */
const asSeenWithin = (x: unknown, people: Set<string>) =>
  JSON.parse(JSON.stringify(maskOutside(x, people), (k, v) => (k === 'seconds' ? undefined : v)));

describe("a manager's audit and economics are computed within the scope", () => {
  it.each([
    '/api/audit',
    '/api/audit?quarter=2026Q3',
    '/api/economics?quarter=2026Q3',
    '/api/audit/benford?quarter=2026Q3&field=adjust',
  ])('%s equals the answer of a database holding the scope alone', async (path) => {
    const own = await json(server, 'mgr', path);
    const scopeAlone = asSeenWithin(await json(aloneServer, null, path), RD);
    expect(asSeenWithin(own, RD)).toEqual(scopeAlone);
    // The program's answer differs: the comparison can fail.
    expect(asSeenWithin(await json(server, 'ada', path), RD)).not.toEqual(scopeAlone);
  });

  it('no flag is about a person outside the scope, even before any filtering', async () => {
    const flags: { account_id: string | null }[] = [];
    for (const q of ['2025Q3', '2025Q4', '2026Q1', '2026Q2', '2026Q3'])
      flags.push(...(await json(server, 'mgr', `/api/audit?quarter=${q}`)).flags);
    expect(flags.length).toBeGreaterThan(0);
    expect(flags.filter((f) => f.account_id === OUTSIDE_SCOPE)).toEqual([]);
    for (const f of flags) if (f.account_id) expect(RD.has(f.account_id)).toBe(true);
  });
});

describe("a manager's experiments", () => {
  it('count the assigned accounts of the scope only, not the others as inactive participants', async () => {
    const assigned = readFileSync(ASSIGNMENTS, 'utf8').trim().split('\n').slice(1);
    const inside = assigned.filter((l) => RD.has(l.split(',')[0])).length;
    const path = '/api/ab?experiment=EXP-2026-Q2-checkin';
    const arms = async (user: string) =>
      ((await json(server, user, path)).arms as { n: number }[]).reduce((n, a) => n + a.n, 0);
    expect(inside).toBeGreaterThan(0);
    expect(await arms('mgr')).toBe(inside);
    expect(await arms('ada')).toBe(assigned.length);
  });
});

describe('a scope of several values', () => {
  it('every person on the ranking and in the audit is in one of the departments; both departments appear', async () => {
    const ranked = (await json(server, 'duo', '/api/rank?period=quarter&top=500')).rows as { account_id: string }[];
    expect(ranked.length).toBeGreaterThan(0);
    expect(ranked.filter((r) => !TWO.has(r.account_id))).toEqual([]);
    expect(ranked.some((r) => RD.has(r.account_id))).toBe(true);
    expect(ranked.some((r) => !RD.has(r.account_id))).toBe(true);
    const outside = roster.map((r) => r[0]).filter((id) => !TWO.has(id));
    for (const path of ['/api/audit?quarter=2026Q3', '/api/economics?quarter=2026Q3', '/api/audit/flags.csv']) {
      const r = await call(server, 'duo', path);
      expect(r.status, path).toBe(200);
      expect(leaks(r.text, outside), path).toEqual([]);
    }
  });

  it("the report's population is both departments', and a filter to one of them narrows it", async () => {
    const both = (await json(server, 'duo', '/api/report?quarter=2026Q3')).population.n;
    const rd = (
      await json(server, 'duo', `/api/report?quarter=2026Q3&filter=${encodeURIComponent('department=研发部')}`)
    ).population.n;
    const mgr = (await json(server, 'mgr', '/api/report?quarter=2026Q3')).population.n;
    expect(rd).toBe(mgr);
    expect(both).toBeGreaterThan(rd);
    const other = await call(server, 'duo', `/api/report?filter=${encodeURIComponent('department=生产部')}`);
    expect(other.status).toBe(403);
    expect(JSON.parse(other.text).error.message).toMatch(/outside your scope \(department=研发部,市场部\)/);
  });
});

describe('a page filter on another attribute is intersected with the scope', () => {
  // The daily chart and the program totals read rollup_value_day_rule under a filter: within a scope it must be the
  // scope's accounts' sums, as in a database holding the scope alone (never the program's value rows).
  it.each(['/api/daily?quarter=2026Q3', `/api/daily?quarter=2026Q3&filter=${encodeURIComponent('level=L3')}`])(
    '%s for the research manager equals the scope-alone answer',
    async (path) => {
      const own = await json(server, 'mgr', path);
      expect(own.days.length).toBeGreaterThan(0);
      expect(own).toEqual(await json(aloneServer, null, path));
      expect(await json(server, 'ada', path)).not.toEqual(own);
    },
  );

  it('level=L3 for the research manager: the L3 people of the research department', async () => {
    const path = `/api/report?quarter=2026Q3&filter=${encodeURIComponent('level=L3')}`;
    const own = await json(server, 'mgr', path);
    expect(own.population.n).toBeGreaterThanOrEqual(30);
    // The same population as the scope-alone database's with that filter, and fewer than the program's L3.
    expect(own.population).toEqual((await json(aloneServer, null, path)).population);
    expect((await json(server, 'ada', path)).population.n).toBeGreaterThan(own.population.n);
    const ranked = (await json(server, 'mgr', `/api/rank?period=quarter&top=500&filter=level%3DL3`)).rows as {
      account_id: string;
    }[];
    const l3 = new Set(roster.filter((r) => r[4] === '研发部' && r[8] === 'L3').map((r) => r[0]));
    expect(ranked.length).toBeGreaterThan(0);
    expect(ranked.filter((r) => !l3.has(r.account_id))).toEqual([]);
  });

  it('a filter that narrows the scope to fewer than min_group_size people is refused, saying so', async () => {
    // 20 research people are at level L5: fewer than the default minimum of 30.
    for (const path of ['/api/report', '/api/daily', '/api/cohorts', '/api/gini-trend', '/report.html']) {
      const r = await call(server, 'mgr', `${path}?filter=${encodeURIComponent('level=L5')}`);
      expect(r.status, path).toBe(403);
      expect(r.text, path).toMatch(/fewer than 30 people/);
    }
    // The administrator's own filter is not a scope: it answers.
    expect((await call(server, 'ada', `/api/report?filter=${encodeURIComponent('level=L5')}`)).status).toBe(200);
  });

  it('groups of the intersection below min_group_size stay suppressed', async () => {
    const groups = (await json(server, 'mgr', `/api/report?by=level&filter=${encodeURIComponent('region=华东')}`)).by
      .groups as { value: string; n: number | null; suppressed?: string }[];
    const l3 = groups.find((g) => g.value === 'L3');
    expect(groups.length).toBeGreaterThan(1);
    expect(groups.some((g) => g.suppressed === 'fewer than 30' && g.n === null)).toBe(true);
    expect(l3?.n).toBeGreaterThanOrEqual(30);
  });
});
