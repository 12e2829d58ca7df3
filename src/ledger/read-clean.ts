import type { Database } from '../db/database.ts';
import { type CleanRead, rollupIdsClean, readCleanRows } from '../db/ingest/one-shot.ts';
import { canonicalHeader } from './canonical-header.ts';

/**
 * The one-shot read of `report --ledger` (src/db/ingest/one-shot.ts) for a file with a canonical header; undefined
 * with nothing changed otherwise, so the caller imports it the full way. A module of its own, apart from the
 * importer (src/ledger/import.ts): `report --ledger` of a clean file loads only this before its read starts, and the
 * importer's modules (about 0.15 s of one core, before any other work could start) only when it needs them.
 */
export { rollupIdsClean };

export async function readCleanLedger(
  db: Database,
  file: string,
  opts: { checkLater?: boolean; idsLater?: boolean } = {},
): Promise<CleanRead | undefined> {
  const header = canonicalHeader(file);
  return header ? readCleanRows(db, file, header, opts) : undefined;
}
