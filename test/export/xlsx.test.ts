import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toXlsx } from '../../src/export/xlsx.ts';

async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

describe('toXlsx()', () => {
  it('writes numbers as numbers, dates as dates, text as text; reads back with the same values', async () => {
    const buffer = await toXlsx([
      {
        name: '排行榜',
        columns: [
          { key: 'rank', header: '排名', type: 'integer' },
          { key: 'account', header: '账户', type: 'string' },
          { key: 'issued', header: '发放积分', type: 'number' },
          { key: 'share', header: '占比', type: 'percent' },
          { key: 'day', header: '日期', type: 'date' },
          { key: 'at', header: '时间', type: 'date' },
          { key: 'month', header: '月份', type: 'month' },
          { key: 'over', header: '超支', type: 'boolean' },
          { key: 'mixed', header: '取值', type: 'auto' },
        ],
        rows: [
          {
            rank: 1,
            account: '=HYPERLINK("x")',
            issued: 1234.5,
            share: 0.125,
            day: '2026-03-01',
            at: '2026-03-01 08:30:15',
            month: '2026-03',
            over: true,
            mixed: 7,
          },
          {
            rank: 2,
            account: '00123',
            issued: null,
            share: Number.NaN,
            day: null,
            at: new Date(Date.UTC(2026, 0, 31)),
            month: null,
            over: false,
            mixed: 'text',
          },
        ],
      },
    ]);
    const ws = (await readBack(buffer)).getWorksheet('排行榜');
    expect(ws).toBeDefined();
    if (!ws) return;
    expect(ws.getRow(1).values).toEqual([
      undefined,
      '排名',
      '账户',
      '发放积分',
      '占比',
      '日期',
      '时间',
      '月份',
      '超支',
      '取值',
    ]);

    const r = ws.getRow(2);
    expect(r.getCell(1).type).toBe(ExcelJS.ValueType.Number);
    expect(r.getCell(1).value).toBe(1);
    // text that looks like a formula stays text: nothing runs when the sheet opens
    expect(r.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(r.getCell(2).value).toBe('=HYPERLINK("x")');
    expect(r.getCell(3).value).toBe(1234.5);
    expect(r.getCell(4).type).toBe(ExcelJS.ValueType.Number);
    expect(r.getCell(4).value).toBe(0.125); // the value stays the ratio; only the format shows 12.50%
    expect(r.getCell(4).numFmt).toBe('0.00%');
    expect(r.getCell(5).type).toBe(ExcelJS.ValueType.Date);
    expect((r.getCell(5).value as Date).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(r.getCell(5).numFmt).toBe('yyyy-mm-dd');
    expect((r.getCell(6).value as Date).toISOString()).toBe('2026-03-01T08:30:15.000Z');
    expect(r.getCell(6).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect((r.getCell(7).value as Date).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(r.getCell(7).numFmt).toBe('yyyy-mm');
    expect(r.getCell(8).type).toBe(ExcelJS.ValueType.Boolean);
    expect(r.getCell(8).value).toBe(true);
    expect(r.getCell(9).value).toBe(7);

    const r2 = ws.getRow(3);
    expect(r2.getCell(2).value).toBe('00123'); // a code with leading zeros is not turned into 123
    expect(r2.getCell(3).type).toBe(ExcelJS.ValueType.Null); // null stays an empty cell, never 0
    expect(r2.getCell(4).type).toBe(ExcelJS.ValueType.Null); // NaN too
    expect((r2.getCell(6).value as Date).toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(r2.getCell(8).value).toBe(false);
    expect(r2.getCell(9).type).toBe(ExcelJS.ValueType.String);
  });

  it('makes sheet names Excel accepts: no []:*?/\\, at most 31 characters, unique', async () => {
    const sheet = (name: string) => ({ name, columns: [{ key: 'a', header: 'a', type: 'string' as const }], rows: [] });
    const wb = await readBack(
      await toXlsx([
        sheet('Groups: a/b'),
        sheet('x'.repeat(40)),
        sheet('X'.repeat(40)),
        sheet('Issued, redeemed and expired per month'),
      ]),
    );
    // A long title keeps whole words and says it was shortened; one long word keeps what fits.
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Groups_ a_b',
      `${'x'.repeat(30)}…`,
      `${'X'.repeat(29)}_2`,
      'Issued, redeemed and expired…',
    ]);
  });
});
