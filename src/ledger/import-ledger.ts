import type { Database } from '../db/database.ts';
import { type ProgramConfig, ProgramConfig as ConfigSchema } from '../config.ts';
import { LEDGER_COLUMNS } from './columns.ts';
import { type ImportOptions, markWithinFileDuplicates, runImport, STAGED } from './pipeline.ts';
import { stageLedgerSql } from './stage-ledger.ts';
import type { ImportSummary } from './summary.ts';

export async function storedConfig(db: Database): Promise<ProgramConfig> {
  const rows = await db.all<{ config: string }>(`SELECT config::VARCHAR AS config FROM program WHERE id = 1`);
  return ConfigSchema.parse(rows[0] ? JSON.parse(rows[0].config) : {});
}

/** Columns whose equality makes a re-imported row the same movement of points. */
const SAME_MOVEMENT = ['occurred_at', 'account_id', 'points', 'event_type', 'rule_id', 'counterparty_id', 'cash_value'];

/**
 * Imports one ledger export: every row read is accepted, quarantined with its reasons, or counted as a
 * duplicate of a row already imported; overlapping exports never count an event_id twice.
 */
export async function importLedger(db: Database, opts: ImportOptions): Promise<ImportSummary> {
  const config = opts.config ?? (await storedConfig(db));
  return runImport(db, opts, {
    kind: 'ledger',
    columns: LEDGER_COLUMNS,
    derivable: ['event_id'],
    stage(view, m, mapping, warnings) {
      const hasEventId = Boolean(m.columns.event_id);
      const hasEventType = Boolean(m.columns.event_type);
      if (!hasEventId) warnings.push("event_id: the file has no id column; ids were derived from each row's content and occurrence, so re-importing the same file adds nothing");
      if (!hasEventType) warnings.push('event_type: the file has no type column; inferred from the sign (> 0 earn, < 0 redeem)');
      const valueMap = mapping?.kind === 'columns' ? (mapping.spec.values.event_type ?? {}) : {};
      return stageLedgerSql(view, m, { relation: view.relation, timezone: config.timezone, valueMap, hasEventType, hasEventId });
    },
    async mark(db) {
      await markWithinFileDuplicates(db, 'event_id', 'event_id');
      await markAlreadyImported(db);
    },
    async commit(db, id) {
      await db.exec(`INSERT INTO ledger SELECT event_id, occurred_at, account_id, points, event_type, rule_id, experiment_id, variant, counterparty_id, approver_id, category, cash_value, reason, attrs, ${id}, line FROM ${STAGED} WHERE len(reasons) = 0 AND NOT is_dup`);
    },
    rawFallback: `json_object('event_id', event_id, 'occurred_at', occurred_at::VARCHAR, 'account_id', account_id, 'points', points::VARCHAR, 'event_type', event_type)`,
    notes: numberFormatNotes,
  });
}

/** A row already in the ledger with equal values is a duplicate; with other values it is a conflict to look at. */
async function markAlreadyImported(db: Database) {
  const [{ n }] = await db.all<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM (SELECT 1 FROM ledger LIMIT 1)`);
  if (n > 0) {
    const same = SAME_MOVEMENT.map((c) => `s.${c} IS NOT DISTINCT FROM l.${c}`).join(' AND ');
    await db.exec(`CREATE OR REPLACE TEMP TABLE ll_seen AS
      SELECT s.line, ${same} AS same, l.import_id, l.source_line FROM ${STAGED} s JOIN ledger l ON s.event_id = l.event_id WHERE len(s.reasons) = 0`);
    await db.exec(`UPDATE ${STAGED} SET is_dup = true FROM ll_seen WHERE ${STAGED}.line = ll_seen.line AND ll_seen.same`);
    await db.exec(`UPDATE ${STAGED} SET reasons = list_append(reasons, 'event_id: "' || event_id || '" was imported before (import ' || ll_seen.import_id::VARCHAR || ', line ' || ll_seen.source_line::VARCHAR || ') with different values')
      FROM ll_seen WHERE ${STAGED}.line = ll_seen.line AND NOT ll_seen.same`);
  }
}

/** Number spellings the import accepted on purpose (README: thousands separators, full-width digits), counted. */
async function numberFormatNotes(db: Database): Promise<string[]> {
  const [c] = await db.all<{ thousands: number; fullwidth: number }>(
    `SELECT count(*) FILTER (WHERE used_thousands)::DOUBLE AS thousands, count(*) FILTER (WHERE used_fullwidth)::DOUBLE AS fullwidth FROM ${STAGED}`,
  );
  const out: string[] = [];
  if (c.thousands) out.push(`points: ${c.thousands} values had thousands separators ("1,200") and were read as plain numbers (1200)`);
  if (c.fullwidth) out.push(`points: ${c.fullwidth} values used full-width digits ("１２０") and were read as ASCII digits (120)`);
  return out;
}
