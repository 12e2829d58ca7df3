import { z } from 'zod';
import { run } from '../../db/run.ts';
import { MAD_BANDS } from '../../stats/benford.ts';
import { DIGIT_COUNT, leadingDigits, type DigitTest } from '../../stats/benford-digits.ts';
import { amountRows, digitTest, type AmountRow, type DigitOutcome } from '../benford.ts';
import type { AuditContext, Check } from '../context.ts';
import { fmt } from '../../i18n/audit-reasons-en.ts';
import { makeFlag } from '../flag.ts';
import { chiSquareSurvival } from '../../stats/distributions.ts';
import type { Flag } from '../schema.ts';

const RowsParams = z.object({
  from: z.string(),
  to: z.string(),
  field: z.string(),
  approver_id: z.string().nullable(),
});
const TESTS: DigitTest[] = ['first', 'firstTwo'];

/**
 * Benford first-digit and first-two-digits tests on amount-like fields (adjustments, transfers, cash values), for
 * the whole program and per approver; a test whose MAD reaches Nigrini's nonconformity bound, with digit counts beyond
 * chance at its n, is a flag. Tests that
 * cannot run say why in the check's notes; the check is "skipped" only when no test could run at all.
 */
export const benfordCheck: Check = {
  name: 'benford',
  async run(ctx) {
    const rows = await amountRows(ctx.db, ctx.from, ctx.to);
    const groups = new Map<string, AmountRow[]>();
    for (const r of rows) {
      for (const key of [`${r.field}|`, r.approver_id ? `${r.field}|${r.approver_id}` : null]) {
        if (!key) continue;
        const g = groups.get(key) ?? [];
        g.push(r);
        groups.set(key, g);
      }
    }
    const notes: string[] = [];
    const flags: Flag[] = [];
    // Per approver, the notes only count: a note is free text, and who was tested belongs in structured fields.
    const perApprover = new Map<string, { tested: number; nonconforming: number; chance: number }>();
    const outcomes: { field: string; approver: string; out: Exclude<DigitOutcome, { skipped: string }> }[] = [];
    for (const [key, values] of groups) {
      const [field, approver] = key.split('|');
      for (const test of TESTS) {
        const out = digitTest(values, test, ctx.settings.benford);
        if (out.skipped !== null) {
          if (!approver) notes.push(`${field} ${test}: skipped, ${out.skipped}`);
        } else outcomes.push({ field, approver, out });
      }
    }
    const ran = outcomes.length;
    // Nigrini's bands are for large n: at the 500 values a test needs, a sample drawn from Benford's law itself
    // reaches the nonconformity MAD one time in fifteen. A flag also needs the counts to be beyond that noise: a
    // chi-square test of the digits, its p below alpha over every test run here (Bonferroni), so a program of twenty
    // approvers keying honest amounts raises no flag by chance.
    const bar = ctx.settings.benford.alpha / Math.max(1, ran);
    for (const { field, approver, out } of outcomes) {
      const beyond = chiSquareSurvival(out.chiSquare, out.df) < bar;
      const flagged = out.conformity === 'nonconformity' && beyond;
      if (approver) {
        const c = perApprover.get(`${field} ${out.test}`) ?? { tested: 0, nonconforming: 0, chance: 0 };
        c.tested++;
        if (flagged) c.nonconforming++;
        else if (out.conformity === 'nonconformity') c.chance++;
        perApprover.set(`${field} ${out.test}`, c);
      } else
        notes.push(
          `${field} ${out.test}: n ${out.n}, MAD ${fmt(out.mad)} (${out.conformity}${out.conformity === 'nonconformity' && !beyond ? ', within chance at this n' : ''})`,
        );
      if (flagged) flags.push(await benfordFlag(ctx, field, approver || null, out));
    }
    for (const [what, c] of perApprover)
      notes.push(
        `${what} per approver: ${c.tested} tested, ${c.nonconforming} nonconforming (each one a flag)${c.chance ? `, ${c.chance} past the MAD band within chance at their n (not flagged)` : ''}`,
      );
    if (ran === 0)
      return {
        flags,
        notes,
        skipped: notes.length
          ? notes.join('; ')
          : 'no amount-like values (adjustments, transfers, cash values) in the period',
      };
    return { flags, notes };
  },
};

async function benfordFlag(
  ctx: AuditContext,
  field: string,
  approver: string | null,
  out: Exclude<DigitOutcome, { skipped: string }>,
): Promise<Flag> {
  // Evidence: the rows whose leading digits are over-represented the most (the three largest positive excesses).
  const over = new Set(
    [...out.bins]
      .filter((b) => b.observed > b.expected)
      .sort((a, b) => b.observed - b.expected - (a.observed - a.expected))
      .slice(0, 3)
      .map((b) => b.digits),
  );
  const rows = await run(ctx.db, 'audit_amount_rows', RowsParams, {
    from: ctx.from,
    to: ctx.to,
    field,
    approver_id: approver,
  });
  const evidence = rows.filter((r) => over.has(leadingDigits(r.amount, DIGIT_COUNT[out.test]) ?? -1));
  const threshold = MAD_BANDS[out.test][2];
  return makeFlag(ctx, {
    check: 'benford',
    severity: approver ? 'medium' : 'low',
    subject: approver ? 'approver' : 'program',
    account_id: approver,
    from: ctx.from,
    to: ctx.to,
    value: out.mad,
    baseline: out.expectedMad,
    score: out.chiSquare,
    threshold,
    threshold_name: `MAD nonconformity bound (${out.test === 'first' ? 'first digit' : 'first two digits'})`,
    reason_key: approver ? 'benford_approver' : 'benford',
    reason_vars: {
      digits: out.test === 'first' ? '1' : '2',
      field,
      ...(approver ? { approver } : {}),
      value: out.mad,
      threshold,
      conformity: out.conformity,
      n: out.n,
    },
    event_ids: evidence.map((r) => r.event_id),
  });
}
