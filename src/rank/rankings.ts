import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { run } from '../db/run.ts';
import { UserError } from '../errors.ts';
import { attributes } from '../queries/attributes.ts';
import { dataRange } from '../queries/data-range.ts';
import { one, ScopeParams, scopeParams, Timestamp } from '../db/query-types.ts';
import { checkScope, type Scope } from '../db/scope.ts';
import { withPeriodReads, withSharedPasses } from '../db/shared-passes.ts';
import { periodBefore, resolveRankPeriod, type RankPeriodKind } from '../periods/ranking.ts';
import type { Period } from '../periods/quarters.ts';
import { RankResult, type RankRow } from './schema.ts';

export interface RankOptions {
  period: RankPeriodKind;
  /** A day inside the period to rank (YYYY-MM-DD); default: the latest complete period (see periods.ts). */
  at?: string;
  /** Rank within each value of this attribute (department, region, role, …). */
  by?: string;
  /** List accounts ranked this or better in their group (default 10). */
  top?: number;
  /** Rank only these accounts (`--filter`, a manager's scope): ranks 1..n and shares of their own issued. */
  filter?: Scope;
}

export const DEFAULT_TOP = 10;

const PrevParams = z
  .object({
    from: Timestamp,
    to: Timestamp,
    prev_from: Timestamp.nullable(),
    prev_to: Timestamp.nullable(),
  })
  .merge(ScopeParams);
const RowParams = PrevParams.extend({ attribute: z.string().nullable(), top: z.number().int().positive() });

/** A ranking request, checked: its period, the period before (none for `all`) and the queries' bound values. */
export interface RankPlan {
  opts: RankOptions;
  top: number;
  period: Period;
  previous: Period | null;
  params: z.infer<typeof PrevParams>;
}

/**
 * Top earners of a week / month / quarter / year / all time, overall or within an attribute's groups, with rank
 * movement against the previous period and how concentrated the top is (rank_period.sql, rank_concentration.sql).
 */
export async function rankings(db: Database, opts: RankOptions): Promise<RankResult> {
  const plan = await rankPlan(db, opts);
  const { rows, concentration } = await rankTogether(db, plan);
  return rankResult(plan, rows, concentration, (attribute) => assertAttribute(db, attribute));
}

/**
 * Checks a ranking request against the ledger (rows to rank, a day the ledger covers, a known filter value). `known`
 * is the ledger's range when the caller holds it already (the server keeps it until an import): reading it again is a
 * pass over the ledger before either query may start.
 */
export async function rankPlan(
  db: Database,
  opts: RankOptions,
  known?: Awaited<ReturnType<typeof dataRange>>,
): Promise<RankPlan> {
  const top = opts.top ?? DEFAULT_TOP;
  if (!Number.isSafeInteger(top) || top < 1)
    throw new UserError('bad_usage', `--top ${top} is not a positive whole number`, { hint: 'e.g. --top 10' });
  const range = known ?? (await dataRange(db));
  if (range.rows === 0 || !range.first_at || !range.last_at) {
    throw new UserError(
      'empty_ledger',
      `${db.path === ':memory:' ? 'the ledger file' : db.path}: there are no ledger rows to rank`,
      {
        hint: 'Import a ledger first (ledger-lens import <file> --db <path>).',
      },
    );
  }
  const period = resolveRankPeriod(opts.period, opts.at, range.first_at.slice(0, 10), range.last_at.slice(0, 10));
  if (period.to <= period.from) {
    throw new UserError('bad_date', `--at ${opts.at} is before the first ledger row (${range.first_at.slice(0, 10)})`, {
      hint: 'Give a day the ledger covers.',
    });
  }
  const previous: Period | null = opts.period === 'all' ? null : periodBefore(opts.period, period);
  await checkScope(db, opts.filter);
  const params = {
    ...period,
    prev_from: previous?.from ?? null,
    prev_to: previous?.to ?? null,
    ...scopeParams(opts.filter),
  };
  return { opts, top, period, previous, params };
}

/**
 * True when the two queries share no work: unfiltered, a month or a quarter (and the one before) is its rollup's rows
 * as they are (views/37), so they may run on two connections at once, each query on one core, instead of one after
 * the other. Otherwise they read per-account sums made once for both (rankTogether).
 */
export const sharesNothing = (plan: RankPlan) =>
  !plan.opts.filter && (plan.opts.period === 'month' || plan.opts.period === 'quarter');

/** The periods whose per-account sums a ranking reads: the period and the one before (none for `all`). */
const rankReads = (plan: RankPlan) => (plan.previous ? [plan.period, plan.previous] : [plan.period]);

/** The ranked rows (rank_period.sql); alone on a connection, with the ranking's periods read as plain reads. */
export const rankRows = (db: Database, plan: RankPlan) =>
  withPeriodReads(db, rankReads(plan), () =>
    run(db, 'rank_period', RowParams, { ...plan.params, attribute: plan.opts.by ?? null, top: plan.top }),
  );

/** How concentrated the top is (rank_concentration.sql); alone on a connection, as rankRows. */
export const rankConcentration = (db: Database, plan: RankPlan) =>
  withPeriodReads(db, rankReads(plan), async () =>
    one('rank_concentration', await run(db, 'rank_concentration', PrevParams, plan.params)),
  );

/**
 * Both queries on one connection. Both read each period's per-account sums (participant_issued, unfiltered: the
 * scope narrows after): made once per period for the request instead of once per query.
 */
export async function rankTogether(db: Database, plan: RankPlan) {
  const periods = rankReads(plan);
  return withSharedPasses(db, { periods, reads: periods }, async () => ({
    rows: await rankRows(db, plan),
    concentration: await rankConcentration(db, plan),
  }));
}

/** The answer of a plan from its two queries' rows; `assertKnown` checks an attribute nobody ranked has. */
export async function rankResult(
  plan: RankPlan,
  rows: Awaited<ReturnType<typeof rankRows>>,
  concentration: Awaited<ReturnType<typeof rankConcentration>>,
  assertKnown: (attribute: string) => Promise<void>,
): Promise<RankResult> {
  const { opts, period, previous, top } = plan;
  // Only when no ranked account has a value can the attribute be unknown: check then (a full scan), not every time.
  if (opts.by && rows.every((r) => r.group_value === null)) await assertKnown(opts.by);

  return RankResult.parse({
    period,
    period_kind: opts.period,
    previous_period: previous,
    by: opts.by ?? null,
    top,
    tie_rule: 'competition',
    rows: rows.map(
      ({ group_value, ...r }): RankRow => ({
        ...r,
        group: group_value,
        movement: r.previous_rank === null ? null : r.previous_rank - r.rank,
      }),
    ),
    concentration,
  });
}

export async function assertAttribute(db: Database, attribute: string): Promise<void> {
  const known = (await attributes(db)).map((a) => a.attribute);
  if (known.includes(attribute)) return;
  throw new UserError('unknown_attribute', `--by "${attribute}": no account has this attribute`, {
    hint: known.length
      ? `Attributes in this database: ${known.join(', ')}.`
      : 'This database has no account attributes: import a roster (--accounts) or a ledger with columns such as department.',
    details: { attribute, attributes: known },
  });
}
