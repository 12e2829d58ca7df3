import { monthsBetween, quartersBetween } from '../dates.ts';
import { defaultQuarter } from '../periods/quarters.ts';
import { dataRange } from '../queries/data-range.ts';
import { auditOfPeriod, auditStored } from './audit-flags.ts';
import type { Context } from './context.ts';
import { periodOf } from './params.ts';

type Period = { from: string; to: string };

/** The periods the pages offer first: the pickers list quarters and months newest first. */
const LATEST_QUARTERS = 4;
const LATEST_MONTHS = 3;

/** The default quarter, then the latest quarters and months, each once. */
export function offeredPeriods(firstAt: string, lastAt: string): Period[] {
  const d = defaultQuarter(firstAt, lastAt);
  const periods = [
    { from: d.from, to: d.to },
    ...quartersBetween(firstAt, lastAt)
      .reverse()
      .slice(0, LATEST_QUARTERS)
      .map((quarter) => periodOf({ quarter })),
    ...monthsBetween(firstAt, lastAt)
      .slice(0, LATEST_MONTHS)
      .map((month) => periodOf({ month })),
  ] as Period[];
  return distinct(periods);
}

/** Each period once, in its first place. */
const distinct = (periods: Period[]) =>
  periods.filter((p, i) => periods.findIndex((o) => o.from === p.from && o.to === p.to) === i);

/**
 * Every period the Audit page's pickers list: the offered ones first (the first visit most likely asks for them), then
 * the other months and quarters, newest first. A period nobody asked for is then read, not audited on request
 * (seconds of CPU at 10 M rows), once the task has gone through it.
 */
export function everyPeriod(firstAt: string, lastAt: string): Period[] {
  const periods = [
    ...offeredPeriods(firstAt, lastAt),
    ...monthsBetween(firstAt, lastAt).map((month) => periodOf({ month })),
    ...quartersBetween(firstAt, lastAt)
      .reverse()
      .map((quarter) => periodOf({ quarter })),
  ] as Period[];
  return distinct(periods);
}

/**
 * The background task that stores the audits of every period the pages list ahead of the first visit (after start
 * and after each import), the offered ones first (a remote source: the offered ones only): one audit at a time, each on one connection, so requests keep the
 * other connections. An audit already stored for the current settings and data is left as it is. A newer start (an
 * import) ends the older run after its current audit.
 */
export function auditPrefill(ctx: Context, onError: (e: unknown) => void) {
  const audit = auditOfPeriod(ctx);
  const stored = auditStored(ctx);
  let run: Promise<void> = Promise.resolve();
  let generation = 0;
  const fill = async (gen: number) => {
    if (gen !== generation) return;
    const range = await ctx.cached('range', () => ctx.read((db) => dataRange(db)));
    if (!range.first_at || !range.last_at) return;
    // A remote source's audits are never stored (audit-flags.ts): beyond the offered periods they would only be
    // computed into the memory cache, at the cluster's cost.
    const periods = ctx.db.remote ? offeredPeriods : everyPeriod;
    for (const period of periods(range.first_at, range.last_at)) {
      if (gen !== generation) return;
      // A stored audit is left in the database, to be read when a page asks (reading and checking every stored
      // audit at each start would compete with the first visitors). One period failing (e.g. past the query budget
      // on a loaded machine) leaves it to be audited on request; the others are still stored.
      await stored(period)
        .then((done) => (done ? undefined : audit(period, { background: true })))
        .catch(onError);
    }
  };
  return {
    start() {
      const gen = ++generation;
      run = run.then(() => fill(gen)).catch(onError);
    },
    /** Resolves when the runs started so far have ended (the benchmark and tests wait for it). */
    done: () => run,
  };
}
