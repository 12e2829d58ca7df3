import { z } from 'zod';
import { redemptionEconomics } from '../../economics/economics.ts';
import { readItemsFile, type CatalogueItem } from '../../economics/input-files.ts';
import { periodContaining, RANK_PERIODS, type RankPeriodKind } from '../../periods/ranking.ts';
import type { Period } from '../../periods/quarters.ts';
import {
  assertAttribute,
  rankConcentration,
  rankPlan,
  rankResult,
  rankRows,
  rankTogether,
  sharesNothing,
  type RankOptions,
} from '../../rank/rankings.ts';
import { dataRange } from '../../queries/data-range.ts';
import { scopeText } from '../access.ts';
import type { Context, Routes } from '../context.ts';
import { Attribute, DayParam, Filter, parseQuery, PeriodQueryParams } from '../params.ts';
import { resolvePeriod } from '../period.ts';
import { sendAnswer } from '../respond.ts';

export interface RankRouteOptions {
  /**
   * The mall's item catalogue (items.csv) for never-redeemed items and item names. The server takes no --items
   * flag: `serve --sample` passes the sample's catalogue, other databases run without one (never_redeemed is null).
   */
  itemsFile?: string;
}

/** The most rows a page may ask for: the leaderboard is a table, not an export of every account. */
const MAX_TOP = 500;

const RankQuery = z.object({
  period: z.enum(RANK_PERIODS, { error: `must be one of ${RANK_PERIODS.join(', ')}` }),
  at: DayParam.optional(),
  by: Attribute.optional(),
  top: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(MAX_TOP, `must be at most ${MAX_TOP}`)
    .optional(),
  filter: Filter.optional(),
});

/** Rankings and redemption economics: the same domain functions as `ledger-lens rank` and `ledger-lens economics`. */
export function rankRoutes(ctx: Context, opts: RankRouteOptions = {}): Routes {
  const { read, cached } = ctx;
  // Read once, on first use, inside the one-at-a-time runner (DuckDB reads the CSV); a bad file is the server's problem.
  let catalogue: Promise<CatalogueItem[] | undefined> | null = null;
  const items = () =>
    (catalogue ??= opts.itemsFile ? read((db) => readItemsFile(db, opts.itemsFile!)) : Promise.resolve(undefined));
  return {
    'GET /api/rank': async (_req, res, url) => {
      const q = parseQuery(RankQuery, url.searchParams);
      const key = `rank|${q.period}|${q.at ?? ''}|${q.by ?? ''}|${q.top ?? ''}|${scopeText(q.filter) ?? ''}`;
      const [result, periods] = await Promise.all([
        cached(key, () => ranked(ctx, { period: q.period, at: q.at, by: q.by, top: q.top, filter: q.filter })),
        cached(`rank-periods|${q.period}`, () => read((db) => periodsOf({ db }, q.period))),
      ]);
      sendAnswer(res, '/api/rank', { ...result, periods });
    },
    'GET /api/economics': async (_req, res, url) => {
      const period = await resolvePeriod(ctx, parseQuery(PeriodQueryParams, url.searchParams));
      const key = `economics|${period.from}|${period.to}`;
      const catalogueItems = await items();
      sendAnswer(
        res,
        '/api/economics',
        await cached(key, () => read((db) => redemptionEconomics(db, { ...period, items: catalogueItems }))),
      );
    },
  };
}

/**
 * rankings() on pooled connections: a plan that shares no work runs its two queries on two connections at once
 * (each query of a month's 100,000 accounts keeps one core busy), any other on one connection, as the CLI does.
 * Each step takes its own connection and gives it back, so a request never waits for a second one while holding one.
 */
async function ranked({ read, cached }: Context, opts: RankOptions) {
  // The ledger's range as every other route keeps it (src/server/period.ts), cleared by an import.
  const range = await cached('range', () => read((db) => dataRange(db)));
  const plan = await read((db) => rankPlan(db, opts, range));
  const { rows, concentration } = sharesNothing(plan)
    ? await Promise.all([read((db) => rankRows(db, plan)), read((db) => rankConcentration(db, plan))]).then(
        ([rows, concentration]) => ({ rows, concentration }),
      )
    : await read((db) => rankTogether(db, plan));
  return rankResult(plan, rows, concentration, (attribute) => read((db) => assertAttribute(db, attribute)));
}

/**
 * The periods of a kind from the first ledger row to the last, newest first (the page's `at` picker). For `all` one
 * entry: the whole span.
 */
async function periodsOf({ db }: Pick<Context, 'db'>, kind: RankPeriodKind): Promise<Period[]> {
  const range = await dataRange(db);
  if (!range.first_at || !range.last_at) return [];
  const first = range.first_at.slice(0, 10);
  const last = range.last_at.slice(0, 10);
  if (kind === 'all') return [{ from: first, to: nextDay(last) }];
  const out: Period[] = [];
  for (
    let p = periodContaining(kind, new Date(`${first}T00:00:00Z`));
    p.from <= last;
    p = periodContaining(kind, new Date(`${p.to}T00:00:00Z`))
  )
    out.push(p);
  return out.reverse();
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
