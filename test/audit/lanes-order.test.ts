import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.ts';
import { CHECK_NAMES } from '../../src/audit/checks/index.ts';
import { insertRows, openDb } from './fixture.ts';

/**
 * One connection runs every check in the order the lanes take them: the shared start and the spike chain, then the
 * queue longest first by the checks' measured CPU seconds (src/audit/run.ts), then the rest in CHECKS order. A
 * long check queued late leaves one lane working alone at the end of a parallel audit.
 */
describe('the order the audit queues its checks in', () => {
  it('runs the chain, then the measured longest checks first, then the others as listed', async () => {
    const db = await openDb();
    try {
      await insertRows(db, [{ at: '2026-03-02 10:00:00', account: 'A', points: 10, rule: 'R1' }]);
      const order: string[] = [];
      await runAudit(db, {
        from: '2026-03-01',
        to: '2026-04-01',
        connections: 0,
        onCheck: (check) => order.push(check),
      });
      const longest = ['burst_redeem', 'concentration', 'off_hours_approval', 'near_duplicate', 'self_approval'];
      const chain = ['rollup', 'program_spike', 'rule_spike', 'account_spike'];
      const others = CHECK_NAMES.filter((c) => !chain.includes(c) && !longest.includes(c));
      expect(order).toEqual([...chain, ...longest, ...others]);
    } finally {
      db.close();
    }
  });
});
