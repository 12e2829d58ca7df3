import { monthsBetween, quartersBetween } from '../dates.ts';
import { defaultQuarter } from '../periods/quarters.ts';
import { dataRange } from '../queries/data-range.ts';
import { auditOfPeriod } from './audit-flags.ts';
import type { Context } from './context.ts';
import { periodOf } from './params.ts';

/** The periods the pages offer first: the pickers list quarters and months newest first. */
const LATEST_QUARTERS = 4;
const LATEST_MONTHS = 3;

/** The default quarter, then the latest quarters and months, each once. */
export function offeredPeriods(firstAt: string, lastAt: string): { from: string; to: string }[] {
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
  ] as { from: string; to: string }[];
  return periods.filter((p, i) => periods.findIndex((o) => o.from === p.from && o.to === p.to) === i);
}

/**
 * The background task that stores the audits of the offered periods ahead of the first visit (after start and after
 * each import): one audit at a time, each on one connection, so requests keep the other connections. An audit
 * already stored for the current settings and data is only read. A newer start (an import) ends the older run
 * after its current audit.
 */
export function auditPrefill(ctx: Context, onError: (e: unknown) => void) {
  const audit = auditOfPeriod(ctx);
  let run: Promise<void> = Promise.resolve();
  let generation = 0;
  const fill = async (gen: number) => {
    if (gen !== generation) return;
    const range = await ctx.cached('range', () => ctx.read((db) => dataRange(db)));
    if (!range.first_at || !range.last_at) return;
    for (const period of offeredPeriods(range.first_at, range.last_at)) {
      if (gen !== generation) return;
      await audit(period, { background: true });
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
