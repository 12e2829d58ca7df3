import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Database } from '../../src/db/database.ts';
import { importLedger } from '../../src/ledger/import.ts';
import type { FuzzCase } from './corpus.ts';

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

async function tableCounts(db: Database) {
  const [c] = await db.all<{ imports: number; ledger: number; rejects: number }>(
    `SELECT (SELECT count(*) FROM imports)::DOUBLE AS imports, (SELECT count(*) FROM ledger)::DOUBLE AS ledger, (SELECT count(*) FROM rejects)::DOUBLE AS rejects`,
  );
  return c;
}

/**
 * Imports one input into a fresh file database and checks the importer's promises: it either succeeds with a
 * reconciled, well-formed summary, or refuses with a UserError naming the file and leaves the database empty.
 */
export async function checkCase(input: FuzzCase): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'll-fuzz-'));
  const file = join(dir, `ledger.${input.ext}`);
  const dbPath = join(dir, 'fuzz.duckdb');
  writeFileSync(file, input.bytes);
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
        const c = await tableCounts(again);
        if (c.imports + c.ledger + c.rejects !== 0) throw new FuzzFailure('unchanged-on-failure', `after ${outcome.code}: ${JSON.stringify(c)}`, input);
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
  let s;
  try {
    s = await importLedger(db, { file });
  } catch (e) {
    const err = e as { name?: string; exitCode?: number; message?: string; code?: string };
    if (err?.name !== 'UserError' || err.exitCode !== 2) {
      throw new FuzzFailure('user-error', `threw ${err?.name ?? typeof e} (exitCode ${err?.exitCode}): ${String(err?.message ?? e).slice(0, 300)}`, input);
    }
    if (!err.message || !err.message.includes(basename(file))) throw new FuzzFailure('user-error', `message does not name the file: ${err.message}`, input);
    // The importer's own reconciliation guard firing on a plain file (no SQL mapping) is a bug it caught, not bad input.
    if (err.code === 'reconciliation_failed') throw new FuzzFailure('reconciliation', err.message, input);
    return { kind: 'refused', code: err.code ?? '?' };
  }
  if (s.rows_read !== s.accepted + s.quarantined + s.duplicates) {
    throw new FuzzFailure('reconciliation', `${s.rows_read} read ≠ ${s.accepted} + ${s.quarantined} + ${s.duplicates}`, input);
  }
  // Rows can only come from lines that exist: physical line count is the newline count + 1.
  const lines = input.bytes.filter((b) => b === 0x0a).length + 1;
  for (const q of s.quarantine) {
    if (!(q.line >= 1 && q.line <= lines) || q.reasons.length < 1 || q.reasons.some((r) => !r)) {
      throw new FuzzFailure('quarantine', `entry ${JSON.stringify({ line: q.line, reasons: q.reasons })} (file has ${lines} lines)`, input);
    }
  }
  // The summary shows at most 20 entries; the stored rejects must hold the same promises and the same totals.
  const [r] = await db.all<{ n: number; bad: number; ledger: number }>(
    `SELECT count(*)::DOUBLE AS n, count(*) FILTER (WHERE line < 1 OR line > ${lines} OR len(reasons) < 1 OR list_contains(reasons, ''))::DOUBLE AS bad,
            (SELECT count(*) FROM ledger)::DOUBLE AS ledger FROM rejects`,
  );
  if (r.n !== s.quarantined || r.bad !== 0 || r.ledger !== s.accepted) {
    throw new FuzzFailure('quarantine', `stored rejects ${r.n} (${r.bad} malformed), ledger ${r.ledger}; summary says ${s.quarantined} quarantined, ${s.accepted} accepted`, input);
  }
  return { kind: 'imported', rows: s.rows_read };
}
