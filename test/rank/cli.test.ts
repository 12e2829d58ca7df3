import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, sampleDb } from './sample-db.ts';

describe('ledger-lens rank on the sample ledger (spawned CLI)', () => {
  let sample: Awaited<ReturnType<typeof sampleDb>>;
  beforeAll(async () => {
    sample = await sampleDb('ll-rank-cli-');
  });
  afterAll(() => sample.cleanup());

  it('--period month --by department --json: the cli.md keys, ranks within each department', async () => {
    const { code, stdout, stderr } = await cli([
      'rank',
      '--period',
      'month',
      '--by',
      'department',
      '--json',
      '--db',
      sample.path,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    // the sample ends on 2026-09-30, so September is the latest complete month
    expect(r.period).toEqual({ from: '2026-09-01', to: '2026-10-01' });
    expect(r.previous_period).toEqual({ from: '2026-08-01', to: '2026-09-01' });
    for (const k of ['rank', 'account_id', 'group', 'issued', 'share', 'previous_rank'])
      expect(r.rows[0], k).toHaveProperty(k);
    for (const k of ['top10_share', 'top1pct_share', 'top10_overlap_previous'])
      expect(r.concentration, k).toHaveProperty(k);
    const groups = new Set(r.rows.map((x: { group: string }) => x.group));
    expect(groups.size).toBeGreaterThan(5); // the sample has about ten departments
    for (const g of groups) {
      const ranks = r.rows.filter((x: { group: string }) => x.group === g).map((x: { rank: number }) => x.rank);
      expect(ranks[0]).toBe(1);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(Math.max(...ranks)).toBeLessThanOrEqual(10);
    }
    expect(stdout).not.toMatch(/NaN|Infinity/);
  });

  it('--xlsx writes a workbook exceljs opens, --csv a BOM CSV; --help exits 0', async () => {
    const xlsx = join(sample.dir, 'rank.xlsx');
    const csv = join(sample.dir, 'rank.csv');
    const { code, stdout } = await cli([
      'rank',
      '--period',
      'quarter',
      '--top',
      '3',
      '--xlsx',
      xlsx,
      '--csv',
      csv,
      '--db',
      sample.path,
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets[0].name).toBe('排行榜');
    expect(wb.worksheets[0].getCell('A2').value).toBe(1);
    const text = readFileSync(csv, 'utf8');
    expect(text.startsWith('\uFEFFrank,account_id,group,issued,share')).toBe(true);
    expect((await cli(['rank', '--help'])).code).toBe(0);
  });

  it('bad input exits 2 with a message, never a stack trace', async () => {
    for (const args of [
      ['rank', '--db', sample.path], // no --period
      ['rank', '--period', 'fortnight', '--db', sample.path],
      ['rank', '--period', 'month', '--at', '2026-02-30', '--db', sample.path],
      ['rank', '--period', 'month', '--top', '0', '--db', sample.path],
      ['rank', '--period', 'month', '--by', 'shoe_size', '--db', sample.path],
      ['rank', '--period', 'month', '--db', join(sample.dir, 'missing.duckdb')],
    ]) {
      const { code, stderr } = await cli(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr, args.join(' ')).toMatch(/^error: /);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });
});
