import { describe, expect, it } from 'vitest';
import { chartTable } from '../../src/reshape/chart-table.ts';

describe('chartTable (a chart download’s columns, built with arquero in the worker; run here in Node)', () => {
  it('picks fields in the given order, renamed where asked, missing fields as null', () => {
    const rows = [
      { value: 'Ops', n: 40, total_issued: 1200, extra: 'x' },
      { value: 'HR', n: 12 },
    ];
    expect(
      chartTable({ parts: [{ rows }], columns: [{ name: 'department', from: 'value' }, 'n', 'total_issued'] }),
    ).toEqual({
      header: ['department', 'n', 'total_issued'],
      rows: [
        ['Ops', 40, 1200],
        ['HR', 12, null],
      ],
    });
  });

  it('splits an interval into its ends, and one field may feed two columns', () => {
    const rows = [
      { g: 'A', ci: [1.5, 2.5] },
      { g: 'B', ci: null },
    ];
    const t = chartTable({
      parts: [{ rows }],
      columns: ['g', { name: 'ci_low', from: 'ci', end: 0 }, { name: 'ci_high', from: 'ci', end: 1 }],
    });
    expect(t.rows).toEqual([
      ['A', 1.5, 2.5],
      ['B', null, null],
    ]);
  });

  it('writes lists as space-separated words, of the items or of one key of each', () => {
    const rows = [
      { day: '2026-01-05', rules: [{ rule_id: 'R1' }, { rule_id: 'R7' }], campaigns: ['spring', 'gala'] },
      { day: '2026-01-06', rules: [], campaigns: [] },
    ];
    const t = chartTable({
      parts: [{ rows }],
      columns: [
        'day',
        { name: 'rule_spikes', from: 'rules', words: 'rule_id' },
        { name: 'c', from: 'campaigns', words: true },
      ],
    });
    expect(t.rows).toEqual([
      ['2026-01-05', 'R1 R7', 'spring gala'],
      ['2026-01-06', '', ''],
    ]);
  });

  it('joins labels on a key, keeping the rows’ order and count', () => {
    const rows = [
      { tier: 'reward', issued: 3 },
      { tier: 'base', issued: 9 },
      { tier: 'reward', issued: 1 },
    ];
    const t = chartTable({
      parts: [{ rows }],
      columns: [{ name: 'tier', from: 'tier', labels: { base: '基础', reward: '奖励' } }, 'issued'],
    });
    expect(t.rows).toEqual([
      ['奖励', 3],
      ['基础', 9],
      ['奖励', 1],
    ]);
  });

  it('stacks parts in order, each tagged with its fixed columns', () => {
    const t = chartTable({
      parts: [
        {
          rows: [
            { p: 0, l: 0 },
            { p: 1, l: 1 },
          ],
          tag: { curve: 'actual' },
        },
        { rows: [{ p: 0.5, l: 0.2 }], tag: { curve: 'simulated' } },
      ],
      columns: ['curve', { name: 'population_share', from: 'p' }, { name: 'points_share', from: 'l' }],
    });
    expect(t).toEqual({
      header: ['curve', 'population_share', 'points_share'],
      rows: [
        ['actual', 0, 0],
        ['actual', 1, 1],
        ['simulated', 0.5, 0.2],
      ],
    });
  });

  it('gives the header and no rows for no result rows', () => {
    expect(chartTable({ parts: [{ rows: [] }], columns: ['a', { name: 'b', from: 'c' }] })).toEqual({
      header: ['a', 'b'],
      rows: [],
    });
  });
});
