import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { Database } from '../../src/db/database.ts';
import { importAccounts, importLedger, importRules } from '../../src/ledger/import.ts';
import type { AuditResult, Flag } from '../../src/audit/schema.ts';

/** A database in a fresh temp dir with a generated sample directory imported (ledger, roster, rules, config). */
export async function importSampleDir(dir: string): Promise<{ db: Database; closeDb(): void; cleanup(): void }> {
  const tmp = mkdtempSync(join(tmpdir(), 'll-audit-'));
  const db = await Database.open(join(tmp, 'audit.duckdb'), { threads: 2, memoryLimit: '1GB' });
  const config = loadConfig(join(dir, 'program.json'));
  await importLedger(db, { file: join(dir, 'ledger.csv'), config });
  await importAccounts(db, { file: join(dir, 'accounts.csv') });
  await importRules(db, { file: join(dir, 'rules.csv') });
  let open = true;
  const closeDb = () => {
    if (open) db.close();
    open = false;
  };
  /** cleanup closes the database (unless closeDb already did) and removes the temp dir. */
  return {
    db,
    closeDb,
    cleanup: () => {
      closeDb();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

export interface LabelCase {
  check: string;
  subject: string;
  accounts: string[];
  from: string;
  to: string;
  event_ids: string[];
}

/**
 * The brief's matching rule: a label is found when a flag of the same check shares an account (for program_spike:
 * the day) and its window overlaps the label's; a flag is a true positive when it matches some label.
 */
export function matches(flag: Flag, label: LabelCase): boolean {
  if (flag.check !== label.check) return false;
  const overlap = flag.from < label.to && label.from < flag.to;
  if (!overlap) return false;
  if (label.check === 'program_spike') return true;
  const mine = new Set([...flag.accounts, ...(flag.account_id ? [flag.account_id] : [])]);
  return label.accounts.some((a) => mine.has(a));
}

export interface Quality {
  check: string;
  labels: number;
  found: number;
  flags: number;
  true_flags: number;
  recall: number | null;
  precision: number | null;
}

export function quality(result: AuditResult, labels: LabelCase[]): Quality[] {
  const checks = [...new Set([...labels.map((l) => l.check), ...result.checks.map((c) => c.check)])];
  return checks.map((check) => {
    const ls = labels.filter((l) => l.check === check);
    const fs = result.flags.filter((f) => f.check === check);
    const found = ls.filter((l) => fs.some((f) => matches(f, l))).length;
    const trueFlags = fs.filter((f) => ls.some((l) => matches(f, l))).length;
    return {
      check,
      labels: ls.length,
      found,
      flags: fs.length,
      true_flags: trueFlags,
      recall: ls.length ? found / ls.length : null,
      precision: fs.length ? trueFlags / fs.length : null,
    };
  });
}
