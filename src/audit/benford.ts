import type { Database } from '../db/database.ts';
import { type RowOf, run } from '../db/run.ts';
import { benfordFromCounts, DEFAULT_MIN_ABS, type BenfordResult } from '../stats/benford.ts';
import { digitBins, DIGIT_COUNT, leadingDigits, type DigitTest } from '../stats/benford-digits.ts';
import { defaultAuditSettings, type AuditSettings } from './settings.ts';

export type AmountRow = RowOf<'audit_amounts'>;
export const amountRows = (db: Database, from: string, to: string) => run(db, 'audit_amounts', { from, to });

export type DigitOutcome = (BenfordResult & { skipped: null }) | { test: DigitTest; n: number; skipped: string };

/**
 * One Benford test on values tallied by amount, with the audit's guards (audit.md): at least min_n values, a span
 * of min_orders orders of magnitude and min_distinct distinct values, else the reason it was skipped.
 */
export function digitTest(
  values: { amount: number; n: number }[],
  test: DigitTest,
  s: AuditSettings['benford'],
): DigitOutcome {
  const minAbs = DEFAULT_MIN_ABS[test];
  const bins = digitBins(test);
  const counts = new Array<number>(bins.length).fill(0);
  let n = 0;
  let distinct = 0;
  let lo = Infinity;
  let hi = 0;
  for (const v of values) {
    const a = Math.abs(v.amount);
    if (!(a >= minAbs) || a === 0) continue;
    const d = leadingDigits(a, DIGIT_COUNT[test]);
    if (d === null) continue;
    counts[d - bins[0]] += v.n;
    n += v.n;
    distinct++;
    lo = Math.min(lo, a);
    hi = Math.max(hi, a);
  }
  const minN = test === 'first' ? s.min_n : s.min_n_first_two;
  if (n < minN) return { test, n, skipped: `only ${n} usable values (need at least ${minN})` };
  if (distinct < s.min_distinct)
    return {
      test,
      n,
      skipped: `only ${distinct} distinct values (need at least ${s.min_distinct}): fixed amounts, not a Benford field`,
    };
  const orders = Math.log10(hi / lo);
  if (orders < s.min_orders)
    return { test, n, skipped: `values span ${orders.toFixed(2)} orders of magnitude (need at least ${s.min_orders})` };
  return { ...benfordFromCounts(test, counts), skipped: null };
}

export interface DigitsRequest {
  from: string;
  to: string;
  field: 'adjust' | 'transfer' | 'cash_value';
  /** One approver's rows only; default every row of the field. */
  approver_id?: string | null;
}

/**
 * Observed against expected proportions, MAD and verdict (Nigrini's conformity band) of both digit tests for one
 * field, for the detail view of a Benford flag (the server calls this).
 */
export async function benfordDigits(
  db: Database,
  req: DigitsRequest,
  settings: AuditSettings = defaultAuditSettings(),
): Promise<{ first: DigitOutcome; firstTwo: DigitOutcome }> {
  const rows = (await amountRows(db, req.from, req.to)).filter(
    (r) => r.field === req.field && (req.approver_id == null || r.approver_id === req.approver_id),
  );
  return { first: digitTest(rows, 'first', settings.benford), firstTwo: digitTest(rows, 'firstTwo', settings.benford) };
}
