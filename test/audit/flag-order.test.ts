import { describe, expect, it } from 'vitest';
import { flagOrder } from '../../src/audit/run.ts';
import type { Flag } from '../../src/audit/schema.ts';

// Only the fields the order reads; the rest of a flag does not take part.
const flag = (flag_id: string, over: Partial<Flag> = {}) =>
  ({ flag_id, severity: 'medium', from: '2026-04-02', check: 'near_duplicate', ...over }) as Flag;

describe('the order of an audit’s flags', () => {
  it('does not depend on the order a check returned its rows: ties are broken by flag id', () => {
    const a = flag('f-aaa');
    const b = flag('f-bbb');
    expect([b, a].sort(flagOrder).map((f) => f.flag_id)).toEqual(['f-aaa', 'f-bbb']);
    expect([a, b].sort(flagOrder).map((f) => f.flag_id)).toEqual(['f-aaa', 'f-bbb']);
  });

  it('still puts severity first, then the day, then the check', () => {
    const high = flag('f-z', { severity: 'high' });
    const later = flag('f-a', { from: '2026-05-01' });
    const other = flag('f-b', { check: 'account_spike' });
    const sorted = [later, flag('f-c'), other, high].sort(flagOrder).map((f) => f.flag_id);
    expect(sorted).toEqual(['f-z', 'f-b', 'f-c', 'f-a']);
  });
});
