import type { Database } from '../db/database.ts';
import { UserError } from '../errors.ts';
import { parseRange, previousPeriod } from '../periods/quarters.ts';
import { requireRule } from '../simulate/rules.ts';
import { compareArms } from './compare.ts';
import { experimentAccounts, listExperiments, loadAssignments } from './load.ts';
import type { AbResult } from './schema.ts';

export interface AbOptions {
  experiment: string;
  from?: string;
  to?: string;
  /** CSV account_id,experiment_id,variant; when it lists the experiment, it decides the arms. */
  assignments?: string;
  /** Restrict the issued metric (and its pre-period covariate) to one rule. */
  rule?: string;
  split?: Record<string, number>;
  control?: string;
  winsorize?: boolean;
  seed?: number;
  resamples?: number;
}

/** `ledger-lens ab`: resolves the experiment, its arms and window, reads per-account metrics, compares the arms. */
export async function runAb(db: Database, opts: AbOptions): Promise<AbResult> {
  const assigned = await loadAssignments(db, opts.assignments);
  const tagged = await listExperiments(db);
  const known = [...new Set([...tagged.map((e) => e.experiment_id), ...assigned])].sort();
  if (!known.includes(opts.experiment)) {
    throw new UserError(
      'unknown_experiment',
      `no experiment "${opts.experiment}" in the ledger${opts.assignments ? ` or in ${opts.assignments}` : ''}`,
      {
        hint: known.length
          ? `Known experiments: ${known.join(', ')}.`
          : 'No ledger row carries an experiment_id; give the arms with --assignments F.',
        details: { known },
      },
    );
  }
  if (opts.rule) await requireRule(db, opts.rule);
  const span = tagged.find((e) => e.experiment_id === opts.experiment);
  const window = resolveWindow(opts, span?.first_day, span?.last_day);
  const pre = previousPeriod(window);
  const accounts = await experimentAccounts(db, {
    experiment: opts.experiment,
    from: window.from,
    to: window.to,
    pre_from: pre.from,
    rule: opts.rule ?? null,
  });
  return compareArms(accounts, {
    experiment: opts.experiment,
    window: { from: window.from, to: window.to },
    prePeriod: { from: pre.from, to: pre.to },
    armsSource: assigned.includes(opts.experiment) ? 'assignments' : 'ledger',
    rule: opts.rule ?? null,
    control: opts.control,
    split: opts.split,
    winsorize: opts.winsorize,
    seed: opts.seed,
    resamples: opts.resamples,
  });
}

/** --from/--to when given; else the days the experiment's ledger rows span: [first day, last day + 1). */
function resolveWindow(opts: AbOptions, firstDay: string | undefined, lastDay: string | undefined) {
  if (opts.from || opts.to) return parseRange(opts.from, opts.to);
  if (!firstDay || !lastDay) {
    throw new UserError(
      'ab_window_unknown',
      `experiment ${opts.experiment} has no ledger rows to take its window from`,
      {
        hint: 'Give the window with --from DATE --to DATE (--to exclusive).',
      },
    );
  }
  return parseRange(firstDay, nextDay(lastDay));
}

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + 1)).toISOString().slice(0, 10);
}
