import { z } from 'zod';
import { accountTimeline } from '../../audit/timeline.ts';
import { benfordDigits } from '../../audit/benford.ts';
import { spotCheck } from '../../audit/spot-check.ts';
import { evidenceRows, transferGraph } from '../../audit/detail.ts';
import { auditFlags } from '../audit-flags.ts';
import type { Context, Routes } from '../context.ts';
import { Attribute, DayRange, LangParam, Month, parseQuery, Quarter } from '../params.ts';
import { flagsCsv, sampleCsv } from './audit-csv.ts';
import { resolvePeriod } from '../period.ts';
import { privacyOf } from '../privacy.ts';
import { sendAnswer, sendText } from '../respond.ts';

const Period = z
  .object({ quarter: Quarter.optional(), month: Month.optional() })
  .refine((q) => !(q.quarter && q.month), { message: 'give quarter or month, not both', path: ['month'] });
const AccountId = z.string().min(1).max(100, 'must be at most 100 characters');
const TimelineQuery = z.object({ account_id: AccountId }).and(DayRange);
const EvidenceQuery = z.object({
  event_ids: z
    .string()
    .max(20_000)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.string().max(200)).max(500, 'at most 500 ids')),
});
const GraphQuery = z
  .object({
    accounts: z
      .string()
      .max(5_000)
      .transform((s) => s.split(',').filter(Boolean))
      .pipe(z.array(AccountId).min(2, 'needs two accounts or more').max(50)),
  })
  .and(DayRange);
const BenfordQuery = z.object({
  quarter: Quarter.optional(),
  month: Month.optional(),
  field: z.enum(['adjust', 'transfer', 'cash_value'], { error: 'must be adjust, transfer or cash_value' }),
  approver_id: AccountId.optional(),
});
const SampleQuery = z.object({
  quarter: Quarter.optional(),
  month: Month.optional(),
  rate: z.coerce.number().gt(0, 'must be above 0').max(1, 'must be at most 1').optional(),
  seed: z.coerce
    .number()
    .int('must be a whole number')
    .min(0)
    .max(2 ** 31)
    .optional(),
  by: Attribute.optional(),
  format: z.enum(['json', 'csv'], { error: 'must be json or csv' }).optional(),
  lang: LangParam.optional(),
});
/** CSV downloads take the page's language for their column titles. */
const WithLang = z.object({ lang: LangParam.optional() });

/** The audit page: `ledger-lens audit` for a period, a flag's details, the Benford chart, the random audit sample. */
export function auditRoutes(ctx: Context): Routes {
  const { read } = ctx;
  const audit = auditFlags(ctx);
  return {
    'GET /api/audit': async (_req, res, url) =>
      sendAnswer(res, '/api/audit', await audit(parseQuery(Period, url.searchParams))),
    'GET /api/audit/flags.csv': async (_req, res, url) => {
      const q = parseQuery(Period.and(WithLang), url.searchParams);
      const r = privacyOf(res)(await audit(q));
      res.setHeader('Content-Disposition', `attachment; filename="audit-flags-${r.period.from}-${r.period.to}.csv"`);
      sendText(res, 200, 'text/csv', flagsCsv(r.flags, q.lang));
    },
    'GET /api/audit/timeline': async (_req, res, url) => {
      const q = parseQuery(TimelineQuery, url.searchParams);
      sendAnswer(res, '/api/audit/timeline', {
        points: await read(async (db) => accountTimeline(db, q.account_id, q.from, q.to, await ctx.auditSettings(db))),
      });
    },
    'GET /api/audit/evidence': async (_req, res, url) => {
      const q = parseQuery(EvidenceQuery, url.searchParams);
      sendAnswer(res, '/api/audit/evidence', { rows: await read((db) => evidenceRows(db, q.event_ids)) });
    },
    'GET /api/audit/graph': async (_req, res, url) => {
      const q = parseQuery(GraphQuery, url.searchParams);
      sendAnswer(res, '/api/audit/graph', { edges: await read((db) => transferGraph(db, q.accounts, q.from, q.to)) });
    },
    'GET /api/audit/benford': async (_req, res, url) => {
      const q = parseQuery(BenfordQuery, url.searchParams);
      const period = await resolvePeriod(ctx, q);
      sendAnswer(
        res,
        '/api/audit/benford',
        await read(async (db) =>
          benfordDigits(
            db,
            { ...period, field: q.field, approver_id: q.approver_id ?? null },
            await ctx.auditSettings(db),
          ),
        ),
      );
    },
    'GET /api/audit/sample': async (_req, res, url) => {
      const q = parseQuery(SampleQuery, url.searchParams);
      const period = await resolvePeriod(ctx, q);
      const sample = privacyOf(res)(
        await read((db) => spotCheck(db, { ...period, rate: q.rate, seed: q.seed, by: q.by ?? null })),
      );
      if (q.format !== 'csv') return sendAnswer(res, '/api/audit/sample', sample);
      res.setHeader('Content-Disposition', `attachment; filename="audit-sample-${period.from}-seed${sample.seed}.csv"`);
      sendText(
        res,
        200,
        'text/csv',
        sampleCsv(sample.rows as unknown as Record<string, string | number | null>[], q.lang),
      );
    },
  };
}
