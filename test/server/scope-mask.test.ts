import { describe, expect, it } from 'vitest';
import { flagIdentity } from '../../src/audit/flag-id.ts';
import { maskOutside, OUTSIDE_SCOPE } from '../../src/server/scope-mask.ts';

/** A concentration flag: account A gave most of its transfers to B (made as the audit makes one). */
function concentration(a: string, b: string) {
  const f = {
    check: 'concentration',
    subject: 'account' as const,
    account_id: a,
    accounts: [a, b],
    from: '2026-01-01',
    to: '2026-04-01',
    rule_id: null,
    reason_key: 'concentration',
    reason_vars: { giver: a, receiver: b, share: 0.9 },
  };
  return { ...f, flag_id: flagIdentity(f, { from: '2026-01-01', to: '2026-04-01' }), mark: null };
}

describe("a manager's view of a flag (src/server/scope-mask.ts)", () => {
  const inside = new Set(['A1', 'A2']);

  it('a flag about people of the scope keeps its id', () => {
    const f = concentration('A1', 'A2');
    expect(maskOutside({ flags: [f] }, inside)).toEqual({ flags: [f] });
  });

  it('a flag naming someone outside gets an id that the outside id cannot be hashed back to', () => {
    const [toB, toC] = [concentration('A1', 'B9'), concentration('A1', 'C7')];
    const shown = maskOutside({ flags: [toB], account: { flags: [{ ...toB, quarter: '2026Q1' }] } }, inside);
    const flag = shown.flags[0];
    expect(flag.accounts).toEqual(['A1', OUTSIDE_SCOPE]);
    expect(flag.reason_vars.receiver).toBe(OUTSIDE_SCOPE);
    expect(flag.flag_id).toMatch(/^concentration-[0-9a-f]{16}$/);
    // Not the program's id (an unkeyed hash of A1 and B9), and the same whichever outside person it was.
    expect(flag.flag_id).not.toBe(toB.flag_id);
    expect(flag.flag_id).toBe(maskOutside(toC, inside).flag_id);
    // The account page's copy of the flag carries the same id, so its link opens the flag on the Audit page.
    expect(shown.account.flags[0].flag_id).toBe(flag.flag_id);
  });
});
