import { z } from 'zod';
import { run } from '../../db/run.ts';
import type { Check } from '../context.ts';
import { addDays } from '../../dates.ts';
import { makeFlag } from '../flag.ts';
import { PeriodParams } from '../../db/query-types.ts';

const Params = PeriodParams.extend({ batch_min_accounts: z.number().int(), batch_minutes: z.number() });

/**
 * approver = recipient: exact, high severity, one flag per account. A row that is the operator's ordinary share of a
 * batch run (signed within minutes of the run's rows for many accounts, paying no more than they got) is not the
 * favour audit.md means: counted in the notes instead. Any other self-approved row is flagged.
 */
export const selfApproval: Check = {
  name: 'self_approval',
  async run(ctx) {
    const rows = await run(ctx.db, 'audit_self_approval', Params, {
      from: ctx.from,
      to: ctx.to,
      batch_min_accounts: ctx.settings.self_approval.batch_min_accounts,
      batch_minutes: ctx.settings.self_approval.batch_minutes,
    });
    // A count, not a list of ids: notes are free text, and people belong in structured fields (--pseudonymize).
    const batch = rows.filter((r) => r.batch_rows > 0);
    const notes =
      batch.length === 0
        ? []
        : [
            `${batch.reduce((n, r) => n + r.batch_rows, 0)} self-approved row(s) of ${batch.length} account(s) inside batch runs they signed, not flagged`,
          ];
    return {
      notes,
      flags: rows
        .filter((r) => r.rows > 0)
        .map((r) =>
          makeFlag(ctx, {
            check: 'self_approval',
            severity: 'high',
            subject: 'account',
            account_id: r.account_id,
            from: r.first_day,
            to: addDays(r.last_day, 1),
            value: r.rows,
            baseline: 0,
            score: null,
            threshold: 0,
            threshold_name: 'self-approved rows',
            reason_key: 'self_approval',
            reason_vars: { account: r.account_id, rows: r.rows, points: r.points },
            event_ids: r.event_ids,
          }),
        ),
    };
  },
};
