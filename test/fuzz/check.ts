import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Database } from '../../src/db/database.ts';
import { importLedger } from '../../src/ledger/import.ts';
import { HEADER, type FuzzCase } from './corpus.ts';
import { independentRecordCount } from './independent-count.ts';
import { sqlExec, sqlRows } from '../../src/db/sql.ts';

/** A broken property: what the fuzzer exists to find. Carries the input so the report can quote it. */
export class FuzzFailure extends Error {
  constructor(
    readonly property: 'user-error' | 'reconciliation' | 'quarantine' | 'unchanged-on-failure',
    detail: string,
    readonly input: FuzzCase,
  ) {
    super(`${property}: ${detail} [case: ${input.label}]`);
    this.name = 'FuzzFailure';
  }
}

export type Outcome = { kind: 'imported'; rows: number } | { kind: 'refused'; code: string };

const open = (path: string) => Database.open(path, { threads: 1, memoryLimit: '512MB' });

/** Row count and an order-free checksum of every stored table: "unchanged" means the same rows, not just as many. */
async function dbState(db: Database) {
  const out: Record<string, { rows: number; checksum: string | null }> = {};
  for (const t of ['imports', 'ledger', 'rejects', 'accounts', 'rules', 'program']) {
    [out[t]] = await sqlRows<{ rows: number; checksum: string | null }>(
      db,
      `SELECT count(*)::INTEGER AS rows, sum(hash(t::VARCHAR))::VARCHAR AS checksum FROM ${t} t`,
    );
  }
  return out;
}

const BASE_ROWS = [
  'B1,2024-06-01 09:00:00,A1,10.00,earn,R1,Ops',
  'B2,2024-06-02 09:00:00,A2,-4.00,redeem,R1,Ops',
  'B3,2024-06-03 09:00:00,A3,oops,earn,R1,Ops',
];
let baseline: Promise<{ path: string; state: Awaited<ReturnType<typeof dbState>> }> | undefined;

/**
 * A database that already holds an earlier import (2 rows accepted, 1 quarantined), made once per process and
 * copied per case: a failed import must leave it exactly so, which an empty database could not show.
 */
function baselineDb() {
  baseline ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'll-fuzz-base-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'earlier.csv');
    writeFileSync(file, `${HEADER.join(',')}\n${BASE_ROWS.join('\n')}\n`);
    const path = join(dir, 'base.duckdb');
    const db = await open(path);
    try {
      await importLedger(db, { file });
      await sqlExec(db, 'CHECKPOINT');
      return { path, state: await dbState(db) };
    } finally {
      db.close();
    }
  })();
  return baseline;
}

/**
 * Imports one input into a copy of the baseline database and checks the importer's promises: it either succeeds
 * with a reconciled, well-formed summary, or refuses with a UserError naming the file and leaves the database
 * exactly as it was.
 */
export async function checkCase(input: FuzzCase): Promise<Outcome> {
  const base = await baselineDb();
  const dir = mkdtempSync(join(tmpdir(), 'll-fuzz-'));
  const file = join(dir, `ledger.${input.ext}`);
  const dbPath = join(dir, 'fuzz.duckdb');
  writeFileSync(file, input.bytes);
  copyFileSync(base.path, dbPath);
  try {
    const db = await open(dbPath);
    let outcome: Outcome;
    try {
      outcome = await importOnce(db, file, input);
    } finally {
      db.close();
    }
    if (outcome.kind === 'refused') {
      // Reopened, so what is checked is what reached the file, not a transaction the connection still holds.
      const again = await open(dbPath);
      try {
        const now = await dbState(again);
        if (!isDeepStrictEqual(now, base.state))
          throw new FuzzFailure(
            'unchanged-on-failure',
            `after ${outcome.code}: ${JSON.stringify(now)} ≠ ${JSON.stringify(base.state)}`,
            input,
          );
      } finally {
        again.close();
      }
    }
    return outcome;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function importOnce(db: Database, file: string, input: FuzzCase): Promise<Outcome> {
  let s: Awaited<ReturnType<typeof importLedger>>;
  try {
    s = await importLedger(db, { file });
  } catch (e) {
    const err = e as { name?: string; exitCode?: number; message?: string; code?: string };
    if (err?.name !== 'UserError' || err.exitCode !== 2) {
      throw new FuzzFailure(
        'user-error',
        `threw ${err?.name ?? typeof e} (exitCode ${err?.exitCode}): ${String(err?.message ?? e).slice(0, 300)}`,
        input,
      );
    }
    if (!err.message?.includes(basename(file)))
      throw new FuzzFailure('user-error', `message does not name the file: ${err.message}`, input);
    // The importer's own reconciliation guard firing on a plain file (no SQL mapping) is a bug it caught, not bad input.
    if (err.code === 'reconciliation_failed') throw new FuzzFailure('reconciliation', err.message, input);
    return { kind: 'refused', code: err.code ?? '?' };
  }
  if (s.rows_read !== s.accepted + s.quarantined + s.duplicates) {
    throw new FuzzFailure(
      'reconciliation',
      `${s.rows_read} read ≠ ${s.accepted} + ${s.quarantined} + ${s.duplicates}`,
      input,
    );
  }
  // The count itself, not only the balance: a comma CSV read as such must hold as many records as a separate reader finds.
  if (input.ext === 'csv' && s.format === 'csv' && !s.warnings.some((w) => w.startsWith('header:'))) {
    const independent = independentRecordCount(input.bytes, ',');
    if (independent !== s.rows_read)
      throw new FuzzFailure(
        'reconciliation',
        `rows_read ${s.rows_read} ≠ ${independent} records counted independently`,
        input,
      );
  }
  // Rows can only come from lines that exist: physical line count is the newline count + 1.
  const lines = input.bytes.filter((b) => b === 0x0a).length + 1;
  for (const q of s.quarantine) {
    if (!(q.line >= 1 && q.line <= lines) || q.reasons.length < 1 || q.reasons.some((r) => !r)) {
      throw new FuzzFailure(
        'quarantine',
        `entry ${JSON.stringify({ line: q.line, reasons: q.reasons })} (file has ${lines} lines)`,
        input,
      );
    }
  }
  // The summary shows at most 20 entries; the stored rejects must hold the same promises and the same totals.
  // This import's rows only: the baseline's earlier import is in the same tables.
  const [r] = await sqlRows<{ n: number; bad: number; ledger: number }>(
    db,
    `SELECT count(*)::DOUBLE AS n, count(*) FILTER (WHERE line < 1 OR line > ${lines} OR len(reasons) < 1 OR list_contains(reasons, ''))::DOUBLE AS bad,
            (SELECT count(*) FROM ledger WHERE import_id = $id)::DOUBLE AS ledger FROM rejects WHERE import_id = $id`,
    { id: s.import_id },
  );
  if (r.n !== s.quarantined || r.bad !== 0 || r.ledger !== s.accepted) {
    throw new FuzzFailure(
      'quarantine',
      `stored rejects ${r.n} (${r.bad} malformed), ledger ${r.ledger}; summary says ${s.quarantined} quarantined, ${s.accepted} accepted`,
      input,
    );
  }
  return { kind: 'imported', rows: s.rows_read };
}
