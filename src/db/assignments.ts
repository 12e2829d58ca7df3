import type { Database } from './database.ts';
import { sqlExec } from './sql.ts';

/** The TEMP table queries/ab_accounts.sql and queries/experiment_ids.sql read arms from. */
export const ASSIGNMENTS = 'ab_assignments';

/** Creates the assignment table, empty (TEMP, so a read-only database takes it too). */
export async function createAssignments(db: Database): Promise<void> {
  await sqlExec(
    db,
    `CREATE OR REPLACE TEMP TABLE ${ASSIGNMENTS} (account_id VARCHAR, experiment_id VARCHAR, variant VARCHAR)`,
  );
}

/**
 * Fills the assignment table from a CSV with the columns account_id, experiment_id, variant (UTF-8, header row, any
 * column order); rows with a blank cell are left out. A file DuckDB cannot read fails with DuckDB's own error,
 * which the caller words for the user.
 */
export async function fillAssignments(db: Database, file: string): Promise<void> {
  await sqlExec(
    db,
    `INSERT INTO ${ASSIGNMENTS}
     SELECT trim(account_id), trim(experiment_id), trim(variant)
     FROM read_csv($file, header = true, all_varchar = true)
     WHERE nullif(trim(account_id), '') IS NOT NULL AND nullif(trim(experiment_id), '') IS NOT NULL AND nullif(trim(variant), '') IS NOT NULL`,
    { file },
  );
}
