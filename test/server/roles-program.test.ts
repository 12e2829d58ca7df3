import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { editProgramConfig } from '../../src/db/program-config.ts';
import { createApp } from '../../src/server/app.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { ASSIGNMENTS } from '../e2e/sample-server.ts';
import { userCalls } from './user-calls.ts';
import {
  ADMIN_VIEWER_MANAGER,
  SAMPLE_ROSTER,
  type ServedSample,
  serveSampleWithUsers,
} from '../hardening/sample-users.ts';

/**
 * Issue 19, the last two promises: program-wide totals beside a manager's own only where the settings allow
 * (`privacy.managers_see_program_totals`, or a manager's own `program_totals` in the users file), and a scope that
 * is itself smaller than min_group_size shows nothing but the notice.
 */
const roster = SAMPLE_ROSTER;
// 战略部 has 22 people on the sample's roster: fewer than the default min_group_size of 30.
const SMALL = '战略部';
const smallSize = roster.filter((r) => r[4] === SMALL).length;

let served: ServedSample;
let db: Database;
let server: RunningServer;
let routeKeys: string[];
const tokens: Record<string, string> = {};

const calls = userCalls(tokens);
const call = (user: string, path: string, method = 'GET') => calls.call(server, user, path, method);
const json = (user: string, path: string) => calls.json(server, user, path);

beforeAll(async () => {
  served = await serveSampleWithUsers(
    [
      ...ADMIN_VIEWER_MANAGER,
      // The program allows the totals; this manager's entry says no.
      { name: 'own', role: 'manager', scope: { attribute: 'department', value: '研发部' }, programTotals: false },
      { name: 'tiny', role: 'manager', scope: { attribute: 'department', value: SMALL } },
    ],
    tokens,
    {
      assignmentsFile: ASSIGNMENTS,
      prepare: (d) =>
        editProgramConfig(d, (c) => ({
          ...c,
          privacy: { ...((c.privacy as object) ?? {}), managers_see_program_totals: true },
        })),
    },
  );
  ({ db, server } = served);
  routeKeys = createApp({ db, log: () => {} }).routeKeys;
}, 180_000);
afterAll(async () => {
  await served?.close();
});

/** The aggregate KPIs of a report, as the program totals carry them. */
const KPI = ['issued', 'redeemed', 'active', 'outstanding', 'liability', 'gini', 'breakage', 'redemption_rate'];
const pick = (r: Record<string, unknown>) => Object.fromEntries(KPI.map((k) => [k, r[k]]));

describe('program-wide totals where the settings allow them', () => {
  it("a manager gets the program's KPIs beside the scope's own: the administrator's numbers, no per-person rows", async () => {
    for (const quarter of ['2026Q3', '2026Q2']) {
      const totals = await json('mgr', `/api/program-totals?quarter=${quarter}`);
      const program = await json('ada', `/api/report?quarter=${quarter}`);
      const own = await json('mgr', `/api/report?quarter=${quarter}`);
      expect(totals.period).toEqual(program.period);
      expect(pick(totals.program)).toEqual(pick(program));
      expect(pick(totals.previous)).toEqual(pick(program.previous));
      // The manager's own report stays the scope's: it can differ from the program's.
      expect(own.population.n).toBeLessThan(totals.program.population.n);
      expect(own.issued).toBeLessThan(totals.program.issued);
      // Aggregates only: no account, no group, no series.
      expect(JSON.stringify(totals)).not.toMatch(/U\d{4}(?!\d)/);
      expect(Object.keys(totals).sort()).toEqual(['period', 'previous', 'program']);
      expect(totals.program.by).toBeUndefined();
      expect(totals.program.series).toBeUndefined();
    }
  });

  it('a page filter does not narrow the program totals (a filter over people outside the scope would)', async () => {
    const plain = await json('mgr', '/api/program-totals?quarter=2026Q3');
    const filtered = await json('mgr', `/api/program-totals?quarter=2026Q3&filter=${encodeURIComponent('level=L3')}`);
    expect(filtered).toEqual(plain);
  });

  it("the page learns whether to draw them from /api/meta's `access`", async () => {
    expect((await json('mgr', '/api/meta')).access).toEqual({
      role: 'manager',
      scope: 'department=研发部',
      program_totals: true,
      scope_too_small: null,
    });
    expect((await json('own', '/api/meta')).access.program_totals).toBe(false);
    // Everyone else reads the whole program already: the totals would repeat their own numbers.
    expect((await json('ada', '/api/meta')).access.program_totals).toBe(false);
  });

  it("a manager whose users-file entry says `program_totals: false` gets 403, whatever the program's setting", async () => {
    const r = await call('own', '/api/program-totals?quarter=2026Q3');
    expect(r.status).toBe(403);
    expect(JSON.parse(r.text).error.message).toMatch(/program-wide totals are not shown to you/);
  });

  it('administrators and viewers read program-wide numbers anyway: the route answers them', async () => {
    for (const user of ['ada', 'vic']) expect((await call(user, '/api/program-totals')).status).toBe(200);
  });
});

describe('a scope smaller than min_group_size', () => {
  it('the fixture is what the test needs: the department is smaller than 30 and has ledger rows', async () => {
    expect(smallSize).toBeGreaterThan(0);
    expect(smallSize).toBeLessThan(30);
    const admin = await json('ada', `/api/report?quarter=2026Q3&filter=${encodeURIComponent(`department=${SMALL}`)}`);
    expect(admin.issued).toBeGreaterThan(0);
  });

  it('every route but /api/health and /api/meta answers 403 "fewer than 30 people"; exports included', async () => {
    const answered: string[] = [];
    for (const key of routeKeys) {
      const [method, path] = key.split(' ');
      const r = await call('tiny', path, method);
      if (r.status === 200) answered.push(key);
      else if (r.status === 403 && /fewer than 30 people/.test(r.text)) continue;
      else if (r.status !== 403) answered.push(`${key}: ${r.status} ${r.text.slice(0, 120)}`);
    }
    expect(answered.sort()).toEqual(['GET /api/health', 'GET /api/meta']);
    for (const path of [
      '/api/audit/flags.csv',
      '/report.html?lang=zh-CN',
      '/api/report?quarter=2026Q3',
      '/api/program-totals',
      `/api/account?account_id=${roster.find((r) => r[4] === SMALL)![0]}`,
    ]) {
      const r = await call('tiny', path);
      expect(r.status, path).toBe(403);
      expect(JSON.parse(r.text).error).toEqual(
        expect.objectContaining({
          code: 'group_too_small',
          message: `your scope (department=${SMALL}) has fewer than 30 people, and groups that small are not shown`,
        }),
      );
    }
  });

  it('/api/meta answers the periods and settings, without totals or per-value counts, and says why', async () => {
    const meta = await json('tiny', '/api/meta');
    expect(meta.totals).toBeNull();
    expect(meta.attributes).toEqual([]);
    expect(meta.quarters.length).toBeGreaterThan(0);
    expect(meta.access).toEqual({
      role: 'manager',
      scope: `department=${SMALL}`,
      program_totals: false,
      scope_too_small: 30,
    });
    // The same meta of a scope large enough carries its totals: the check can fail.
    expect((await json('mgr', '/api/meta')).totals.accounts).toBeGreaterThanOrEqual(30);
  });
});
