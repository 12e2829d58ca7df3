import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { run } from '../db/run.ts';
import { UserError } from '../errors.ts';

/**
 * Audit thresholds (audit.md). Every default is written next to its meaning; a program config may override any of
 * them under an `audit` key. Defaults were chosen on the generated sample: they find every injected case while a
 * clean generated ledger stays under 5 flags per 1,000 accounts (test/audit/quality.test.ts prints both).
 */
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  // 2026-13-01 has the shape of a date, but no campaign can fall on it: it would silently never apply.
  .refine(isCalendarDay, 'must be a day of the calendar (YYYY-MM-DD)');

function isCalendarDay(d: string): boolean {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

/** One planned campaign: days from..to, both included; rule null = every rule; multiplier = how much it may raise pay. */
export const Campaign = z
  .object({
    from: Day,
    to: Day,
    rule: z.string().min(1).nullable().default(null),
    label: z.string().min(1),
    /** The campaign may raise the day's points up to this factor (2 = double points) before a spike is a flag again. */
    multiplier: z.number().min(1).default(2),
  })
  .strict()
  .refine((c) => c.from <= c.to, { message: 'from must not be after to', path: ['to'] });
export type Campaign = z.infer<typeof Campaign>;

export const AuditSettings = z
  .object({
    /**
     * Planned campaigns (双倍积分日 and the like): a program or rule spike on a campaign day is reported as expected
     * (a note, not a flag) unless it exceeds even the campaign's multiplier. Also read from `--campaigns F` (CSV).
     */
    campaigns: z.array(Campaign).default([]),
    /** Evidence event_ids listed per flag at most; the flag's `event_count` keeps the full number. */
    max_evidence: z.number().int().positive().default(500),
    account_spike: z
      .object({
        /** Trailing days of an account's own history (zero days included) and of its peers' baseline. */
        window_days: z.number().int().positive().default(28),
        /** Modified z (0.6745·(x − median)/MAD) above which a day is unusual, against the account and its peers. */
        z: z.number().positive().default(3.5),
        /**
         * A day is a candidate only with evidence beyond what the ledger's own pay explains (no floor in points):
         * a burst — one rule awarded to the account that day more often than a Poisson count at that rule's mean
         * awards per account-day in this ledger explains, with p below burst_alpha / (the period's account-rule-days,
         * Bonferroni) — or more awards of a rule than any other account-day of the ledger holds, where a Poisson count
         * at the rule's daily rate (awards per account-day from each account's first active day, on the days the
         * ledger paid anyone) would have shown more on the many days one short of it (p below burst_alpha / rules).
         */
        burst_alpha: z.number().gt(0).lt(1).default(0.01),
        /**
         * "Any other account-day" above allows exceptions: a count of a rule is beyond the ledger's daily maximum
         * when the other account-days reach it less than this share as often as a Poisson count at the rule's own
         * rate would (tested at burst_alpha / rules). Award counts are over-dispersed, so Poisson is their floor;
         * a quarter of it is far below any ordinary count level and far above an undeclared cap's few breaches.
         * Beyond the first count the rule's own pace into the count below replaces it when higher (a rule paid twice
         * at four tenths of Poisson stops at two when its third count is far below four tenths).
         */
        beyond_share: z.number().gt(0).lt(1).default(0.25),
        /**
         * Or big: the day's large awards alone (each at least 1 / top_awards of the ledger's largest ordinary award,
         * the largest mean award of a rule paid about monthly or more often) reach top_awards × that award. Two: one
         * top award in a day is ordinary luck, and a busy day of one top award and a handful of small ones is not a
         * spike either (a ×1000 ledger has dozens of those); two or more large awards at once is what a spike looks like,
         * when one large rule among them is paid beyond its routine count (different large rules once each add up by
         * chance on ledgers that pay several of them).
         */
        top_awards: z.number().min(1).default(2),
        /** Flagged days of one account this many days apart or fewer form one flag. */
        merge_gap_days: z.number().int().nonnegative().default(3),
      })
      .prefault({}),
    program_spike: z
      .object({
        /** Same-weekday days before a day that give its expected value (their median): 8 weeks. */
        weeks: z.number().int().min(2).default(8),
        /**
         * Robust z of the day's residual (log scale) against the residuals of the trailing weeks, up or down. Unset
         * (the default): from `alpha` as a false-alarm rate of a year of days, Bonferroni and two-sided,
         * Φ⁻¹(1 − alpha / (2 · 365)) = 4.19 at alpha 0.01 (src/stats/robust-band.ts), the same for the audit of any
         * period and for the Health chart of any month, so both mark the same days.
         */
        z: z.number().positive().nullable().default(null),
        /**
         * And the day must exceed its expected value by this ratio (2 = three times it): quarter-end challenge awards
         * and a promoted rule's first day reach about 2.2× in the sample; a batch error is far beyond. A drop is its
         * mirror: at most 1 / (1 + ratio) of the expected value (a third), so a slow week is not a stopped rule.
         */
        min_excess_ratio: z.number().nonnegative().default(2),
        /**
         * The false-alarm rate of the spike judgements. A day's z threshold (above, when unset) is corrected for a
         * year of days. A rule spike or drop (one rule far from its own weekday baseline) must also be more than
         * chance: its count of awards has a Poisson tail p (upper for a spike, lower for a drop) below
         * alpha / (rules × days judged, Bonferroni) at its usual count, or its mean award rose (fell) by the same
         * ratio as a spike (a changed rule value). A rule of one or two awards a day otherwise flags every busy day.
         */
        alpha: z.number().gt(0).lt(1).default(0.01),
        /** A rule named as the cause must explain at least this share of the day's excess. */
        rule_share: z.number().min(0).max(1).default(0.3),
      })
      .prefault({}),
    cap_breach: z
      .object({
        /** "Just below the cap": a rule-day total in [(1 − band)·cap, cap). */
        near_band: z.number().min(0).max(1).default(0.05),
        /** Just-below days an account needs in the period before that clustering is flagged. */
        near_min_days: z.number().int().positive().default(3),
      })
      .prefault({}),
    self_approval: z
      .object({
        /**
         * A self-approved row inside a batch run (one approver signing one rule for at least this many accounts,
         * the row's own among them, within `batch_minutes` of it), paying no more than the median the others got
         * there, is the operator's share of the batch, not a discretionary self-award: counted in the notes, not
         * flagged. Any other self-approved row is flagged (audit.md: exact).
         */
        batch_min_accounts: z.number().int().positive().default(20),
        /**
         * How close a batch run's rows lie to the self-approved row: a run is entered at once, and audit.md's
         * "within minutes" of a repeated entry is 10. A large team's approver signing the rule for 20 accounts
         * spread over the day is no run.
         */
        batch_minutes: z.number().positive().default(10),
      })
      .prefault({}),
    near_duplicate: z
      .object({
        window_minutes: z.number().positive().default(10),
        /**
         * A rule the other accounts repeat within the window (entered in sittings, per delivery without a per-event
         * reason) flags an account's repeats only when so many of its same-day repeats of the rule falling within
         * the window is less likely than alpha / (account-rules tested, Bonferroni) at the others' share.
         */
        alpha: z.number().gt(0).lt(1).default(0.01),
      })
      .prefault({}),
    ring: z
      .object({
        /** Longest cycle searched (audit.md: cycles of length 3–5). */
        max_length: z.number().int().min(3).max(8).default(5),
        /** Transfers each edge of a cycle needs in the period: one-off gifts do not make a ring. */
        min_edge_transfers: z.number().int().positive().default(2),
        /** Share of the members' received transfer points that must come from inside the cycle. */
        min_internal_share: z.number().min(0).max(1).default(0.5),
        /** A reciprocal pair needs this many A→B then B→A round trips within `pair_days`. */
        pair_min_round_trips: z.number().int().positive().default(3),
        pair_days: z.number().positive().default(7),
      })
      .prefault({}),
    concentration: z
      .object({
        /**
         * Share of a giver's or approver's points going to one receiver that makes it a candidate of the share test
         * (audit.md's dominant receiver). A giver's transfers are then flagged when the receiver's count of them, or
         * (with three transfers or more) its points, is one that transfers sent to the giver's receivers at random
         * reach with a chance below p × receivers (either test; the rule's minimum count); an
         * approver's, when it stands out against this ledger's own spread between receivers
         * (audit_concentration.sql), approvals following the receivers' activity. The split and rule tests have no
         * share threshold.
         */
        share: z.number().min(0).max(1).default(0.5),
        /** Movements the giver made in the period, at least (small totals concentrate by chance). */
        min_count: z.number().int().positive().default(10),
        /** Receivers the giver served, at least: a manager of a one-person team concentrates by construction. */
        min_receivers: z.number().int().positive().default(3),
        /**
         * Each test's one-sided p × the number of tests of its kind (Bonferroni: an approver's receivers judged,
         * approver-receiver pairs, approver-receiver-rule cells) must be below this: a clean program raises a
         * concentration flag of a given approver test in about one audit in a thousand. A giver's transfers: p × the
         * giver's receivers for each of its two tests (count, points), measured at 0.28 flags per 1,000 givers
         * judged on generated clean givers.
         */
        p: z.number().gt(0).lt(1).default(1e-3),
      })
      .prefault({}),
    off_hours: z
      .object({
        /**
         * Family-wise error rate of the whole off-hours check: each approver's count at night and on rest days is
         * tested over the period and month by month, and the p-value threshold is alpha divided by the number of
         * tests (Bonferroni), so a clean program raises a flag in at most about one audit in 1/alpha.
         */
        alpha: z.number().gt(0).lt(1).default(0.01),
      })
      .prefault({}),
    benford: z
      .object({
        /** Fewest values for the first-digit test (Nigrini; the first-two test needs 2,000: src/stats/benford.ts). */
        min_n: z.number().int().positive().default(500),
        min_n_first_two: z.number().int().positive().default(2000),
        /** Values must span this many orders of magnitude (max/min ≥ 10^k). */
        min_orders: z.number().positive().default(2),
        /** Distinct values at least: a price list of a few items is not an amount that Benford describes. */
        min_distinct: z.number().int().positive().default(50),
        /**
         * False-alarm rate over all the period's tests: a test past the MAD band is flagged only when its chi-square
         * p is below alpha / tests run (the MAD of 500 values drawn from Benford's law itself passes 0.015 one time
         * in fifteen).
         */
        alpha: z.number().gt(0).lt(1).default(0.01),
      })
      .prefault({}),
    round_numbers: z
      .object({
        /**
         * A manual amount is round when it is a multiple of this. Unset (the default): the power of ten just above
         * the period's median manual amount (queries/audit_round_numbers.sql says why), so the same judgement holds
         * at ×1 (hand amounts of ~40: 100) and at ×100 (~4,000: 10,000).
         */
        unit: z.number().positive().nullable().default(null),
        /** Round manual amounts one approver needs before being judged. */
        min_count: z.number().int().positive().default(4),
        /** One-sided binomial p-value against the program's share of round manual amounts. */
        p: z.number().gt(0).lt(1).default(1e-4),
      })
      .prefault({}),
    burst_redeem: z
      .object({
        /** Days before the burst in which the account earned fewer awards than its own usual burst_days bring: dormant. */
        dormant_days: z.number().int().positive().default(90),
        /** Days the burst lasts at most, and days after it within which the redemption must come. */
        burst_days: z.number().int().positive().default(7),
        redeem_days: z.number().int().positive().default(14),
        /**
         * No floor in points: the burst, counted in the account's own usual awards (its mean award before the gap; a
         * few large awards weigh as what they pay), must be unlikely at the account's own pace before the gap
         * (its awards per day of its earning span, a span of at least 30 days, × burst_days): Poisson tail below
         * alpha / (dormant returns judged, Bonferroni). An ordinary return from leave earns at its usual pace.
         */
        alpha: z.number().gt(0).lt(1).default(0.01),
        /**
         * And the burst pays at least this many of the account's own usual months (its pay before the gap per 30 days
         * of its earning span): an account paid rarely but in large awards makes an unlikely count from one big
         * award. Two: eight to nine weeks of its own pay within one; a return from leave that catches up on a month
         * of awards stays below it. A ratio to the account's own pay, so it holds on every points scale.
         */
        month_ratio: z.number().positive().default(2),
        /**
         * And the burst exceeds this quantile of the period's account-days in this ledger (relative, not points): a
         * rarely paid account's one ordinary award after a leave is many of its own months, not a busy day's pay.
         */
        quantile: z.number().gt(0).lt(1).default(0.99),
        /**
         * Share of the burst beyond the account's own pay at its pace in those days (its usual awards × its usual
         * count, as in alpha above) redeemed within `redeem_days`: more than half of what was farmed left the
         * account. Any share can be dodged by keeping points, at the cost of the gain; a higher one (it was 80 % of
         * the whole burst) missed a farmer who cashed out 90 % of the farm in a week of ordinary awards, and points
         * that mostly stay in the account are not a cash-out (the burst alone is account_spike's evidence).
         */
        redeem_share: z.number().min(0).max(1).default(0.5),
      })
      .prefault({}),
  })
  .strict();

export type AuditSettings = z.infer<typeof AuditSettings>;

export const defaultAuditSettings = (): AuditSettings => AuditSettings.parse({});

/** Parses an `audit` object (from a config file or the stored program config); problems name their field. */
export function parseAuditSettings(raw: unknown, where: string): AuditSettings {
  const parsed = AuditSettings.safeParse(raw ?? {});
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  audit.${i.path.join('.')}: ${i.message}`);
    throw new UserError('config_invalid', `${where}: the audit settings are not valid:\n${lines.join('\n')}`, {
      hint: 'Fix the fields named above; src/audit/settings.ts lists every audit setting and its default.',
    });
  }
  return parsed.data;
}

/** The `audit` key of the stored program config JSON, read raw because ProgramConfig does not carry it. */
export async function storedAuditSettings(db: Database): Promise<AuditSettings> {
  const [row] = await run(db, 'program_config', {});
  const raw = row ? (JSON.parse(String(row.config)) as { audit?: unknown }).audit : undefined;
  return parseAuditSettings(raw ?? {}, 'program config');
}
