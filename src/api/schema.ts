import { z } from 'zod';
import { AuditResult, CaseMark, Flag } from '../audit/schema.ts';
import { AccountMonth, AccountSummary, Counterpart } from '../audit/account-schema.ts';
import { Economics } from '../economics/schema.ts';
import { AbResult } from '../experiments/schema.ts';
import { RANK_PERIODS } from '../periods/ranking.ts';
import { RankResult } from '../rank/schema.ts';
import { FairnessView, PeriodMetrics, Report } from '../report/schema.ts';
import { SimulationResult } from '../simulate/schema.ts';
import {
  BenfordAnswer,
  CampaignsAnswer,
  CasesAnswer,
  CommitAnswer,
  DatabaseTotalsAnswer,
  DiscardAnswer,
  EvidenceAnswer,
  ExperimentsAnswer,
  FairnessIntervals,
  GraphAnswer,
  HealthAnswer,
  ImportsAnswer,
  MarkAnswer,
  ProgressAnswer,
  QuarantineAnswer,
  ReportIntervals,
  SampleAnswer,
  TimelineAnswer,
  UploadAnswer,
} from './schema-detail.ts';

/**
 * The answers of the dashboard's API routes, one schema each: the server types and checks what it sends with them and
 * the browser checks what it receives against them, so a field renamed on one side fails on the other at once.
 * A GET route is named by its path, any other method by `METHOD path`. Zod modules only: bundled into the web app.
 */

const Period = z.object({ from: z.string(), to: z.string() });

/** A flag as the audit page lists it: the flag, its account's department and its case mark (null: never marked). */
export const ListedFlag = Flag.extend({ department: z.string().nullable(), mark: CaseMark.nullable() });
export type ListedFlag = z.infer<typeof ListedFlag>;

const int = z.number().int();
const maybe = z.number().nullable();

/** The roles of a users file (serve --users; README "People and roles"). */
export const USER_ROLES = ['admin', 'auditor', 'manager', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** What the pickers offer and the program's settings (GET /api/meta). */
export const Meta = z.object({
  /** null for a manager whose scope is smaller than min_group_size (see `suppressed`). */
  totals: DatabaseTotalsAnswer.nullable(),
  range: z.object({ first: z.string().nullable(), last: z.string().nullable() }),
  quarters: z.array(z.string()),
  default_quarter: z.string().nullable(),
  months: z.array(z.string()),
  attributes: z.array(
    z.object({ attribute: z.string(), values: z.array(z.object({ value: z.string(), accounts: int })) }),
  ),
  settings: z.object({
    timezone: z.string(),
    currency: z.string(),
    point_value: z.number(),
    fairness: z.object({
      gini_warning: z.number(),
      disparity_low: z.number(),
      disparity_high: z.number(),
      min_group_size: int,
    }),
    tier_target: z.object({ base: z.number(), challenge: z.number(), reward: z.number() }),
  }),
  /** `fewer than N`: a manager's scope too small to show; totals and attributes are then empty. */
  suppressed: z.string().optional(),
  /** Who asks (added by the server's access control, src/server/access-control.ts). */
  access: z
    .object({
      role: z.enum(USER_ROLES),
      scope: z.string().nullable(),
      /** Draw the program's totals (GET /api/program-totals) beside the scope's own. */
      program_totals: z.boolean(),
      /** The min_group_size this user's scope falls short of; the page shows the notice alone. */
      scope_too_small: int.nullable(),
    })
    .optional(),
});
export type Meta = z.infer<typeof Meta>;

const GiniPoint = z.object({
  quarter: z.string(),
  from: z.string(),
  to: z.string(),
  n: int,
  gini: maybe,
  gini_nonzero: maybe,
  partial: z.boolean(),
});
const CohortCell = z.object({ cohort: z.string(), k: int, cohort_size: int, active: int, share: maybe });
const DayPoint = z.object({
  day: z.string(),
  value: z.number(),
  expected: maybe,
  lower: maybe,
  upper: maybe,
  z: maybe,
  spike: z.boolean(),
  drop: z.boolean(),
  /** The rule spikes and rule drops the audit flags that day, and the campaigns covering it (src/audit/daily-chart.ts). */
  rules: z.array(z.object({ rule_id: z.string(), value: z.number(), expected: z.number() })),
  drops: z.array(z.object({ rule_id: z.string(), value: z.number(), expected: z.number() })),
  campaigns: z.array(z.string()),
});

/** One account's page (GET /api/account): its flags across quarters with their marks, ranks, counterparts, months. */
export const AccountAnswer = z.object({
  account_id: z.string(),
  summary: AccountSummary,
  period: Period,
  quarters: z.array(z.string()),
  flags: z.array(ListedFlag.extend({ quarter: z.string() })),
  rankings: z.array(
    z.object({
      period_kind: z.enum(RANK_PERIODS),
      from: z.string(),
      to: z.string(),
      rank: int.nullable(),
      issued: maybe,
      share: maybe,
      ranked: int.nullable(),
    }),
  ),
  counterparts: z.array(Counterpart),
  months: z.array(AccountMonth),
});

/** One request in the access log (GET /api/access-log, administrators only): who looked at what, never a token. */
export const AccessEntry = z.object({
  at: z.string(),
  user_name: z.string(),
  role: z.enum(USER_ROLES),
  method: z.string(),
  route: z.string(),
  query: z.string(),
  scope: z.string().nullable(),
  status: int,
  export_file: z.string().nullable(),
  export_rows: int.nullable(),
});
export type AccessEntry = z.infer<typeof AccessEntry>;

export const ANSWERS = {
  '/api/meta': Meta,
  '/api/gini-trend': z.object({ quarters: z.array(GiniPoint) }),
  '/api/cohorts': z.object({
    to: z.string(),
    cells: z.array(CohortCell),
    /** `fewer than N`: a manager's or a viewer's cohorts that small were left out (src/server/small-groups.ts). */
    suppressed: z.string().optional(),
  }),
  /** `threshold`: the robust z the band is drawn at, the one the audit uses. */
  '/api/daily': z.object({ period: Period, threshold: z.number(), days: z.array(DayPoint) }),
  '/api/report': Report,
  '/api/fairness': FairnessView,
  '/api/program-totals': z.object({ period: Period, program: PeriodMetrics, previous: PeriodMetrics }),
  '/api/audit': AuditResult.extend({ flags: z.array(ListedFlag) }),
  '/api/ab': AbResult,
  '/api/simulate': SimulationResult,
  '/api/rank': RankResult.extend({ periods: z.array(Period) }),
  '/api/economics': Economics,
  '/api/account': AccountAnswer,
  '/api/access-log': z.object({ entries: z.array(AccessEntry) }),
  '/api/health': HealthAnswer,
  '/api/report/intervals': ReportIntervals,
  '/api/fairness/intervals': FairnessIntervals,
  '/api/experiments': ExperimentsAnswer,
  '/api/audit/timeline': TimelineAnswer,
  '/api/audit/evidence': EvidenceAnswer,
  '/api/audit/graph': GraphAnswer,
  '/api/audit/benford': BenfordAnswer,
  '/api/audit/sample': SampleAnswer,
  '/api/audit/marks': CasesAnswer,
  'POST /api/audit/marks': MarkAnswer,
  '/api/campaigns': CampaignsAnswer,
  'POST /api/campaigns': CampaignsAnswer,
  'POST /api/campaigns/delete': CampaignsAnswer,
  '/api/imports': ImportsAnswer,
  '/api/quarantine': QuarantineAnswer,
  'POST /api/uploads': UploadAnswer,
  'POST /api/uploads/commit': CommitAnswer,
  'POST /api/uploads/discard': DiscardAnswer,
  '/api/uploads/progress': ProgressAnswer,
} as const;

/**
 * The routes that answer a file rather than JSON, by the file's type: the browser downloads them. (Two JSON routes
 * also answer a CSV when asked with format=csv: /api/quarantine and /api/audit/sample.)
 */
export const FILE_ANSWERS = {
  '/report.html': 'text/html',
  '/api/audit/flags.csv': 'text/csv',
  'POST /api/xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** How ANSWERS and FILE_ANSWERS name the route a request of `method` on `path` reaches. */
export const routeName = (method: string, path: string): string =>
  method.toUpperCase() === 'GET' || method.toUpperCase() === 'HEAD' ? path : `${method.toUpperCase()} ${path}`;

export type ApiRoute = keyof typeof ANSWERS;
export type Answer<R extends ApiRoute> = z.infer<(typeof ANSWERS)[R]>;

export function isApiRoute(path: string): path is ApiRoute {
  return Object.hasOwn(ANSWERS, path);
}

/**
 * Checks an answer against its route's schema; the message names the route and the first wrong fields. Returns the
 * body as received (not zod's copy), so a field the server adds before the schema knows it is not dropped.
 */
export function checkAnswer(
  route: ApiRoute,
  body: unknown,
): { ok: true } | { ok: false; message: string; fields: string } {
  const r = ANSWERS[route].safeParse(body);
  if (r.success) return { ok: true };
  const fields = r.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  return {
    ok: false,
    message: `The answer of ${route} does not match its schema (src/api/schema.ts): ${fields}`,
    fields,
  };
}
