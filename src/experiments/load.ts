import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { ASSIGNMENTS, createAssignments, fillAssignments } from '../db/assignments.ts';
import { type RowOf, run } from '../db/run.ts';
import { keepWithinScope } from '../db/within-scope.ts';
import { Timestamp } from '../db/query-types.ts';
import { UserError } from '../errors.ts';
import type { AccountMetrics } from './compare.ts';

export type ExperimentRow = RowOf<'ab_experiments'>;

export async function listExperiments(db: Database): Promise<ExperimentRow[]> {
  return run(db, 'ab_experiments', {});
}

/**
 * Creates the assignment table, empty, or filled from a CSV with the columns account_id, experiment_id, variant
 * (sample-data/assignments.csv; UTF-8, header row, any column order). Blank cells are left out.
 * Returns the experiments the file names.
 */
export async function loadAssignments(db: Database, file?: string): Promise<string[]> {
  await createAssignments(db);
  if (!file) return [];
  try {
    await fillAssignments(db, file);
  } catch (e) {
    throw new UserError(
      'assignments_unreadable',
      `${file}: cannot read the assignment file (${(e as Error).message.split('\n')[0]})`,
      {
        hint: 'Give a CSV with a header row and the columns account_id, experiment_id, variant.',
      },
    );
  }
  // A manager's request reads the scope alone (src/db/within-scope.ts): so do the assignments.
  await keepWithinScope(db, ASSIGNMENTS);
  const rows = await run(db, 'experiment_ids', {});
  return rows.map((r) => r.experiment_id);
}

const AccountsParams = z.object({
  experiment: z.string(),
  from: Timestamp,
  to: Timestamp,
  pre_from: Timestamp,
  rule: z.string().nullable(),
});

export async function experimentAccounts(
  db: Database,
  params: z.input<typeof AccountsParams>,
): Promise<AccountMetrics[]> {
  return run(db, 'ab_accounts', AccountsParams, params);
}

const ChangedParams = z.object({ experiment: z.string(), from: Timestamp, to: Timestamp });

/** The rules the experiment pays differently by arm over [from, to) (queries/ab_changed_rules.sql). */
export async function changedRules(
  db: Database,
  params: z.input<typeof ChangedParams>,
): Promise<RowOf<'ab_changed_rules'>[]> {
  return run(db, 'ab_changed_rules', ChangedParams, params);
}

/** The experiments with the rules each one changed, over the days its rows span. */
export async function listExperimentsWithRules(db: Database): Promise<(ExperimentRow & { changed_rules: string[] })[]> {
  const out = [];
  for (const e of await listExperiments(db)) {
    const rules = await changedRules(db, {
      experiment: e.experiment_id,
      from: e.first_day,
      to: `${e.last_day} 23:59:59.999999`,
    });
    out.push({ ...e, changed_rules: rules.map((r) => r.rule_id) });
  }
  return out;
}
