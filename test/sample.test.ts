import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { Database, PROJECT_ROOT } from '../src/db/database.ts';
import { generateSample, SAMPLE_DEFAULTS, type SampleOptions } from '../src/sample/generate.ts';
import type { Case as Label } from '../src/sample/intent.ts';
import { LEDGER_HEADER } from '../src/sample/ledger-writer.ts';
import { sqlExec, sqlRows } from '../src/db/sql.ts';

const tmp = mkdtempSync(join(tmpdir(), 'll-sample-'));
const small: SampleOptions = { out: join(tmp, 'a'), accounts: 200, months: 15, seed: 7, clean: false, density: 1 };
const files = (dir: string) => readdirSync(dir).sort();
const q = (path: string) => `'${path.replaceAll("'", "''")}'`;
const labelsOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8'));

/** Views over one generated directory: l (ledger as text), t (typed), acc, rl (rules), asg, and lab (one row per labelled event; who = the case's first account). */
async function open(dir: string): Promise<Database> {
  const db = await Database.open(':memory:');
  await sqlExec(
    db,
    `CREATE VIEW l AS SELECT * FROM read_csv(${q(join(dir, 'ledger.csv'))}, header = true, all_varchar = true)`,
  );
  await sqlExec(
    db,
    `CREATE VIEW t AS SELECT event_id id, account_id a, occurred_at::TIMESTAMP ts, points::DECIMAL(18,2)::DOUBLE p, event_type et,
    rule_id rid, counterparty_id cp, approver_id ap, experiment_id exp, variant FROM l`,
  );
  await sqlExec(
    db,
    `CREATE VIEW acc AS SELECT * FROM read_csv(${q(join(dir, 'accounts.csv'))}, header = true, all_varchar = true)`,
  );
  await sqlExec(
    db,
    `CREATE VIEW rl AS SELECT rule_id, tier, points::DOUBLE points, daily_cap::DOUBLE cap FROM read_csv(${q(join(dir, 'rules.csv'))}, header = true, all_varchar = true)`,
  );
  await sqlExec(
    db,
    `CREATE VIEW asg AS SELECT * FROM read_csv(${q(join(dir, 'assignments.csv'))}, header = true, all_varchar = true)`,
  );
  await sqlExec(db, `CREATE TABLE lab (k INTEGER, check_name VARCHAR, who VARCHAR, id VARCHAR, d0 DATE, d1 DATE)`);
  const cases: Label[] = labelsOf(dir).cases;
  for (const [k, c] of cases.entries())
    for (const id of c.event_ids)
      await sqlExec(db, 'INSERT INTO lab VALUES ($1, $2, $3, $4, $5, $6)', [
        k,
        c.check,
        c.accounts[0] ?? '',
        id,
        c.from,
        c.to,
      ]);
  return db;
}

const one = async (db: Database, sql: string) => (await sqlRows<Record<string, number>>(db, sql))[0];
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('sample generator', () => {
  let db: Database;
  let clean: Database;
  beforeAll(async () => {
    await generateSample(small);
    await generateSample({ ...small, out: join(tmp, 'b') });
    await generateSample({ ...small, out: join(tmp, 'c'), seed: 8 });
    await generateSample({ ...small, out: join(tmp, 'clean'), clean: true, seed: 9 });
    db = await open(small.out);
    clean = await open(join(tmp, 'clean'));
  });
  afterAll(() => {
    db?.close();
    clean?.close();
  });

  it('is deterministic: same seed and options give the same bytes, another seed another ledger', () => {
    const names = files(small.out);
    expect(names).toEqual([
      'accounts.csv',
      'assignments.csv',
      'items.csv',
      'labels.json',
      'ledger.csv',
      'ledger.parquet',
      'program.json',
      'rules.csv',
    ]);
    for (const name of names)
      expect(readFileSync(join(tmp, 'b', name)).equals(readFileSync(join(small.out, name))), name).toBe(true);
    expect(readFileSync(join(tmp, 'c', 'ledger.csv')).equals(readFileSync(join(small.out, 'ledger.csv')))).toBe(false);
  });

  it('writes the canonical header, wall-clock times, two-decimal points and ids in time order', async () => {
    const header = readFileSync(join(small.out, 'ledger.csv'), 'utf8').split('\n', 1)[0];
    expect(header).toBe(LEDGER_HEADER.join(','));
    const r = await one(
      db,
      `SELECT count(*)::INTEGER n,
        count(*) FILTER (WHERE NOT regexp_full_match(occurred_at, '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d'))::INTEGER bad_time,
        count(*) FILTER (WHERE NOT regexp_full_match(points, '-?\\d+(\\.\\d{1,2})?'))::INTEGER bad_points,
        count(DISTINCT event_id)::INTEGER ids,
        (SELECT count(*) FROM (SELECT ts < lag(ts) OVER (ORDER BY id) AS back FROM t) WHERE back)::INTEGER out_of_order
      FROM l`,
    );
    expect(r.n).toBeGreaterThan(1000);
    expect(r).toMatchObject({ bad_time: 0, bad_points: 0, ids: r.n, out_of_order: 0 });
    const parquet = await one(
      db,
      `SELECT count(*)::INTEGER n, count(*) FILTER (WHERE back)::INTEGER back FROM
      (SELECT event_id < lag(event_id) OVER (ORDER BY file_row_number) back FROM read_parquet(${q(join(small.out, 'ledger.parquet'))}, file_row_number = true))`,
    );
    expect(parquet).toEqual({ n: r.n, back: 0 });
  });

  it('labels only event ids that exist, and every label matches its check', async () => {
    const labels = labelsOf(small.out);
    expect(new Set(labels.cases.map((c: Label) => c.check))).toEqual(
      new Set([
        'account_spike',
        'ring',
        'self_approval',
        'cap_breach',
        'near_duplicate',
        'program_spike',
        'off_hours_approval',
        'round_adjustment',
      ]),
    );
    // Every labelled id exists, and its row lies inside the case's [from, to).
    const missing = await one(
      db,
      `SELECT (SELECT count(*) FROM lab ANTI JOIN l ON lab.id = l.event_id)::INTEGER n,
      (SELECT count(*) FROM lab JOIN t USING (id) WHERE ts < d0 OR ts >= d1)::INTEGER outside`,
    );
    expect(missing).toEqual({ n: 0, outside: 0 });
    const share = await one(db, `SELECT (SELECT count(DISTINCT id) FROM lab)::DOUBLE / count(*) s FROM l`);
    expect(share.s).toBeLessThan(0.05);

    const bad = await sqlRows<{ check_name: string; k: number }>(
      db,
      `
      WITH x AS (SELECT lab.k, lab.check_name, lab.who, t.* FROM lab JOIN t USING (id)),
      per_case AS (
        SELECT k, check_name,
          bool_and(ap = a) AS self_ok,
          bool_and(hour(ts) BETWEEN 1 AND 3 AND ap = who) AS night_ok,
          bool_and(et = 'adjust' AND p IN (500, 1000, 2000) AND ap = who) AS round_ok,
          bool_and(et = 'transfer') AND count(DISTINCT a) >= 3 AS ring_ok,
          count(*) = 2 AND count(DISTINCT a) = 1 AND count(DISTINCT rid) = 1 AND count(DISTINCT p) = 1
            AND max(ts) - min(ts) <= INTERVAL 10 MINUTE AS dup_ok,
          count(DISTINCT a) = 1 AND count(DISTINCT rid) = 1 AND count(DISTINCT ts::DATE) = 1
            AND sum(p) > any_value((SELECT cap FROM rl WHERE rl.rule_id = x.rid)) AS cap_ok,
          count(DISTINCT ts::DATE) = 1 AND count(DISTINCT rid) = 1
            AND bool_and(p = 10 * (SELECT points FROM rl WHERE rl.rule_id = x.rid)) AS prog_ok
        FROM x GROUP BY k, check_name)
      SELECT k, check_name FROM per_case WHERE NOT CASE check_name
        WHEN 'self_approval' THEN self_ok WHEN 'off_hours_approval' THEN night_ok WHEN 'round_adjustment' THEN round_ok
        WHEN 'ring' THEN ring_ok WHEN 'near_duplicate' THEN dup_ok WHEN 'cap_breach' THEN cap_ok WHEN 'program_spike' THEN prog_ok
        ELSE true END`,
    );
    expect(bad).toEqual([]);

    // Ring: every transfer stays inside the ring, and each member both gives and receives.
    const ring = labels.cases.find((c: Label) => c.check === 'ring') as Label;
    const inRing = await one(
      db,
      `SELECT count(*) FILTER (WHERE NOT list_contains($m, a) OR NOT list_contains($m, cp))::INTEGER outside,
        count(DISTINCT a) FILTER (WHERE p < 0)::INTEGER givers, count(DISTINCT a) FILTER (WHERE p > 0)::INTEGER receivers
      FROM t WHERE id IN (SELECT id FROM lab WHERE check_name = 'ring')`.replaceAll(
        '$m',
        `[${ring.accounts.map((x) => q(x)).join(',')}]`,
      ),
    );
    expect(inRing).toEqual({ outside: 0, givers: ring.accounts.length, receivers: ring.accounts.length });
  });

  it("makes account spikes at least 10× the account's normal earning day", async () => {
    const rows = await sqlRows<{ k: number; spike_day: number; normal_day: number }>(
      db,
      `
      WITH spike AS (SELECT k, who a, ts::DATE d, sum(p) pts FROM lab JOIN t USING (id) WHERE check_name = 'account_spike' GROUP BY ALL),
      normal AS (SELECT a, avg(pts) pts FROM (SELECT a, ts::DATE d, sum(p) pts FROM t WHERE et = 'earn' AND id NOT IN (SELECT id FROM lab) GROUP BY ALL) GROUP BY a)
      SELECT k, min(spike.pts)::DOUBLE spike_day, any_value(normal.pts)::DOUBLE normal_day FROM spike JOIN normal USING (a) GROUP BY k`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.spike_day).toBeGreaterThanOrEqual(10 * r.normal_day);
  });

  it('leaves no unlabelled row that meets an exact check (self-approval, night approval, cap breach, near-duplicate)', async () => {
    for (const d of [db, clean]) {
      const r = await one(
        d,
        `WITH u AS (SELECT * FROM t WHERE id NOT IN (SELECT id FROM lab)),
        caps AS (SELECT a, rid, ts::DATE, sum(p) s FROM u JOIN rl ON rl.rule_id = u.rid WHERE et = 'earn' GROUP BY ALL
                 HAVING sum(p) > any_value(cap)),
        dups AS (SELECT * FROM (SELECT a, rid, p, ts, lag(ts) OVER (PARTITION BY a, rid, p ORDER BY ts) prev FROM u WHERE et = 'earn')
                 WHERE ts - prev <= INTERVAL 10 MINUTE)
        SELECT (SELECT count(*) FROM u WHERE ap = a)::INTEGER self,
               (SELECT count(*) FROM u WHERE ap IS NOT NULL AND hour(ts) < 6)::INTEGER night,
               (SELECT count(*) FROM caps)::INTEGER caps, (SELECT count(*) FROM dups)::INTEGER dups`,
      );
      expect(r).toEqual({ self: 0, night: 0, caps: 0, dups: 0 });
    }
  });

  it('never overdraws an account except by a deduction', async () => {
    const r = await one(
      db,
      `WITH b AS (SELECT et, p, sum(p) OVER (PARTITION BY a ORDER BY id) bal FROM t)
      SELECT count(*) FILTER (WHERE p < 0 AND et <> 'deduct' AND bal < 0)::INTEGER overdrawn,
             count(*) FILTER (WHERE et = 'deduct' AND bal < 0)::INTEGER by_deduction,
             count(*) FILTER (WHERE et = 'redeem')::INTEGER redeems FROM b`,
    );
    expect(r.overdrawn).toBe(0);
    expect(r.redeems).toBeGreaterThan(50);
  });

  it('expires exactly the points earned 12 months before and still unspent, oldest first', async () => {
    // FIFO in cumulative form: at the end of month X, the units still unspent among those credited up to the end of
    // month X−12 are max(0, credits up to then − every debit so far). The expire row must equal that, to the cent.
    const from = labelsOf(small.out).range.from;
    const r = await one(
      db,
      `WITH ends AS (SELECT m + INTERVAL 1 MONTH - INTERVAL 1 SECOND me FROM range(DATE '${from}' + INTERVAL 12 MONTH, DATE '2026-10-01', INTERVAL 1 MONTH) r(m)),
      grid AS (SELECT DISTINCT a, me FROM t CROSS JOIN ends),
      calc AS (SELECT g.a, g.me,
        (SELECT coalesce(sum(p), 0) FROM t WHERE t.a = g.a AND p > 0 AND ts < date_trunc('month', g.me) - INTERVAL 11 MONTH) c,
        (SELECT coalesce(sum(-p), 0) FROM t WHERE t.a = g.a AND p < 0 AND ts <= g.me AND NOT (et = 'expire' AND ts = g.me)) d,
        (SELECT coalesce(sum(-p), 0) FROM t WHERE t.a = g.a AND et = 'expire' AND ts = g.me) e
        FROM grid g)
      SELECT count(*) FILTER (WHERE abs(greatest(c - d, 0) - e) > 0.001)::INTEGER wrong, count(*) FILTER (WHERE e > 0)::INTEGER expired,
        (SELECT count(*) FROM t WHERE et = 'expire')::INTEGER n_rows FROM calc`,
    );
    expect(r.wrong).toBe(0);
    expect(r.expired).toBeGreaterThan(20);
    expect(r.expired).toBe(r.n_rows);
  });

  it('writes transfers as balanced pairs: giver −, receiver +, each naming the other', async () => {
    const r = await one(
      db,
      `WITH x AS (SELECT *, lead(a) OVER w na, lead(cp) OVER w ncp, lead(p) OVER w np, lead(ts) OVER w nts, lead(et) OVER w net
        FROM t WINDOW w AS (ORDER BY id))
      SELECT count(*) FILTER (WHERE et = 'transfer' AND p < 0)::INTEGER pairs,
        count(*) FILTER (WHERE et = 'transfer' AND p < 0 AND NOT (net = 'transfer' AND na = cp AND ncp = a AND np = -p AND nts = ts))::INTEGER broken,
        (SELECT count(*) FROM t WHERE et = 'transfer')::INTEGER n_rows FROM x`,
    );
    expect(r.pairs).toBeGreaterThan(10);
    expect(r.broken).toBe(0);
    expect(r.n_rows).toBe(2 * r.pairs);
  });

  it('splits the experiment 50/50 and pays arm B 15 % more on the rule, inside the window only', async () => {
    const exp = labelsOf(small.out).experiment;
    const split = await one(
      db,
      `SELECT count(*)::INTEGER n, count(*) FILTER (WHERE variant = 'B')::INTEGER b FROM asg`,
    );
    // Binomial(n, 0.5): |b − n/2| within 3 standard deviations (√n / 2).
    expect(Math.abs(split.b - split.n / 2)).toBeLessThanOrEqual((3 * Math.sqrt(split.n)) / 2);
    const rows = await sqlRows<{ variant: string; p: number; n: number }>(
      db,
      `SELECT t.variant, p, count(*)::INTEGER n FROM t JOIN asg ON asg.account_id = t.a
       WHERE exp IS NOT NULL AND t.variant = asg.variant AND rid = '${exp.rule_id}' AND ts >= '${exp.window.from}' AND ts < '${exp.window.to}'
       GROUP BY ALL ORDER BY 1`,
    );
    expect(rows.map((r) => [r.variant, r.p])).toEqual([
      ['A', 100],
      ['B', 115],
    ]);
    const tagged = await one(db, `SELECT count(*)::INTEGER n FROM t WHERE exp IS NOT NULL`);
    expect(tagged.n).toBe(rows[0].n + rows[1].n);
    // True effect = 15 points × B's check-ins / B's population; relative 15 / 100.
    expect(exp.true_effect.abs).toBeCloseTo((15 * rows[1].n) / exp.arms.B.n, 3);
    expect(exp.true_effect.rel).toBeCloseTo(0.15, 6);
  });

  it('produces no labelled cases with --clean', () => {
    const labels = labelsOf(join(tmp, 'clean'));
    expect(labels.cases).toEqual([]);
    expect(labels.experiment.experiment_id).toMatch(/^EXP-\d{4}-Q\d-checkin$/);
  });

  it('writes a roster with zeros and leavers, and nobody acts outside their employment', async () => {
    const r = await one(
      db,
      `SELECT count(DISTINCT department)::INTEGER depts,
        count(*) FILTER (WHERE account_id NOT IN (SELECT a FROM t))::INTEGER never,
        count(*) FILTER (WHERE left_at IS NOT NULL)::INTEGER leavers,
        (SELECT count(*) FROM t JOIN acc ON acc.account_id = t.a
          WHERE et <> 'expire' AND (ts < joined_at::DATE OR ts >= left_at::DATE))::INTEGER outside FROM acc`,
    );
    expect(r.depts).toBeGreaterThanOrEqual(10);
    expect(r.never).toBeGreaterThan(0);
    expect(r.leavers).toBeGreaterThan(0);
    expect(r.outside).toBe(0);
    expect(loadConfig(join(small.out, 'program.json'))).toMatchObject({
      timezone: 'Asia/Shanghai',
      point_value: 0.01,
      currency: 'CNY',
      expiry_months: 12,
    });
  });
});

describe('committed sample-data/', () => {
  const fresh = join(tmp, 'default');
  const committed = join(PROJECT_ROOT, 'sample-data');
  let db: Database;
  beforeAll(async () => {
    await generateSample({ out: fresh, ...SAMPLE_DEFAULTS });
    db = await open(committed);
  });
  afterAll(() => db?.close());

  it('equals a fresh generation with the default options (so nobody edits it by hand)', async () => {
    const generated = files(fresh);
    for (const name of generated.filter((n) => n !== 'ledger.parquet')) {
      expect(readFileSync(join(committed, name)).equals(readFileSync(join(fresh, name))), name).toBe(true);
    }
    // Parquet bytes depend on the DuckDB version that wrote them; the rows must not.
    const diff = await one(
      db,
      `SELECT (SELECT count(*) FROM (FROM read_parquet(${q(join(committed, 'ledger.parquet'))}) EXCEPT ALL FROM read_parquet(${q(join(fresh, 'ledger.parquet'))})))::INTEGER
            + (SELECT count(*) FROM (FROM read_parquet(${q(join(fresh, 'ledger.parquet'))}) EXCEPT ALL FROM read_parquet(${q(join(committed, 'ledger.parquet'))})))::INTEGER n`,
    );
    expect(diff.n).toBe(0);
  });

  it('stays small and realistic: tier mix near 7:2:1, a rule unused last quarter, weekend and Spring Festival dips', async () => {
    const bytes = ['ledger.csv', 'ledger.parquet'].reduce((s, n) => s + readFileSync(join(committed, n)).length, 0);
    expect(bytes).toBeLessThan(6 * 1024 * 1024);
    const tiers = await sqlRows<{ tier: string; s: number }>(
      db,
      `SELECT tier, sum(p) / sum(sum(p)) OVER () s FROM t JOIN rl ON rl.rule_id = t.rid WHERE et = 'earn' GROUP BY tier ORDER BY tier`,
    );
    const share = Object.fromEntries(tiers.map((x) => [x.tier, x.s]));
    expect(share.base).toBeGreaterThan(0.6);
    expect(share.base).toBeLessThan(0.8);
    expect(share.challenge).toBeGreaterThan(0.12);
    expect(share.reward).toBeGreaterThan(0.05);
    const r = await one(
      db,
      `SELECT (SELECT count(*) FROM rl WHERE rule_id NOT IN (SELECT rid FROM t WHERE et = 'earn' AND ts >= DATE '2026-07-01' AND rid IS NOT NULL))::INTEGER unused,
        (SELECT count(*) FROM t WHERE et = 'earn' AND isodow(ts) <= 5)::DOUBLE / 5 / (SELECT count(*) FROM t WHERE et = 'earn' AND isodow(ts) > 5)::DOUBLE * 2 weekday_ratio,
        (SELECT count(*) FROM t WHERE et = 'earn' AND ts >= DATE '2026-02-15' AND ts < DATE '2026-02-24')::DOUBLE / 9 festival_per_day,
        (SELECT count(*) FROM t WHERE et = 'earn' AND ts >= DATE '2026-03-02' AND ts < DATE '2026-03-28')::DOUBLE / 26 march_per_day`,
    );
    expect(r.unused).toBeGreaterThanOrEqual(1);
    expect(r.weekday_ratio).toBeGreaterThan(3);
    expect(r.festival_per_day).toBeLessThan(0.3 * r.march_per_day);
  });
});

describe('ledger-lens sample (CLI)', () => {
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/main.ts'), 'sample', ...args], {
      encoding: 'utf8',
      cwd: PROJECT_ROOT,
    });

  it('prints the JSON summary on stdout and nothing else', () => {
    const out = join(tmp, 'cli');
    const r = cli(['--out', out, '--accounts', '100', '--months', '3', '--json']);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({
      out,
      accounts: 100,
      seed: 42,
      rows: readFileSync(join(out, 'ledger.csv'), 'utf8').trimEnd().split('\n').length - 1,
    });
    expect(summary.files.map((f: { name: string }) => f.name).sort()).toEqual(files(out));
    for (const f of summary.files) expect(readFileSync(join(out, f.name)).length).toBe(f.bytes);
  });

  it('rejects bad options with exit code 2 and a message naming the option', () => {
    const r = cli(['--out', join(tmp, 'x'), '--months', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--months must be an integer from 3 to 60');
    expect(cli(['--accounts', '500']).status).toBe(2);
  });
});
