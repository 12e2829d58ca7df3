import { describe, expect, it } from 'vitest';
import { flagExplanation } from '../../src/i18n/audit-reasons.ts';
import { formatExplained } from '../../src/i18n/format.ts';

describe('numbers inside a flag explanation', () => {
  const flag = {
    reason_key: 'round_adjustment',
    reason_vars: { approver: 'U1', manual: 7, round: 4, unit: 100, program: '3.704 %', p: 0.00006 },
    explanation: 'U1 keyed 4 of 7 manual amounts as multiples of 100 (p = 0.00006)',
  };

  it('a small p-value keeps its first digits instead of reading "p = 0"', () => {
    const zh = flagExplanation('zh-CN', flag, (v) => formatExplained('zh-CN', v));
    expect(zh).toContain('p = 0.00006');
    expect(zh).not.toMatch(/p = 0）/);
  });

  it('ordinary values keep three fraction digits and grouping; zero stays 0', () => {
    expect(formatExplained('en', 1234.56789)).toBe('1,234.568');
    expect(formatExplained('en', 0)).toBe('0');
    expect(formatExplained('en', -0.000123)).toBe('-0.00012');
  });
});

describe('an English flag explanation on the page', () => {
  const ring = {
    reason_key: 'ring',
    reason_vars: {
      members: 4,
      cycle: 'A → B → A',
      transfers: 23,
      points: 18400,
      share: '100 %',
      span_from: 'x',
      span_to: 'y',
    },
    explanation: '4 accounts pass points round a cycle (A → B → A): 23 transfers, 18400 points; …',
  };

  it('groups its thousands like the Chinese one does, instead of the stored "18400 points"', () => {
    const en = flagExplanation('en', ring, (v) => formatExplained('en', v));
    expect(en).toContain('23 transfers, 18,400 points');
    expect(flagExplanation('zh-CN', ring, (v) => formatExplained('zh-CN', v))).toContain('18,400 积分');
  });

  it('keeps the stored text for a key without a template', () => {
    expect(flagExplanation('en', { ...ring, reason_key: 'unknown' }, String)).toBe(ring.explanation);
  });
});
