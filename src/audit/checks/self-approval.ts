import { z } from 'zod';
import { run } from '../../db/run.ts';
import type { Check } from '../context.ts';
import { addDays } from '../../dates.ts';
import { makeFlag } from '../flag.ts';
import { PeriodParams } from '../../db/query-types.ts';

const Params = PeriodParams.extend({ batch_min_accounts: z.number().int() });

/**
 * approver = recipient: exact (audit.md), one flag per account listing every self-approved row. A batch operator's
 * own award inside a run that pays everyone the same is not the favour audit.md means, but it is still the approver
 * paying themself: an account whose every self-approved row is such a share (audit_self_approval.sql) is flagged at
 * low severity and says so; any other self-approved row makes the flag high.
 */
export const selfApproval: Check = {
  name: 'self_approval',
  async run(ctx) {
    const batchMin = ctx.settings.self_approval.batch_min_accounts;
    const rows = await run(ctx.db, 'audit_self_approval', Params, {
      from: ctx.from,
      to: ctx.to,
      batch_min_accounts: batchMin,
    });
    return {
      flags: rows.map((r) =>
        makeFlag(ctx, {
          check: 'self_approval',
          severity: r.batch_rows < r.rows ? 'high' : 'low',
          subject: 'account',
          account_id: r.account_id,
          from: r.first_day,
          to: addDays(r.last_day, 1),
          value: r.rows,
          baseline: 0,
          score: null,
          threshold: 0,
          threshold_name: 'self-approved rows',
          ...(r.batch_rows === 0
            ? { reason_key: 'self_approval', reason_vars: { account: r.account_id, rows: r.rows, points: r.points } }
            : {
                reason_key: 'self_approval_batch',
                reason_vars: {
                  account: r.account_id,
                  rows: r.rows,
                  points: r.points,
                  batch: r.batch_rows,
                  accounts: batchMin,
                },
              }),
          event_ids: r.event_ids,
        }),
      ),
    };
  },
};
