import { describe, expect, it } from 'vitest';
import { BOM, csvCell, toCsv } from '../../src/csv.ts';

describe('csv', () => {
  it('neutralises text cells that a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('Sales 销售部')).toBe('Sales 销售部');
  });

  it('writes numbers as numbers (a negative change stays a number) and null as empty', () => {
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('starts with a UTF-8 BOM and ends lines with CRLF', () => {
    const text = toCsv(
      ['metric', 'value'],
      [
        ['部门', 1],
        ['x', null],
      ],
    );
    expect(text.startsWith(BOM)).toBe(true);
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text.slice(1)).toBe('metric,value\r\n部门,1\r\nx,\r\n');
  });
});
