import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { defaultConfig } from '../../src/config.ts';
import { redemptionEconomics } from '../../src/economics/economics.ts';
import { economicsXlsx } from '../../src/export/economics-xlsx.ts';
import { header, headerKeys } from '../../src/export/headers.ts';
import { rankXlsx } from '../../src/export/rank-xlsx.ts';
import { reportXlsx } from '../../src/export/report-xlsx.ts';
import { rankings } from '../../src/rank/rankings.ts';
import { buildReport } from '../../src/report/build.ts';
import { BUDGET, economicsDb, ITEMS, P } from '../economics/fixture.ts';
import { programDbWithRoster } from '../queries/program-fixture.ts';
import { rankDb } from '../rank/fixture.ts';

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}
const headerRow = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1);

describe('header names', () => {
  it('every key has an English and a Chinese name', () => {
    for (const key of headerKeys()) {
      expect(header(key, 'en'), key).toMatch(/[A-Za-z]/);
      expect(header(key, 'zh-CN'), key).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('workbooks of the rankings, the economics and the report', () => {
  let rankDbh: Database;
  let econDb: Database;
  let reportDb: Database;
  beforeAll(async () => {
    [rankDbh, econDb, reportDb] = await Promise.all([rankDb(), economicsDb(), programDbWithRoster()]);
  });
  afterAll(() => {
    for (const db of [rankDbh, econDb, reportDb]) db.close();
  });

  it('rank: Chinese headers in zh-CN, English in en; ranks and shares are numbers', async () => {
    const result = await rankings(rankDbh, { period: 'month', at: '2026-03-15' });
    const zh = await load(await rankXlsx(result, 'zh-CN'));
    expect(zh.worksheets.map((w) => w.name)).toEqual(['排行榜', '集中度']);
    const ws = zh.worksheets[0];
    expect(headerRow(ws).slice(0, 4)).toEqual(['排名', '账户', '分组', '发放积分']);
    expect(ws.rowCount).toBe(1 + result.rows.length);
    expect(ws.getCell('A2').value).toBe(1);
    expect(ws.getCell('B2').value).toBe('a');
    expect(ws.getCell('D2').value).toBe(500);
    expect(ws.getCell('E2').value).toBeCloseTo(500 / 1600, 12);
    expect(ws.getCell('I2').value).toBe(3); // movement 4 → 1
    expect(ws.getCell('H7').type).toBe(ExcelJS.ValueType.Null); // f: no previous rank, an empty cell
    const c = zh.worksheets[1];
    expect((c.getCell('A2').value as Date).toISOString().slice(0, 10)).toBe('2026-03-01');
    expect(c.getCell('J2').value).toBe(5); // top 10 overlap
    const en = await load(await rankXlsx(result, 'en'));
    expect(en.worksheets.map((w) => w.name)).toEqual(['Rankings', 'Concentration']);
    expect(headerRow(en.worksheets[0])[0]).toBe('Rank');
  });

  it('economics: one sheet per table, never-redeemed and budget included, over as a boolean', async () => {
    const e = await redemptionEconomics(econDb, { ...P, items: ITEMS, budget: BUDGET, config: defaultConfig() });
    const wb = await load(await economicsXlsx(e, 'zh-CN'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '按类别', '按商品', '按月', '无人兑换商品', '预算']);
    const budget = wb.getWorksheet('预算');
    expect(budget && headerRow(budget)).toContain('超支');
    expect(budget?.getCell('A2').value).toBe('L1 Home H1');
    expect(budget?.getCell('H2').value).toBeCloseTo(6.5, 9); // spent
    expect(budget?.getCell('K2').value).toBe(true); // over
    expect(budget?.getCell('K3').value).toBe(false);
    const monthly = wb.getWorksheet('按月');
    expect((monthly!.getCell('A2').value as Date).toISOString().slice(0, 10)).toBe('2026-01-01');
    expect(monthly?.getCell('A2').numFmt).toBe('yyyy-mm');
    expect(wb.getWorksheet('无人兑换商品')?.getCell('A2').value).toBe('G3');
  });

  it('report: metric rows with period bounds as dates and numbers as numbers; groups sheet with --by', async () => {
    const report = await buildReport(reportDb, { period: { quarter: '2026Q1' }, by: 'department' });
    const wb = await load(await reportXlsx(report, 'zh-CN'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['报告', '按月', '规则层级结构', '规则使用', '分组 department']);
    const ws = wb.worksheets[0];
    expect(headerRow(ws)).toEqual(['指标', '名称', '本期', '上期', '变化']);
    const rowOf = (metric: string) => {
      let found: ExcelJS.Row | undefined;
      ws.eachRow((row) => {
        if (row.getCell(1).value === metric) found = row;
      });
      return found;
    };
    expect((rowOf('period.from')!.getCell(3).value as Date).toISOString().slice(0, 10)).toBe('2026-01-01');
    expect(rowOf('issued')?.getCell(2).value).toBe('发放积分'); // the page's label
    expect(rowOf('issued')?.getCell(3).value).toBe(report.issued);
    expect(rowOf('issued')?.getCell(3).type).toBe(ExcelJS.ValueType.Number);
    expect(rowOf('population.kind')?.getCell(3).value).toBe('roster');
    const en = await load(await reportXlsx(report, 'en'));
    expect(headerRow(en.worksheets[0])).toEqual(['Metric', 'Name', 'This period', 'Previous period', 'Change']);
  });
});
