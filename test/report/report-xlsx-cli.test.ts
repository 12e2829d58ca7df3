import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../rank/sample-db.ts';
import { fixtureDb } from '../server/fixture-db.ts';

describe('ledger-lens report --xlsx (spawned CLI on the server fixture)', () => {
  let fixture: Awaited<ReturnType<typeof fixtureDb>>;
  beforeAll(async () => {
    fixture = await fixtureDb();
  });
  afterAll(() => fixture?.cleanup());

  it('writes the report as a workbook: the metric rows with the same numbers as --json, English headers with --lang en', async () => {
    const file = join(fixture.dir, 'q1.xlsx');
    const written = await cli(['report', '--quarter', '2026Q1', '--xlsx', file, '--lang', 'en', '--db', fixture.path]);
    expect(written.stderr).toBe('');
    expect(written.code).toBe(0);
    expect(written.stdout).toBe(''); // a file was asked for: no table on stdout
    const json = JSON.parse((await cli(['report', '--quarter', '2026Q1', '--json', '--db', fixture.path])).stdout);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Report')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Metric', 'Name', 'This period', 'Previous period', 'Change']);
    const issued = ws.getColumn(1).values.indexOf('issued');
    expect(issued).toBeGreaterThan(1);
    expect(ws.getRow(issued).getCell(3).value).toBe(json.issued);
    // The fixture: accounts 1–5 earn 10a + m in month m; Q1 = months 3, 4, 5 → 3 × 150 + 5 × (3 + 4 + 5) = 510.
    expect(json.issued).toBe(510);
    const from = ws.getColumn(1).values.indexOf('period.from');
    expect(ws.getRow(from).getCell(3).value).toEqual(new Date(Date.UTC(2026, 0, 1)));
  });

  it('defaults to Chinese headers', async () => {
    const file = join(fixture.dir, 'q1-zh.xlsx');
    expect((await cli(['report', '--quarter', '2026Q1', '--xlsx', file, '--db', fixture.path])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toContain('报告');
    expect(wb.getWorksheet('报告')!.getCell('A1').value).toBe('指标');
  });
});
