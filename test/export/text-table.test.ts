import { describe, expect, it } from 'vitest';
import { textTable } from '../../src/export/text-table.ts';

describe('textTable()', () => {
  it('right-aligns number columns with their header, counts CJK as two columns, shows null as —', () => {
    const out = textTable(
      ['dept', 'spent'],
      [
        ['生活', 5713.9],
        ['ab', null],
      ],
    );
    // widths: dept 4 (生活 = 2 × 2), spent 6 (5713.9)
    expect(out).toBe(['dept   spent', '生活  5713.9', 'ab         —', ''].join('\n'));
  });
});
