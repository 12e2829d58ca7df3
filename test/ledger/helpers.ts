import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { Database } from '../../src/db/database.ts';
import type { ImportSummary } from '../../src/ledger/import.ts';
import { expect } from 'vitest';
import { sqlRows } from '../../src/db/sql.ts';

const dirs: string[] = [];
const dbs: Database[] = [];

afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'll-test-'));
  dirs.push(d);
  return d;
}

/** Writes a file into a fresh temp folder; strings are UTF-8, buffers are written as given. */
export function writeTemp(name: string, content: string | Buffer, dir = tempDir()): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

export async function memoryDb(): Promise<Database> {
  const db = await Database.open(':memory:', { threads: 1, memoryLimit: '1GB' });
  dbs.push(db);
  return db;
}

export async function fileDb(path: string): Promise<Database> {
  const db = await Database.open(path, { threads: 1, memoryLimit: '1GB' });
  dbs.push(db);
  return db;
}

export function closeDb(db: Database) {
  dbs.splice(dbs.indexOf(db), 1);
  db.close();
}

export function expectReconciled(s: ImportSummary) {
  expect(s.rows_read).toBe(s.accepted + s.quarantined + s.duplicates);
}

export async function ledgerRows(db: Database) {
  return sqlRows<{
    event_id: string;
    occurred_at: string;
    account_id: string;
    points: number;
    event_type: string;
    line: number;
    department: string | null;
  }>(
    db,
    `SELECT event_id, strftime(occurred_at, '%Y-%m-%d %H:%M:%S') AS occurred_at, account_id, points::DOUBLE AS points, event_type, source_line::INTEGER AS line, department FROM ledger ORDER BY source_line`,
  );
}

export const HEADER = 'event_id,occurred_at,account_id,points,event_type,rule_id,department';
export const csv = (...lines: string[]) => `${[HEADER, ...lines].join('\n')}\n`;
