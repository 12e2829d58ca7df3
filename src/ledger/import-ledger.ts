import type { Database } from '../db/database.ts';
import { storedConfig } from '../config.ts';
import { LEDGER_COLUMNS } from './columns.ts';
import { type ImportOptions, runImport, STAGE } from './pipeline.ts';
import { OLD_DERIVED_ID, stageLedgerSql } from './stage-ledger.ts';
import { UserError } from '../errors.ts';
import { FAST_FORMAT_CANDIDATES } from './parse-sql.ts';
import { sqlString } from './sql.ts';
import type { ImportSummary } from './summary.ts';
import { mergeRollups } from '../db/rollups.ts';
import { insertKeepsOrder, linesFromOrder } from '../db/insert-order.ts';
import {
  canonicalHeader,
  cleanLedgerInsert,
  distinctValuesClean,
  NOT_CLEAN,
  oneShotLedgerView,
  REPEATED_IDS,
  timestampProbe,
} from './one-shot.ts';

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
      const format = header && (await timestampFormat(db, file));
      if (!header || !format) return undefined;
      return async (id) => {
        const ordered = cleanLedgerInsert(file, header, format, { importId: id, lines: 'order' });
        if (await insertKeepsOrder(db, ordered)) {
          await db.exec(ordered);
          await linesFromOrder(db, id);
        } else await db.exec(cleanLedgerInsert(file, header, format, { importId: id, lines: 'numbered' }));
        // Repeating values were left to this check (one per distinct value): a padded one sends the file the full way.
        const [{ clean }] = await db.all<{ clean: boolean }>(distinctValuesClean(header, id));
        if (!clean) throw new Error('a value the import would trim');
        const [{ n }] = await db.all<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM ledger WHERE import_id = ${id}`);
        return n;
      };
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
  const [{ n }] = await db.all<{ n: number }>(
    `SELECT count(*)::DOUBLE AS n FROM (SELECT 1 FROM ledger l JOIN imports i USING (import_id)
     WHERE json_extract_string(i.mapping, '$.event_id') IS NULL AND regexp_full_match(l.event_id, ${sqlString(OLD_DERIVED_ID)}) LIMIT 1)`,
  );
  if (n > 0) {
    throw new UserError(
      'derived_ids_changed',
      `${file}: the file has no id column, and this database holds ids derived by an older version of Ledger Lens, which this version derives differently; importing would count the same rows twice. Nothing was imported`,
      {
        hint: 'Import every file again into a new database file (--db new.duckdb), or add an id column to the export.',
      },
    );
  }
}

/** The naive timestamp format that reads at least half of the first 1,000 values, tried first for every row. */
async function dominantFormat(db: Database, relation: string, col: string): Promise<string | undefined> {
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE ll_ts_sample AS SELECT NULLIF(trim(${col}), '') AS t FROM ${relation} LIMIT 1000`,
  );
  let best: { f?: string; n: number } = { n: 0 };
  for (const f of FAST_FORMAT_CANDIDATES) {
    const [{ n, total }] = await db.all<{ n: number; total: number }>(
      `SELECT count(try_strptime(t, ${sqlString(f)}))::DOUBLE AS n, count(t)::DOUBLE AS total FROM ll_ts_sample`,
    );
    if (n > best.n && n >= total / 2) best = { f, n };
  }
  await db.exec('DROP TABLE ll_ts_sample');
  return best.f;
}

/** Number spellings the import accepted on purpose (README: thousands separators, full-width digits), counted. */
async function numberFormatNotes(db: Database): Promise<string[]> {
  const [c] = await db.all<{ thousands: number; fullwidth: number }>(
    `SELECT count(*) FILTER (WHERE regexp_matches(points_spelling, '[０-９．－＋]'))::DOUBLE AS fullwidth,
            count(*) FILTER (WHERE contains(points_spelling, ','))::DOUBLE AS thousands
     FROM ${STAGE} WHERE points_spelling IS NOT NULL`,
  );
  const out: string[] = [];
  if (c.thousands)
    out.push(`points: ${c.thousands} values had thousands separators ("1,200") and were read as plain numbers (1200)`);
  if (c.fullwidth)
    out.push(`points: ${c.fullwidth} values used full-width digits ("１２０") and were read as ASCII digits (120)`);
  return out;
}

/** The first naive timestamp format (FAST_FORMAT_CANDIDATES, in order) that reads every sampled value of `file`. */
async function timestampFormat(db: Database, file: string): Promise<string | undefined> {
  for (const f of FAST_FORMAT_CANDIDATES) {
    const [{ ok }] = await db.all<{ ok: boolean }>(timestampProbe(file, f)).catch(() => [{ ok: false }]);
    if (ok) return f;
  }
  return undefined;
}

/**
 * The one-shot read of `report --ledger` (one-shot.ts): a clean canonical CSV typed in one pass into an in-memory
 * database whose ledger is still empty, the ledger becoming a view of those rows. Returns the rows read, or
 * undefined with nothing changed when the file is not clean (or the ledger has rows), so the caller imports it the
 * full way: the rows read here are exactly those the import accepts.
 */
export async function readCleanLedger(db: Database, file: string): Promise<{ rows: number } | undefined> {
  const header = canonicalHeader(file);
  if (!header) return undefined;
  const [{ empty }] = await db.all<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM ledger) AS empty');
  if (!empty) return undefined;
  const format = await timestampFormat(db, file);
  if (!format) return undefined;
  const insert = cleanLedgerInsert(file, header, format);
  const columns = await db.all<{ name: string; type: string }>(
    `SELECT column_name AS name, data_type AS type FROM duckdb_columns() WHERE table_name = 'ledger' AND NOT internal AND schema_name = 'main' ORDER BY column_index`,
  );
  try {
    return await db.transaction(async () => {
      // The empty ledger table gives way to a view of the file's rows (oneShotLedgerView); a rollback restores it.
      await db.exec('DROP TABLE ledger');
      await db.exec(insert);
      await db.exec(oneShotLedgerView(columns, header));
      const [{ n, ids }] = await db.all<{ n: number; ids: number }>(REPEATED_IDS);
      if (ids !== n || n === 0) throw new Error(NOT_CLEAN);
      const [{ clean }] = await db.all<{ clean: boolean }>(distinctValuesClean(header));
      if (!clean) throw new Error(NOT_CLEAN);
      return { rows: n };
    });
  } catch {
    // Not clean (or not readable this way): rolled back; the full import decides and explains.
    return undefined;
  }
}
