import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database, PROJECT_ROOT } from '../../src/db/database.ts';
import { mayCall, OUTSIDE_SCOPE } from '../../src/server/access.ts';
import { readAccessLog } from '../../src/server/access-log.ts';
import { createApp } from '../../src/server/app.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { addUser, loadUsers, type Role } from '../../src/server/users.ts';
import { sampleDbFile, serveDb } from '../hardening/sample-db.ts';
import { leaks, sampleIdentities, substrings } from '../privacy/outputs.ts';
import { pseudonymizer } from '../../src/privacy/pseudonymize.ts';
import { cli } from '../cli-run.ts';

/** Issue 19: people and roles, enforced on the server for every route, and a record of who looked. */
const KEY = 'roles-test-pseudonym-key-0123456789';
const SCOPE = { attribute: 'department', value: '研发部' };
const { ids, names } = sampleIdentities();
const pseudo = pseudonymizer(KEY);
const roster = readFileSync(join(PROJECT_ROOT, 'sample-data', 'accounts.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','));
const outsideScope = roster.filter((r) => r[4] !== SCOPE.value).map((r) => r[0]);
const insideScope = roster.filter((r) => r[4] === SCOPE.value).map((r) => r[0]);
/** A scope of two departments (a list in the users file). */
const TWO = { attribute: 'department', value: ['研发部', '市场部'] };
const outsideTwo = roster.filter((r) => !TWO.value.includes(r[4])).map((r) => r[0]);

let sample: Awaited<ReturnType<typeof sampleDbFile>>;
let db: Database;
let server: RunningServer;
let routeKeys: string[];
let cliDb: string;
/** The program's distinctive totals (points, money, Gini) as JSON writes them: no answer of mgr or duo may hold one. */
let programTotals: string[];
const tokens: Record<string, string> = {};
const USERS: {
  name: string;
  role: Role;
  scope?: { attribute: string; value: string | string[] };
  pseudonymize?: boolean;
  programTotals?: boolean;
}[] = [
  { name: 'ada', role: 'admin' },
  { name: 'aud', role: 'auditor' },
  { name: 'pse', role: 'auditor', pseudonymize: true },
  { name: 'mgr', role: 'manager', scope: SCOPE },
  { name: 'duo', role: 'manager', scope: TWO },
  // The program's settings keep program-wide totals from managers (the default); this one's entry allows them.
  { name: 'tot', role: 'manager', scope: SCOPE, programTotals: true },
  { name: 'vic', role: 'viewer' },
];
/** Managers the program's default settings keep from program-wide totals. */
const NO_PROGRAM_TOTALS = new Set(['mgr', 'duo']);

// One connection per request: searching a long answer can outlast the keep-alive timeout (see test/privacy/api.test.ts).
async function call(user: string | null, method: string, path: string, body?: string) {
  const headers: Record<string, string> = { connection: 'close', 'X-Ledger-Lens': '1' };
  if (user) headers.authorization = `Bearer ${tokens[user]}`;
  const r = await fetch(new URL(path, server.url), { method, headers, body });
  return { status: r.status, text: await r.text() };
}

beforeAll(async () => {
  sample = await sampleDbFile();
  const file = join(sample.dir, 'users.yaml');
  for (const u of USERS) tokens[u.name] = addUser(file, u);
  // The CLI's copy, taken before the server holds the file.
  cliDb = join(sample.dir, 'cli.duckdb');
  copyFileSync(sample.path, cliDb);
  db = await Database.open(sample.path, { threads: 2 });
  server = await serveDb(db, sample.dir, {
    users: loadUsers(file),
    pseudonymKey: KEY,
    clock: () => new Date('2026-12-06T02:00:00Z'),
  });
  routeKeys = createApp({ db, log: () => {} }).routeKeys;
  const report = JSON.parse((await call('ada', 'GET', '/api/report')).text);
  const meta = JSON.parse((await call('ada', 'GET', '/api/meta')).text);
  const figures = ['issued', 'redeemed', 'outstanding', 'liability', 'gini', 'theil', 'issued_lifetime'];
  programTotals = [
    ...[report, report.previous].flatMap((r) => figures.map((k) => r[k])),
    meta.totals.issued,
    meta.totals.outstanding,
  ]
    .filter((v): v is number => typeof v === 'number')
    .map((v) => JSON.stringify(v))
    .filter((v) => v.replace(/[^0-9]/g, '').length >= 5);
}, 120_000);
afterAll(async () => {
  await server?.close();
  db?.close();
  sample?.cleanup();
});

describe('the users file', () => {
  it('stores salted hashes, never a token', () => {
    const text = readFileSync(join(sample.dir, 'users.yaml'), 'utf8');
    for (const t of Object.values(tokens)) expect(text).not.toContain(t);
    expect(text.match(/token_hash: sha256:[0-9a-f]{32}:[0-9a-f]{64}/g)).toHaveLength(USERS.length);
  });
});

describe('every route, per role', () => {
  /** A request for each route, with parameters it needs; people named are the caller's own (from their /api/audit). */
  async function walk(user: string) {
    const audit = await call(user, 'GET', '/api/audit');
    const flags =
      audit.status === 200
        ? (JSON.parse(audit.text).flags as { account_id: string | null; accounts: string[]; event_ids: string[] }[])
        : [];
    const person = flags.find((f) => f.account_id && f.account_id !== OUTSIDE_SCOPE)?.account_id ?? insideScope[0];
    const evidence = flags.find((f) => f.event_ids.length > 0)?.event_ids.join(',') ?? 'E000000001';
    const paths: Record<string, string> = {
      'GET /api/audit/timeline': `/api/audit/timeline?account_id=${person}&from=2026-07-01&to=2026-10-01`,
      'GET /api/audit/evidence': `/api/audit/evidence?event_ids=${evidence}`,
      'GET /api/audit/graph': `/api/audit/graph?accounts=${person},${person}&from=2026-07-01&to=2026-10-01`,
      'GET /api/audit/benford': '/api/audit/benford?field=adjust',
      'GET /api/ab': '/api/ab?experiment=EXP-2026-Q2-checkin',
      'GET /api/rank': '/api/rank?period=quarter&top=500',
      'GET /api/uploads/progress': '/api/uploads/progress?upload_id=0123456789abcdef',
      'POST /api/uploads': '/api/uploads?name=x.csv',
      'POST /api/uploads/commit': '/api/uploads/commit?upload_id=0123456789abcdef',
      'POST /api/uploads/discard': '/api/uploads/discard?upload_id=0123456789abcdef',
    };
    const xlsx = JSON.stringify({
      name: 'x',
      lang: 'en',
      sheets: [{ name: 's', columns: [{ key: 'a', header: 'A', type: 'string' }], rows: [{ a: '1' }] }],
    });
    const answers: { key: string; status: number; text: string }[] = [];
    for (const key of routeKeys) {
      const [method, path] = key.split(' ');
      const body =
        key === 'POST /api/xlsx'
          ? xlsx
          : key === 'POST /api/uploads'
            ? 'event_id,occurred_at,account_id,points\n'
            : undefined;
      answers.push({ key, ...(await call(user, method, paths[key] ?? path, body)) });
    }
    return answers;
  }

  it.each(USERS.map((u) => [u.name, u.role, u.pseudonymize ?? false] as const))(
    '%s (%s, pseudonyms %s): allowed routes answer, the others 403; no name, and nobody outside the scope or unpseudonymised',
    async (user, role, pseudonymize) => {
      const answers = await walk(user);
      const problems: string[] = [];
      const noTotals = NO_PROGRAM_TOTALS.has(user);
      for (const a of answers) {
        const allowed = mayCall({ role, pseudonymize }, a.key) && !(noTotals && a.key === 'GET /api/program-totals');
        if (!allowed && a.status !== 403) problems.push(`${a.key}: ${a.status}, expected 403`);
        if (allowed && (a.status === 403 || a.status === 401 || a.status >= 500))
          problems.push(`${a.key}: ${a.status} ${a.text.slice(0, 160)}`);
        if (a.status !== 200) continue;
        const names_ = substrings(a.text, names);
        if (names_.length > 0) problems.push(`${a.key}: names ${names_.slice(0, 3)}`);
        // People outside a manager's scope, by id and by the pseudonym the server's key gives them.
        const outside = { mgr: outsideScope, duo: outsideTwo, tot: outsideScope }[user] ?? [];
        const forbidden = [...outside, ...outside.map(pseudo), ...(user === 'pse' ? ids : [])];
        const seen = leaks(a.text, forbidden);
        if (seen.length > 0) problems.push(`${a.key}: ids ${seen.slice(0, 3)}`);
        const totals = noTotals ? numbersIn(a.text, programTotals) : [];
        if (totals.length > 0) problems.push(`${a.key}: program totals ${totals.slice(0, 3)}`);
      }
      expect(problems).toEqual([]);
      // The same search finds the program's totals in an administrator's and in tot's answers: it can fail.
      if (role === 'admin' || user === 'tot')
        expect(answers.some((a) => a.status === 200 && numbersIn(a.text, programTotals).length >= 3)).toBe(true);
      // The same search finds people outside the scope in an administrator's answers: it can fail.
      if (role === 'admin')
        expect(answers.some((a) => a.status === 200 && leaks(a.text, outsideScope).length > 0)).toBe(true);
      // Each role saw something: the walk is not a walk over refusals.
      expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(role === 'viewer' ? 6 : 18);
    },
    300_000,
  );
});

/** Which of the JSON numbers `needles` stand in `text` as whole numbers. */
const numbersIn = (text: string, needles: string[]) =>
  needles.filter((n) => new RegExp(`(?<![0-9.])${n.replace(/[.+-]/g, '\\$&')}(?![0-9])`).test(text));

describe('scope and identity', () => {
  it('a manager naming a person or a filter outside the scope gets 403 saying so', async () => {
    const outside = outsideScope[0];
    const r = await call('mgr', 'GET', `/api/audit/timeline?account_id=${outside}&from=2026-07-01&to=2026-10-01`);
    expect(r.status).toBe(403);
    expect(JSON.parse(r.text).error.message).toMatch(/outside your scope \(department=研发部\)/);
    expect((await call('mgr', 'GET', `/api/report?filter=${encodeURIComponent('department=生产部')}`)).status).toBe(
      403,
    );
    // A filter on another attribute is intersected with the scope (test/server/roles-scoped.test.ts).
    expect((await call('mgr', 'GET', `/api/report?filter=${encodeURIComponent('region=华东')}`)).status).toBe(200);
    // The manager's numbers are the department's: the same as an administrator's with that filter.
    const own = JSON.parse((await call('mgr', 'GET', '/api/report')).text);
    const filtered = JSON.parse(
      (await call('ada', 'GET', `/api/report?filter=${encodeURIComponent('department=研发部')}`)).text,
    );
    expect(own.population).toEqual(filtered.population);
  });

  it("a manager's audit flags and ranking lines are about people inside the scope only; an administrator's are not", async () => {
    const inside = new Set(insideScope);
    const about = async (user: string) => {
      const flags = JSON.parse((await call(user, 'GET', '/api/audit')).text).flags as { account_id: string | null }[];
      const ranked = JSON.parse((await call(user, 'GET', '/api/rank?period=quarter&top=500')).text).rows as {
        account_id: string;
      }[];
      return [
        ...flags.map((f) => f.account_id).filter((id): id is string => id !== null),
        ...ranked.map((r) => r.account_id),
      ];
    };
    const mgr = await about('mgr');
    expect(mgr.length).toBeGreaterThan(0);
    expect(mgr.filter((id) => !inside.has(id))).toEqual([]);
    // The same check fails on an administrator's answers: it can fail.
    expect((await about('ada')).some((id) => !inside.has(id))).toBe(true);
  });

  it("a manager's ranking is ranked within the scope: the same as `ledger-lens rank --filter`, ranks from 1", async () => {
    const own = JSON.parse((await call('mgr', 'GET', '/api/rank?period=quarter&top=500')).text);
    const run = await cli([
      'rank',
      '--period',
      'quarter',
      '--top',
      '500',
      '--filter',
      'department=研发部',
      '--db',
      cliDb,
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const filtered = JSON.parse(run.stdout);
    expect(own.rows.length).toBeGreaterThan(1);
    expect(own.rows).toEqual(filtered.rows);
    expect(own.concentration).toEqual(filtered.concentration);
    expect(own.rows[0].rank).toBe(1);
    // Every earner of the scope is listed (top 500), so the shares are of the scope's issued: they add up to 1.
    const issued = own.rows.reduce((s: number, r: { issued: number }) => s + r.issued, 0);
    expect(own.concentration.issued).toBeCloseTo(issued, 6);
    expect(own.rows.reduce((s: number, r: { share: number }) => s + r.share, 0)).toBeCloseTo(1, 9);
    // An administrator's program ranking differs: the check can fail.
    const program = JSON.parse((await call('ada', 'GET', '/api/rank?period=quarter&top=500')).text);
    expect(program.concentration.issued).toBeGreaterThan(issued);
  });

  it("a manager's groups of fewer than min_group_size people are suppressed: a director alone is not shown", async () => {
    type Group = {
      value: string;
      n: number | null;
      mean_issued: number | null;
      gini: number | null;
      mean_ci: unknown;
      suppressed?: string;
    };
    const own = JSON.parse((await call('mgr', 'GET', '/api/report?by=role')).text).by.groups as Group[];
    const all = JSON.parse(
      (await call('ada', 'GET', `/api/report?by=role&filter=${encodeURIComponent('department=研发部')}`)).text,
    ).by.groups as Group[];
    const director = all.find((g) => g.value === '总监')!;
    expect(director.n).toBe(1);
    expect(director.mean_issued).not.toBeNull();
    expect(own.find((g) => g.value === '总监')).toEqual(
      expect.objectContaining({ n: null, mean_issued: null, gini: null, mean_ci: null, suppressed: 'fewer than 30' }),
    );
    const page = await call('mgr', 'GET', '/report.html?by=role&lang=en');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('NaN');
    expect(page.text).toContain('fewer than 30 people: not shown');
    // Groups at or above the minimum are untouched.
    expect(own.find((g) => g.value === '员工')).toEqual(all.find((g) => g.value === '员工'));
  });

  it('a viewer sees no group and no filter of fewer than min_group_size people: a group of one is a person', async () => {
    type Group = { value: string; n: number | null; mean_issued: number | null; suppressed?: string };
    const groups = async (user: string) =>
      JSON.parse((await call(user, 'GET', '/api/report?by=role')).text).by.groups as Group[];
    const own = await groups('vic');
    const all = await groups('ada');
    // The sample's one general manager: the administrator sees their points, the viewer does not.
    expect(all.find((g) => g.value === '总经理')).toEqual(expect.objectContaining({ n: 1 }));
    expect(all.find((g) => g.value === '总经理')?.mean_issued).not.toBeNull();
    expect(own.find((g) => g.value === '总经理')).toEqual(
      expect.objectContaining({ n: null, mean_issued: null, suppressed: 'fewer than 30' }),
    );
    expect(own.find((g) => g.value === '员工')).toEqual(all.find((g) => g.value === '员工'));
    const filter = `filter=${encodeURIComponent('role=总经理')}`;
    for (const path of ['/api/report', '/api/daily', '/api/gini-trend', '/report.html']) {
      const r = await call('vic', 'GET', `${path}?${filter}`);
      expect(r.status, path).toBe(403);
      expect(JSON.parse(r.text).error.message).toMatch(/fewer than 30 people have it/);
    }
    expect((await call('ada', 'GET', `/api/report?${filter}`)).status).toBe(200);
  });

  it("no token, or a token nobody has, is 401; a page link trades a user's token for a cookie", async () => {
    expect((await call(null, 'GET', '/api/meta')).status).toBe(401);
    const r = await fetch(new URL('/api/meta', server.url), { headers: { authorization: `Bearer ${'f'.repeat(64)}` } });
    expect(r.status).toBe(401);
    const page = await fetch(new URL(`/health?token=${tokens.vic}`, server.url), { redirect: 'manual' });
    expect(page.status).toBe(303);
    const cookie = page.headers.get('set-cookie')!.split(';')[0];
    const viaCookie = await fetch(new URL('/api/audit', server.url), { headers: { cookie } });
    expect(viaCookie.status).toBe(403); // the viewer's cookie, the viewer's rights
  });

  it('the access log records the requests: user, role, route, scope, exports with their rows; never a token', async () => {
    await call('aud', 'GET', '/api/audit/flags.csv');
    const log = await readAccessLog(db);
    expect(log.length).toBeGreaterThan(USERS.length * routeKeys.length);
    // Each request of the walk, allowed or refused, by each user.
    const missing = USERS.flatMap((u) =>
      routeKeys
        .filter((k) => !log.some((e) => e.user_name === u.name && `${e.method} ${e.route}` === k))
        .map((k) => `${u.name} ${k}`),
    );
    expect(missing).toEqual([]);
    for (const u of USERS)
      expect(
        log.some((e) => e.user_name === u.name && e.role === u.role),
        u.name,
      ).toBe(true);
    expect(log.filter((e) => e.user_name === 'mgr').every((e) => e.scope === 'department=研发部')).toBe(true);
    expect(log.filter((e) => e.user_name === 'duo').every((e) => e.scope === 'department=研发部,市场部')).toBe(true);
    expect(log.some((e) => e.user_name === 'vic' && e.route === '/api/audit' && e.status === 403)).toBe(true);
    const csv = log.find((e) => e.user_name === 'aud' && e.route === '/api/audit/flags.csv')!;
    expect(csv.export_file).toMatch(/^audit-flags-.*\.csv$/);
    expect(csv.export_rows).toBeGreaterThan(0);
    expect(csv.at).toBe('2026-12-06T02:00:00.000');
    // The administrators' page reads the same log; nobody else may.
    const page = JSON.parse((await call('ada', 'GET', '/api/access-log')).text).entries as { user_name: string }[];
    expect(new Set(page.map((e) => e.user_name))).toEqual(new Set(USERS.map((u) => u.name)));
    expect((await call('mgr', 'GET', '/api/access-log')).status).toBe(403);
    const text = JSON.stringify(log) + JSON.stringify(page);
    for (const t of Object.values(tokens)) expect(text).not.toContain(t);
  });
});
