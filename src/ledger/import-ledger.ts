import type { Database } from '../db/database.ts';
import { storedConfig } from '../config.ts';
import { LEDGER_COLUMNS } from './columns.ts';
import { type ImportOptions, runImport } from './pipeline.ts';
import { OLD_DERIVED_ID, stageLedgerSql } from './stage-ledger.ts';
import { UserError } from '../errors.ts';
import type { ImportSummary } from './summary.ts';
import { mergeRollups } from '../db/rollups.ts';
import { canonicalHeader } from './canonical-header.ts';
import { dominantFormat, hasIdsDerivedLike, pointsSpellings } from '../db/ingest/ledger-checks.ts';
import { typedLedgerWriter } from '../db/ingest/one-shot.ts';

const LEDGER_INSERT = [
  'event_id',
  'occurred_at',
  'account_id',
  'points',
  'event_type',
  'rule_id',
  'experiment_id',
  'variant',
  'counterparty_id',
  'approver_id',
  'category',
  'cash_value',
  'reason',
  'department',
  'region',
  'extra',
];

/** Every stored column: a re-imported row that differs in any of them (approver, variant, …) is a conflict. */
const SAME_MOVEMENT = LEDGER_INSERT.filter((c) => c !== 'event_id');

/**
 * Imports one ledger export: every row read is accepted, quarantined with its reasons, or counted as a
 * duplicate of a row already imported; overlapping exports never count an event_id twice.
 */
export async function importLedger(db: Database, opts: ImportOptions): Promise<ImportSummary> {
  const config = opts.config ?? (await storedConfig(db));
  return runImport(db, opts, {
    kind: 'ledger',
    table: 'ledger',
    columns: LEDGER_COLUMNS,
    derivable: ['event_id'],
    key: 'event_id',
    insert: LEDGER_INSERT,
    same: SAME_MOVEMENT,
    onChanged: 'conflict',
    async stage(view, m, mapping, warnings, db) {
      const hasEventId = Boolean(m.columns.event_id);
      const hasEventType = Boolean(m.columns.event_type);
      if (!hasEventId) await refuseOldDerivedIds(db, opts.file);
      if (!hasEventId)
        warnings.push(
          "event_id: the file has no id column; ids were derived from each row's content and occurrence, so re-importing the same file adds nothing",
        );
      if (!hasEventType)
        warnings.push('event_type: the file has no type column; inferred from the sign (> 0 earn, < 0 redeem)');
      const valueMap = mapping?.kind === 'columns' ? (mapping.spec.values.event_type ?? {}) : {};
      const fastTimestamp = m.columns.occurred_at
        ? await dominantFormat(db, view.relation, view.col(m.columns.occurred_at))
        : undefined;
      return stageLedgerSql(view, m, {
        relation: view.relation,
        timezone: config.timezone,
        valueMap,
        hasEventType,
        hasEventId,
        fastTimestamp,
      });
    },
    notes: numberFormatNotes,
    async typedInsert(db, file) {
      const header = canonicalHeader(file);
      return header && typedLedgerWriter(db, file, header);
    },
    // The rollups land in the same transaction as the rows they summarise, so they are never stale.
    afterInsert: mergeRollups,
  });
}

/**
 * Ids derived by an older version hashed the raw text; this version derives them from parsed values, so the same
 * rows would get other ids and be counted twice. Refused rather than doubled.
 */
async function refuseOldDerivedIds(db: Database, file: string) {
  if (await hasIdsDerivedLike(db, OLD_DERIVED_ID)) {
    throw new UserError(
      'derived_ids_changed',
      `${file}: the file has no id column, and this database holds ids derived by an older version of Ledger Lens, which this version derives differently; importing would count the same rows twice. Nothing was imported`,
      {
        hint: 'Import every file again into a new database file (--db new.duckdb), or add an id column to the export.',
      },
    );
  }
}

/** Number spellings the import accepted on purpose (README: thousands separators, full-width digits), counted. */
async function numberFormatNotes(db: Database): Promise<string[]> {
  const c = await pointsSpellings(db);
  const out: string[] = [];
  if (c.thousands)
    out.push(`points: ${c.thousands} values had thousands separators ("1,200") and were read as plain numbers (1200)`);
  if (c.fullwidth)
    out.push(`points: ${c.fullwidth} values used full-width digits ("１２０") and were read as ASCII digits (120)`);
  return out;
}
