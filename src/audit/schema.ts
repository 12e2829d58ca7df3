import { z } from 'zod';

/** The JSON of `ledger-lens audit --json` (cli.md): `period`, `checks[]`, `flags[]`; extra keys are additions. */
export const Severity = z.enum(['high', 'medium', 'low']);
export type Severity = z.infer<typeof Severity>;

/** Whom a flag is about: an account, an approver (or giver), the whole program (or one rule), a group of accounts. */
export const Subject = z.enum(['account', 'approver', 'program', 'group']);

const num = z.number().refine(Number.isFinite, 'must be finite');

export const Flag = z.object({
  /** Stable across runs and imports: the check, whom it is about and its day or audit period (src/audit/flag-id.ts). */
  flag_id: z.string(),
  check: z.string(),
  severity: Severity,
  subject: Subject,
  /** The account (or approver) the flag is about; null for a program flag or a group (see `accounts`). */
  account_id: z.string().nullable(),
  /** Every account involved: the ring's members, the receivers of a concentrated giver, … */
  accounts: z.array(z.string()),
  /** Window of the evidence, YYYY-MM-DD, `to` exclusive. */
  from: z.string(),
  to: z.string(),
  value: num,
  baseline: num.nullable(),
  score: num.nullable(),
  threshold: num,
  /** What the threshold is, e.g. "modified z" or "daily cap": the flag says which threshold it crossed. */
  threshold_name: z.string(),
  explanation: z.string(),
  /** Machine form of the explanation, for translation: a key and the values it interpolates. */
  reason_key: z.string(),
  reason_vars: z.record(z.string(), z.union([z.string(), z.number()])),
  event_ids: z.array(z.string()),
  /** All evidence rows; event_ids lists at most `max_evidence` of them. */
  event_count: z.number().int().nonnegative(),
  rule_id: z.string().nullable(),
});
export type Flag = z.infer<typeof Flag>;

/** An auditor's mark on a flag (their case list); `open` is a mark taken back. */
export const MARK_STATUSES = ['reviewed', 'false_positive', 'escalated', 'open'] as const;
export const MarkStatus = z.enum(MARK_STATUSES);
export type MarkStatus = z.infer<typeof MarkStatus>;
export const CaseMark = z.object({
  status: MarkStatus,
  note: z.string(),
  /** The user who set it (a users file's name; `local` without one). */
  by: z.string(),
  /** When, YYYY-MM-DDTHH:MM:SS in UTC, from the server's clock. */
  at: z.string(),
});
export type CaseMark = z.infer<typeof CaseMark>;

export const CheckResult = z.object({
  check: z.string(),
  ran: z.boolean(),
  skipped_reason: z.string().nullable(),
  flags: z.number().int().nonnegative(),
  /** What the check looked at (e.g. Benford's tests with their MAD), for the detail page. */
  notes: z.array(z.string()),
  seconds: z.number().nonnegative(),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const AuditResult = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  checks: z.array(CheckResult),
  flags: z.array(Flag),
});
export type AuditResult = z.infer<typeof AuditResult>;
