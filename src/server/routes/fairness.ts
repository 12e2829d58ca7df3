import {
  fairnessAnswer,
  fairnessDistribution,
  fairnessGroups,
  fairnessInterval,
  fairnessPlan,
  fairnessSharesNothing,
  fairnessTogether,
  type FairnessOptions,
} from '../../report/fairness-view.ts';
import type { Context, Routes } from '../context.ts';
import { parseQuery, ReportQuery } from '../params.ts';
import { resolvePeriod } from '../period.ts';
import { sendAnswer } from '../respond.ts';

/** A page filter as part of a cache key. */
const scopeKey = (f?: { attribute: string; value: string }) => (f ? `${f.attribute}=${f.value}` : '');

/**
 * The Fairness page's numbers (src/report/fairness-view.ts): the report's inequality figures and group breakdown
 * of one period, without the rest of the report, so a view nobody asked before costs one pass over its accounts.
 */
export function fairnessRoutes(ctx: Context): Routes {
  return {
    'GET /api/fairness': async (_req, res, url) => {
      const q = parseQuery(ReportQuery, url.searchParams);
      const period = await resolvePeriod(ctx, q);
      const f = q.filter;
      const key = `fairness|${period.from}|${period.to}|${q.by ?? ''}|${scopeKey(f)}`;
      const view = await ctx.cached(key, () => viewOf(ctx.read, { period, by: q.by, filter: f }));
      sendAnswer(res, '/api/fairness', view);
    },
    // The Gini's bootstrap interval of the same view, asked for after the numbers (seconds at 10M rows).
    'GET /api/fairness/intervals': async (_req, res, url) => {
      const q = parseQuery(ReportQuery, url.searchParams);
      const period = await resolvePeriod(ctx, q);
      const key = `fairness-ci|${period.from}|${period.to}|${scopeKey(q.filter)}`;
      sendAnswer(
        res,
        '/api/fairness/intervals',
        await ctx.cached(key, () => ctx.read((db) => fairnessInterval(db, { period, filter: q.filter }))),
      );
    },
  };
}

/**
 * fairnessView() on pooled connections: when the distribution and the group breakdown share no work, each runs on a
 * connection of its own at once (each keeps one core busy over the period's 100,000 accounts); otherwise both run on
 * one connection over per-account sums made once. Each step takes its own connection and gives it back, so a request
 * never waits for a second one while holding one.
 */
async function viewOf(read: Context['read'], opts: FairnessOptions) {
  const plan = await read((db) => fairnessPlan(db, opts));
  if (!fairnessSharesNothing(plan)) return read((db) => fairnessTogether(db, plan));
  const [d, by] = await Promise.all([
    read((db) => fairnessDistribution(db, plan)),
    read((db) => fairnessGroups(db, plan)),
  ]);
  return fairnessAnswer(plan, d, by);
}
