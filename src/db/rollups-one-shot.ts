import { absentInDayRule, withoutAbsentSums } from './absent-sums.ts';
import type { Database } from './database.ts';
import { passesOfRows } from './one-shot-passes.ts';
import {
  DAY_OF_ROW,
  MONTH_OF_ROW,
  ONE_SHOT_DAY,
  ONE_SHOT_LEDGER,
  ONE_SHOT_MONTH,
  ONE_SHOT_ROWS,
} from './one-shot-rows.ts';
import { refreshAttributes } from './rollup-attributes.ts';
import { ofEveryQuarter, ofEveryRow, reduction } from './rollup-specs.ts';
import { sqlExec, sqlRows } from './sql.ts';

// The rollups of a one-shot report (`report --ledger`): views of the in-memory rows where a table would cost a pass.

/**
 * day × rule × type straight from the rows: the account × day reduction without its account key (it groups by
 * every other key it selects), so the sums are the same cell for cell as day_rule's over account_day.
 */
export function dayRuleOfRows(): string {
  const sql = ofEveryRow('account_day');
  const out = sql.replace(/^SELECT account_id,\s*/m, 'SELECT ');
  if (out === sql || !/GROUP BY ALL\s*$/.test(sql))
    throw new Error('reductions/account_day.sql no longer starts its keys with account_id');
  return out;
}

/**
 * A reduction (account_month, account_day, day × rule) of the one-shot rows, grouped by the month or day stored with
 * each row (`stored`) rather than computed again (`computed`): a report's period bound (`month >= …`, `day >= …`)
 * then reaches a stored column, which DuckDB tests against each row group's range and skips the groups outside (an
 * export is in time order), where the computed key had to be evaluated on every row for every period. `id` names
 * the reduction in the error when its text no longer matches.
 */
function ofStoredRows(id: string, sql: string, computed: string, stored: string): string {
  const out = sql.replace(`${computed} AS `, `${stored} AS `).replace(/^FROM ledger$/m, `FROM ${ONE_SHOT_LEDGER}`);
  if ((out.match(new RegExp(`${stored}|${ONE_SHOT_LEDGER}`, 'g')) ?? []).length !== 2)
    throw new Error(`reductions/${id}.sql no longer computes its key as the one-shot rows keep it (${computed})`);
  return out;
}

/**
 * The day × rule × type sums of the one-shot rows, grouped by the day kept with each row (a cast of every row's
 * timestamp less). A file without a cash column has a NULL constant as every row's cash value: its three cash sums
 * are 0 in every cell and are written so, where adding up that NULL cost about 80 CPU ms at 10M rows. The types no
 * row has are known only from these sums (absentInDayRule), so the type filters stay.
 */
export async function dayRuleOfOneShot(db: Database): Promise<string> {
  const sql = ofStoredRows('account_day', dayRuleOfRows(), DAY_OF_ROW, ONE_SHOT_DAY);
  const [{ cash }] = await sqlRows<{ cash: number }>(
    db,
    `SELECT count(*)::DOUBLE AS cash FROM pragma_table_info('${ONE_SHOT_ROWS}') WHERE name = 'cash_value'`,
  );
  return cash === 0 ? withoutAbsentSums(sql, { cash: true, types: new Set() }) : sql;
}

/**
 * The rollups a one-shot report reads, for an in-memory ledger that nothing else will read. The two whose grain is
 * almost the ledger's (account × day, account × month) are views of the rows rather than tables: a report reads
 * them for a few periods only, and DuckDB pushes a period's bounds through the view to the rows, so it adds up
 * those periods' rows instead of writing a second ledger. The small day × rule table is reduced from the rows
 * directly, and each account's latest row gives the attributes. No rollup_state: the audit's rollups are left out.
 */
export async function buildReportRollups(db: Database): Promise<void> {
  await db.transaction(async () => {
    await sqlExec(db, `INSERT INTO rollup_day_rule BY NAME ${await dayRuleOfOneShot(db)}\n`);
    // Every report pass over the views below adds up its period's rows: sums over a type or a cash value no row has
    // (day × rule's few rows say which) are written as 0 there instead of tested on every row (src/db/absent-sums.ts).
    const absent = await absentInDayRule(db);
    const views = [
      ['rollup_account_day', ofStoredRows('account_day', ofEveryRow('account_day'), DAY_OF_ROW, ONE_SHOT_DAY)],
      [
        'rollup_account_month',
        ofStoredRows('account_month', ofEveryRow('account_month'), MONTH_OF_ROW, ONE_SHOT_MONTH),
      ],
    ];
    for (const [table, sql] of views) {
      await sqlExec(db, `DROP TABLE ${table}`);
      // The reduction's text may end in a `--` comment: the newline closes it.
      await sqlExec(db, `CREATE VIEW ${table} AS ${withoutAbsentSums(sql, absent)}\n`);
    }
    await sqlExec(db, `INSERT INTO account_latest BY NAME ${ofEveryRow('account_latest')}\n`);
    // The tables derived for interactive reads (a quarter's accounts, first months, rule counts, value months) would
    // each cost a pass over every row: they are views of the rows here, and ll_kept_rollups() tells the metrics of
    // this connection to take the branches that add up a period's rows instead (queries/views/00_macros.sql).
    const derived = [
      ['rollup_account_quarter', reduction('account_quarter').replaceAll('ll_account_month', 'rollup_account_month')],
      ['rollup_account_first', reduction('account_first').replaceAll('ll_account_month', 'rollup_account_month')],
      ['rollup_account_rule_quarter', ofEveryQuarter('account_rule_quarter')],
      ['rollup_rule_accounts', ofEveryQuarter('rule_accounts')],
      ['rollup_value_month', reduction('value_month')],
      ['rollup_cohort_month', reduction('cohort_month')],
      ['rollup_value_day_rule', reduction('value_day_rule')],
      ['rollup_value_rule_quarter', reduction('value_rule_quarter')],
    ];
    for (const [table, sql] of derived) {
      await sqlExec(db, `DROP TABLE ${table}`);
      await sqlExec(db, `CREATE VIEW ${table} AS ${sql}\n`);
    }
    // On the report's second connection too (the period before runs there).
    await db.keepsLess('ll_kept_rollups', true);
    await passesOfRows(db, absent);
    await refreshAttributes(db);
  });
}
