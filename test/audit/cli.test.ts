import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/db/database.ts';
import { importSampleDir } from './helpers.ts';
import { cli } from '../cli-run.ts';

const FLAG_KEYS = [
  'check',
  'severity',
  'account_id',
  'accounts',
  'from',
  'to',
  'value',
  'baseline',
  'score',
  'threshold',
  'explanation',
  'event_ids',
];

describe('ledger-lens audit and audit-sample (spawned CLI, sample ledger)', () => {
  let dbPath: string;
  let sample: Awaited<ReturnType<typeof importSampleDir>>;
  beforeAll(async () => {
    sample = await importSampleDir(join(PROJECT_ROOT, 'sample-data'));
    dbPath = sample.db.path;
    sample.closeDb(); // the CLI opens the file itself
  });
  afterAll(() => sample.cleanup());

  it('audit --json prints period, checks[] and flags[] with the cli.md keys; the default period is the latest quarter', async () => {
    const { code, stdout, stderr } = await cli(['audit', '--json', '--db', dbPath]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.period).toEqual({ from: '2026-07-01', to: '2026-10-01' }); // the sample ends 2026-09-30
    for (const c of r.checks)
      for (const k of ['check', 'ran', 'skipped_reason', 'flags']) expect(c, k).toHaveProperty(k);
    expect(r.flags.length).toBeGreaterThan(0);
    for (const f of r.flags) for (const k of FLAG_KEYS) expect(f, k).toHaveProperty(k);
  });

  it('audit --check runs only the named checks; --csv writes one BOM-prefixed row per flag', async () => {
    const out = join(dirname(dbPath), 'flags.csv');
    const { code, stdout } = await cli([
      'audit',
      '--json',
      '--db',
      dbPath,
      '--from',
      '2025-01-01',
      '--to',
      '2026-01-01',
      '--check',
      'near_duplicate',
      '--check',
      'self_approval',
      '--csv',
      out,
    ]);
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.checks.map((c: { check: string }) => c.check)).toEqual(['near_duplicate', 'self_approval']);
    const csv = readFileSync(out, 'utf8');
    expect(csv.startsWith('\uFEFFcheck,severity,account_id')).toBe(true);
    expect(csv.trim().split('\r\n')).toHaveLength(1 + r.flags.length);
  });

  it('exits 2 with a message for an unknown check and for a bad date', async () => {
    const a = await cli(['audit', '--db', dbPath, '--check', 'nope']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/unknown check "nope"/);
    const b = await cli(['audit', '--db', dbPath, '--from', '2026-13-01', '--to', '2026-14-01']);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/is not a date/);
    const c = await cli(['audit-sample', '--db', dbPath, '--rate', 'x']);
    expect(c.code).toBe(2);
  });

  it("audit --campaigns: the sample's batch day inside a campaign is a note, unless it exceeds the multiplier; a bad file exits 2 at its line", async () => {
    const dir = dirname(dbPath);
    const period = ['--from', '2025-07-01', '--to', '2025-10-01', '--check', 'program_spike', '--check', 'rule_spike'];
    // The R17 batch of 2025-09-09 is ~22× the weekday's usual total: a ×30 campaign covers the total, a ×2 one does not.
    writeFileSync(join(dir, 'big.csv'), 'from,to,rule,label,multiplier\n2025-09-08,2025-09-10,,活动周,30\n');
    writeFileSync(join(dir, 'double.csv'), '\uFEFFfrom,to,rule,label\n2025-09-09,2025-09-09,R17,双倍积分日\n');
    const base = JSON.parse((await cli(['audit', '--json', '--db', dbPath, ...period])).stdout);
    expect(base.flags.map((f: { check: string; from: string }) => [f.check, f.from])).toContainEqual([
      'program_spike',
      '2025-09-09',
    ]);
    const big = await cli(['audit', '--json', '--db', dbPath, ...period, '--campaigns', join(dir, 'big.csv')]);
    expect(big.code).toBe(0);
    const r = JSON.parse(big.stdout);
    // The day's total (22×) is within ×30 × 3: a note. R17 alone paid ~2,400× its usual: beyond even the campaign.
    const onDay = r.flags.filter((f: { from: string }) => f.from === '2025-09-09');
    expect(onDay.map((f: { check: string; rule_id: string }) => [f.check, f.rule_id])).toEqual([['rule_spike', 'R17']]);
    expect(r.checks.find((c: { check: string }) => c.check === 'program_spike').notes).toContainEqual(
      expect.stringMatching(/^expected \(campaign: 活动周\): the program issued \d+ points on 2025-09-09/),
    );
    const text = await cli(['audit', '--db', dbPath, ...period, '--campaigns', join(dir, 'big.csv')]);
    expect(text.stdout).toMatch(/note: expected \(campaign: 活动周\)/);
    const double = JSON.parse(
      (await cli(['audit', '--json', '--db', dbPath, ...period, '--campaigns', join(dir, 'double.csv')])).stdout,
    );
    expect(double.flags.map((f: { check: string; from: string }) => [f.check, f.from])).toContainEqual([
      'program_spike',
      '2025-09-09',
    ]);
    writeFileSync(join(dir, 'bad.csv'), 'from,to,rule,label\n2025-09-08,2025-09-10,,ok\n2025-09-08,2025-9-10,R1,bad\n');
    const bad = await cli(['audit', '--db', dbPath, ...period, '--campaigns', join(dir, 'bad.csv')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.csv:3:12: to must be a date YYYY-MM-DD/);
    expect(bad.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it('audit-sample --json gives seed, rate and rows; the same seed gives the same rows', async () => {
    const args = ['audit-sample', '--json', '--db', dbPath, '--seed', '7', '--by', 'department'];
    const [a, b] = await Promise.all([cli(args), cli(args)]);
    expect(a.code).toBe(0);
    const sa = JSON.parse(a.stdout);
    expect(sa).toMatchObject({ seed: 7, rate: 0.1 });
    expect(sa.rows.length).toBeGreaterThan(0);
    expect(sa.rows[0]).toHaveProperty('event_id');
    expect(JSON.parse(b.stdout).rows).toEqual(sa.rows);
  });
});
