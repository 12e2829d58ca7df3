import { describe, expect, it } from 'vitest';
import { skipReason } from '../../src/i18n/audit-terms.ts';

// The audit writes a skipped Benford test as "<field> <test>: skipped, <why>" with code names; the page showed those
// names to English readers as they were (an auditor saw "cash_value firstTwo").
const written =
  'adjust first: skipped, only 32 usable values (need at least 500); cash_value firstTwo: skipped, only 124 usable values (need at least 2000)';

describe('why a Benford test did not run, as the Audit page shows it', () => {
  it('names the field and the digit test in words in English', () => {
    expect(skipReason('en', written)).toBe(
      'adjustments (first digit): skipped, only 32 usable values (need at least 500); cash values (first two digits): skipped, only 124 usable values (need at least 2000)',
    );
  });
  it('in Chinese, every part translated', () => {
    expect(skipReason('zh-CN', written)).toBe(
      '人工调整（首位数字）：未检验，只有 32 个可用值（至少需要 500 个）；现金价值（前两位数字）：未检验，只有 124 个可用值（至少需要 2000 个）',
    );
  });
  it('leaves a sentence it does not know as written', () => {
    expect(skipReason('en', 'something else')).toBe('something else');
  });
});
