import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, SAMPLE, sampleDb } from '../rank/sample-db.ts';

describe('ledger-lens economics on the sample ledger (spawned CLI)', () => {
  let sample: Awaited<ReturnType<typeof sampleDb>>;
  let budget: string;
  beforeAll(async () => {
    sample = await sampleDb('ll-economics-cli-');
    budget = join(sample.dir, 'budget.csv');
    // 1 CNY for the whole year cannot cover the sample's redemptions; 1,000,000 can.
    writeFileSync(
      budget,
      'line,category,rule,from,to,amount\ntiny,,,2026-01-01,2027-01-01,1\nample,,,2026-01-01,2027-01-01,1000000\n',
    );
  });
  afterAll(() => sample.cleanup());

  it('--json with --items and --budget: totals, tables, never-redeemed items, the over-spent line', async () => {
    const args = [
      'economics',
      '--from',
      '2026-01-01',
      '--to',
      '2026-04-01',
      '--items',
      join(SAMPLE, 'items.csv'),
      '--budget',
      budget,
      '--json',
      '--db',
      sample.path,
    ];
    const { code, stdout, stderr } = await cli(args);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const e = JSON.parse(stdout);
    for (const k of [
      'period',
      'currency',
      'point_value',
      'totals',
      'by_category',
      'by_item',
      'never_redeemed',
      'monthly',
      'budget',
    ])
      expect(e, k).toHaveProperty(k);
    expect(e.point_value).toBe(0.01); // from the sample's program.json, stored at import
    expect(e.monthly.map((m: { month: string }) => m.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    // the by-category costs add up to the total
    const sum = e.by_category.reduce((s: number, c: { cost: number }) => s + c.cost, 0);
    expect(sum).toBeCloseTo(e.totals.cost, 6);
    // every catalogue item is either redeemed or listed as never redeemed (14 items in items.csv)
    const ids = [...e.by_item, ...e.never_redeemed].map((i: { item_id: string }) => i.item_id);
    expect(new Set(ids).size).toBe(14);
    expect(e.never_redeemed.length).toBeGreaterThan(0); // M-203 智能手环 is never redeemed in the sample
    expect(e.budget.lines.map((l: { line: string; over: boolean }) => [l.line, l.over])).toEqual([
      ['tiny', true],
      ['ample', false],
    ]);
    expect(e.budget.over).toBe(1);
  });

  it('--xlsx writes a workbook; bad input exits 2', async () => {
    const xlsx = join(sample.dir, 'economics.xlsx');
    const ok = await cli([
      'economics',
      '--from',
      '2026-01-01',
      '--to',
      '2026-04-01',
      '--xlsx',
      xlsx,
      '--lang',
      'en',
      '--db',
      sample.path,
    ]);
    expect(ok.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Totals', 'By category', 'By item', 'Monthly']);
    for (const args of [
      ['economics', '--from', '2026-01-01', '--db', sample.path], // no --to
      ['economics', '--from', '2026-04-01', '--to', '2026-01-01', '--db', sample.path],
      [
        'economics',
        '--from',
        '2026-01-01',
        '--to',
        '2026-04-01',
        '--budget',
        join(sample.dir, 'nope.csv'),
        '--db',
        sample.path,
      ],
      ['economics', '--from', '2026-01-01', '--to', '2026-04-01', '--lang', 'fr', '--db', sample.path],
    ]) {
      const { code, stderr } = await cli(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(/^error: /);
    }
  });
});
