import { z } from 'zod';
import { CaseMark } from '../audit/schema.ts';

/**
 * The answers of the routes behind the main pages' details and the Data page (audit detail views, the case list,
 * campaigns, imports and uploads, the experiments list, the bootstrap intervals). Zod modules only: bundled into the
 * web app with src/api/schema.ts, which lists them by route.
 */

const int = z.number().int();
const Period = z.object({ from: z.string(), to: z.string() });
// As the report's gini_ci: an end may be null where the bootstrap cannot compute it.
const Interval = z.tuple([z.number().nullable(), z.number().nullable()]).nullable();
const Bootstrap = z.object({ resamples: int, seed: int, level: z.number() });

/** Size and span of what the database holds (the Data page; GET /api/meta). */
export const DatabaseTotalsAnswer = z.object({
  rows: int,
  accounts: int,
  first: z.string().nullable(),
  last: z.string().nullable(),
  issued: z.number(),
  outstanding: z.number(),
  rejects: int,
});

export const HealthAnswer = z.object({ ok: z.literal(true) });

/** The Gini's bootstrap interval of a report, asked for after its numbers (GET /api/report/intervals). */
export const ReportIntervals = z.object({
  period: Period,
  gini_ci: Interval,
  previous: z.object({ period: Period, gini_ci: Interval }),
  bootstrap: Bootstrap.optional(),
});

/** The same for the Fairness page's one period (GET /api/fairness/intervals). */
export const FairnessIntervals = z.object({ period: Period, gini_ci: Interval, bootstrap: Bootstrap });

/** An account's daily issued points with its own baseline band (an account-spike flag's chart). */
export const TimelineAnswer = z.object({
  points: z.array(
    z.object({ day: z.string(), issued: z.number(), median: z.number(), lower: z.number(), upper: z.number() }),
  ),
});

/** A flag's evidence rows as the ledger holds them (queries/audit_sample_rows.sql). */
export const EvidenceRow = z.object({
  event_id: z.string(),
  occurred_at: z.string(),
  account_id: z.string(),
  points: z.number(),
  event_type: z.string(),
  rule_id: z.string().nullable(),
  approver_id: z.string().nullable(),
  counterparty_id: z.string().nullable(),
  category: z.string().nullable(),
  cash_value: z.number().nullable(),
  reason: z.string().nullable(),
  department: z.string().nullable(),
  region: z.string().nullable(),
});
export type EvidenceRow = z.infer<typeof EvidenceRow>;
export const EvidenceAnswer = z.object({ rows: z.array(EvidenceRow) });

export const GraphAnswer = z.object({
  edges: z.array(z.object({ giver: z.string(), receiver: z.string(), transfers: int, points: z.number() })),
});

const DigitTest = z.enum(['first', 'firstTwo']);
/** One Benford test: its bins, MAD and conformity, or the reason it was skipped (src/audit/benford.ts). */
const DigitOutcome = z.union([
  z.object({
    test: DigitTest,
    n: int,
    bins: z.array(z.object({ digits: int, count: int, observed: z.number(), expected: z.number(), z: z.number() })),
    mad: z.number(),
    conformity: z.enum(['close', 'acceptable', 'marginal', 'nonconformity']),
    chiSquare: z.number(),
    df: int,
    expectedMad: z.number(),
    skipped: z.null(),
  }),
  z.object({ test: DigitTest, n: int, skipped: z.string() }),
]);
export const BenfordAnswer = z.object({ first: DigitOutcome, firstTwo: DigitOutcome });

/** The random audit sample (GET /api/audit/sample as JSON; format=csv downloads it). */
export const SampleAnswer = z.object({
  seed: int,
  rate: z.number(),
  by: z.string().nullable(),
  period: Period,
  strata: z.array(z.object({ stratum: z.string(), rows: int, drawn: int })),
  rows: z.array(EvidenceRow.extend({ stratum: z.string() })),
});

/** The case list: every flag's current mark, with what the flag was. */
const StoredMark = CaseMark.extend({
  flag_id: z.string(),
  check: z.string(),
  account_id: z.string().nullable(),
  from: z.string(),
  to: z.string(),
});
export const CasesAnswer = z.object({ cases: z.array(StoredMark) });
export const MarkAnswer = z.object({ flag_id: z.string(), mark: CaseMark });

/** The program's campaign calendar as stored (every campaign route answers with it). */
export const CampaignsAnswer = z.object({
  campaigns: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      rule: z.string().nullable(),
      label: z.string(),
      multiplier: z.number(),
    }),
  ),
});

/** What a file imported: the ledger, the accounts roster or the rules list. */
const ImportKind = z.enum(['ledger', 'accounts', 'rules']);

/** An import's or a check's summary (`ledger-lens import|check --json`). */
const ImportSummary = z.object({
  import_id: int.nullable(),
  kind: ImportKind,
  file: z.string(),
  format: z.string(),
  encoding: z.string(),
  sha256: z.string(),
  rows_read: int,
  accepted: int,
  quarantined: int,
  duplicates: int,
  mapping: z.record(z.string(), z.string()),
  quarantine: z.array(z.object({ line: int, reasons: z.array(z.string()), raw: z.record(z.string(), z.unknown()) })),
  warnings: z.array(z.string()),
  dry_run: z.boolean(),
});
export const UploadAnswer = z.object({ upload_id: z.string(), name: z.string(), check: ImportSummary });
export const CommitAnswer = z.object({ upload_id: z.string(), import: ImportSummary });
export const DiscardAnswer = z.object({ upload_id: z.string(), discarded: z.literal(true) });
export const ProgressAnswer = z.object({
  upload_id: z.string(),
  progress: z
    .object({
      stage: z.enum(['reading', 'importing']),
      percent: z.number(),
      rows: z.number().optional(),
      total: z.number().optional(),
      rowsPerSecond: z.number().optional(),
      seconds: z.number(),
      done: z.boolean().optional(),
    })
    .nullable(),
});

/** Every import with its reconciliation, and what the database holds (the Data page). */
export const ImportsAnswer = z.object({
  imports: z.array(
    z.object({
      import_id: int,
      kind: z.string(),
      file_name: z.string(),
      format: z.string(),
      encoding: z.string(),
      imported_at: z.string(),
      rows_read: int,
      accepted: int,
      quarantined: int,
      duplicates: int,
      reconciles: z.boolean(),
    }),
  ),
  totals: DatabaseTotalsAnswer,
});

/** Quarantined rows of one import (default: the latest), in file order. */
export const QuarantineAnswer = z.object({
  import_id: int.nullable(),
  total: int,
  rows: z.array(
    z.object({
      import_id: int,
      file_name: z.string(),
      line: int,
      reasons: z.array(z.string()),
      raw: z.record(z.string(), z.unknown()),
    }),
  ),
});

/** The experiments in the ledger with the rules each changed, and the rules a what-if scenario may name. */
export const ExperimentsAnswer = z.object({
  experiments: z.array(
    z.object({
      experiment_id: z.string(),
      variants: z.array(z.string()),
      accounts: int,
      rows: int,
      first_day: z.string(),
      last_day: z.string(),
      changed_rules: z.array(z.string()),
    }),
  ),
  rules: z.array(z.object({ rule_id: z.string(), name: z.string().nullable(), earn_rows: int })),
});
