import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { OUTSIDE_SCOPE } from '../../src/server/access.ts';
import { readAccessLog } from '../../src/server/access-log.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { userCalls } from './user-calls.ts';
import {
  ADMIN_VIEWER_MANAGER,
  SAMPLE_ROSTER,
  type ServedSample,
  serveSampleWithUsers,
} from '../hardening/sample-users.ts';
import { sqlExec } from '../../src/db/sql.ts';

/**
 * Issue 19, reviewed from outside: what a hostile user of each role tried on the sample and got before the fixes.
 * Each test failed first.
 */
const roster = SAMPLE_ROSTER;
const MIN_GROUP = 30;

let served: ServedSample;
let db: Database;
let server: RunningServer;
const tokens: Record<string, string> = {};
const { call, json } = userCalls(tokens);
const rd = encodeURIComponent('department=研发部');

beforeAll(async () => {
  served = await serveSampleWithUsers(ADMIN_VIEWER_MANAGER, tokens, {
    // One quarantined line from another department: a count of the whole program's file, no scope's.
    prepare: (d) =>
      sqlExec(d, `INSERT INTO rejects VALUES (1, 99, '{"account_id": "U0002"}', ['points: not a number'])`),
  });
  ({ db, server } = served);
}, 180_000);
afterAll(async () => {
  await served?.close();
});

describe('a viewer never gets the roster by another name', () => {
  it.each([
    '/api/report?by=name',
    '/report.html?by=name',
    `/api/report?by=${encodeURIComponent('姓名')}`,
    '/api/fairness?by=name',
  ])('%s answers 403, and no name of the roster', async (path) => {
    const r = await call(server, 'vic', path);
    expect(r.status, r.text.slice(0, 200)).toBe(403);
    const names = new Set(roster.map((p) => p[1]));
    expect([...names].filter((n) => r.text.includes(`"${n}"`) || r.text.includes(`>${n}<`))).toEqual([]);
    expect(JSON.parse(r.text).error.code).toBe('identifying_attribute');
  });

  it('an administrator still groups by name', async () => {
    expect((await call(server, 'ada', '/api/report?by=name')).status).toBe(200);
  });
});

interface Group {
  value: string | null;
  n: number | null;
  total_issued: number | null;
  suppressed?: string;
}
interface ByAnswer {
  issued: number;
  population: { n: number };
  by: {
    theil_between: number | null;
    theil_within: number | null;
    theil_between_share: number | null;
    groups: Group[];
  };
}

describe('a suppressed group cannot be worked out from the total and the groups shown', () => {
  // The research department has one director (总监); the program one general manager (总经理) and a few directors.
  it.each([
    ['mgr', '/api/report?quarter=2026Q2&by=role'],
    ['vic', '/api/report?quarter=2026Q2&by=role'],
    ['vic', `/api/report?quarter=2026Q2&by=role&filter=${rd}`],
    // The Fairness page's own request: the same groups, the same suppression.
    ['mgr', '/api/fairness?quarter=2026Q2&by=role'],
    ['vic', `/api/fairness?quarter=2026Q2&by=role&filter=${rd}`],
  ])('%s %s: the people not shown are none or at least min_group_size', async (user, path) => {
    const r = (await json(server, user, path)) as ByAnswer;
    const shown = r.by.groups.filter((g) => g.suppressed === undefined);
    expect(shown.length).toBeLessThan(r.by.groups.length);
    const hidden = r.population.n - shown.reduce((n, g) => n + (g.n ?? 0), 0);
    expect(hidden).toBeGreaterThanOrEqual(MIN_GROUP);
    // The decomposition of inequality between and within the groups is a sum over them, the hidden ones included.
    expect([r.by.theil_between, r.by.theil_within, r.by.theil_between_share]).toEqual([null, null, null]);
  });

  it("the research director's points (the administrator's answer) are not the difference", async () => {
    const admin = (await json(server, 'ada', `/api/report?quarter=2026Q2&by=role&filter=${rd}`)) as ByAnswer;
    const director = admin.by.groups.find((g) => g.value === '总监');
    expect(director?.n).toBe(1);
    const own = (await json(server, 'mgr', '/api/report?quarter=2026Q2&by=role')) as ByAnswer;
    expect(own.issued).toBe(admin.issued);
    const shown = own.by.groups.filter((g) => g.suppressed === undefined);
    expect(own.issued - shown.reduce((s, g) => s + (g.total_issued ?? 0), 0)).not.toBe(director?.total_issued);
  });

  it('a group hidden only so that a small one stays hidden says so, not "fewer than 30"', async () => {
    const own = (await json(server, 'mgr', '/api/report?quarter=2026Q2&by=role')) as ByAnswer;
    const small = own.by.groups.filter((g) => g.suppressed === `fewer than ${MIN_GROUP}`);
    const complement = own.by.groups.filter((g) => g.suppressed === `with a group of fewer than ${MIN_GROUP}`);
    expect(small.map((g) => g.value)).toEqual(['总监']);
    expect(complement.length).toBe(1);
    // The smallest of the others is hidden with it: the fewest numbers lost.
    const admin = (await json(server, 'ada', `/api/report?quarter=2026Q2&by=role&filter=${rd}`)) as ByAnswer;
    const others = admin.by.groups.filter((g) => g.value !== '总监').sort((a, b) => (a.n ?? 0) - (b.n ?? 0));
    expect(complement[0].value).toBe(others[0].value);
  });
});

describe("a manager's flags keep their own ids", () => {
  it('each flag of the scope has a distinct id of its own, and the account page names it alike', async () => {
    const own: { flag_id: string; check: string; account_id: string | null }[] = [];
    for (const q of ['2025Q3', '2026Q2']) own.push(...(await json(server, 'mgr', `/api/audit?quarter=${q}`)).flags);
    expect(own.length).toBeGreaterThan(1);
    expect(own.filter((f) => f.flag_id === OUTSIDE_SCOPE)).toEqual([]);
    expect(new Set(own.map((f) => f.flag_id)).size).toBe(own.length);
    for (const f of own) expect(f.flag_id).toMatch(new RegExp(`^${f.check}-[0-9a-f]{16}$`));
    const flagged = own.find((f) => f.account_id !== null)!;
    const page = await json(server, 'mgr', `/api/account?account_id=${flagged.account_id}&quarter=2025Q3`);
    expect(page.flags.map((f: { flag_id: string }) => f.flag_id)).toContain(flagged.flag_id);
  });
});

describe('nor from the total and the page filters that answer', () => {
  it.each([
    ['mgr', 'role'],
    ['vic', 'role'],
    ['vic', 'department'],
  ])(
    '%s, a filter on each %s: the people no answering filter covers are none or at least min_group_size',
    async (user, attribute) => {
      const meta = await json(server, user, '/api/meta');
      const values = (meta.attributes as { attribute: string; values: { value: string }[] }[]).find(
        (a) => a.attribute === attribute,
      )!.values;
      const all = (await json(server, user, '/api/report?quarter=2026Q2')) as ByAnswer;
      let covered = 0;
      let refused = 0;
      for (const { value } of values) {
        const r = await call(
          server,
          user,
          `/api/report?quarter=2026Q2&filter=${encodeURIComponent(`${attribute}=${value}`)}`,
        );
        if (r.status === 200) covered += JSON.parse(r.text).population.n;
        else {
          expect(r.status, r.text).toBe(403);
          expect(JSON.parse(r.text).error.code).toBe('group_too_small');
          refused++;
        }
      }
      expect(refused).toBeGreaterThan(0);
      expect(all.population.n - covered).toBeGreaterThanOrEqual(MIN_GROUP);
    },
  );
});

describe('the retention cohorts (/api/cohorts)', () => {
  it.each(['vic', 'mgr'])(
    "%s gets no cohort of fewer than min_group_size people: a cohort of one is one person's months",
    async (user) => {
      const small = (cells: { cohort_size: number }[]) => cells.filter((c) => c.cohort_size < MIN_GROUP);
      expect(small((await json(server, 'ada', `/api/cohorts?filter=${rd}`)).cells).length).toBeGreaterThan(0);
      const own = await json(server, user, '/api/cohorts');
      expect(small(own.cells)).toEqual([]);
      expect(own.suppressed).toBe(`fewer than ${MIN_GROUP}`);
    },
  );
});

describe("a manager's /api/meta", () => {
  it("counts no quarantined line of the program's files: they belong to no scope (the quarantine answers them 403)", async () => {
    expect((await json(server, 'ada', '/api/meta')).totals.rejects).toBe(1);
    expect((await json(server, 'mgr', '/api/meta')).totals.rejects).toBe(0);
    expect((await call(server, 'mgr', '/api/quarantine')).status).toBe(403);
  });
});

describe('the access log', () => {
  it('records the printable report as an export: its file name and the ledger rows it sums', async () => {
    const shown = await json(server, 'mgr', '/api/report?quarter=2026Q2');
    expect((await call(server, 'mgr', '/report.html?quarter=2026Q2&lang=en')).status).toBe(200);
    // The log is written after each answer, in turn with the other requests' lines: wait for it to arrive.
    const entry = () =>
      readAccessLog(db).then((log) => log.find((e) => e.user_name === 'mgr' && e.route === '/report.html'));
    await expect.poll(entry, { timeout: 30_000 }).toBeDefined();
    expect(await entry()).toEqual(
      expect.objectContaining({
        scope: 'department=研发部',
        export_file: 'report-2026-04-01-2026-07-01.html',
        export_rows: shown.rows,
      }),
    );
  });
});
