import { Database } from '../../src/db/database.ts';
import { runAudit, type AuditOptions } from '../../src/audit/run.ts';
import { defaultAuditSettings } from '../../src/audit/settings.ts';
import { defaultConfig } from '../../src/config.ts';
import { sqlExec } from '../../src/db/sql.ts';

export interface Row {
  id?: string;
  at: string;
  account: string;
  points: number;
  type?: 'earn' | 'deduct' | 'redeem' | 'expire' | 'adjust' | 'transfer';
  rule?: string | null;
  approver?: string | null;
  counterparty?: string | null;
  reason?: string | null;
  cash?: number | null;
  department?: string | null;
}

let seq = 0;

/** A fresh in-memory database (real schema and views). */
export const openDb = () => Database.open(':memory:', { threads: 1, memoryLimit: '1GB' });

/** Inserts rows as an import stores them, every audit-relevant column settable; ids e1, e2, … unless given. */
export async function insertRows(db: Database, rows: Row[]): Promise<string[]> {
  const ids: string[] = [];
  for (const r of rows) {
    seq += 1;
    const id = r.id ?? `e${seq}`;
    ids.push(id);
    await sqlExec(
      db,
      `INSERT INTO ledger (event_id, occurred_at, account_id, points, event_type, rule_id, counterparty_id, approver_id, cash_value, reason, department, import_id, source_line)
       VALUES ($id, $at::TIMESTAMP, $account, $points::DECIMAL(18,2), $type, $rule, $cp, $approver, $cash::DECIMAL(18,2), $reason, $dept, 1, $line)`,
      {
        id,
        at: r.at,
        account: r.account,
        points: r.points.toFixed(2),
        type: r.type ?? (r.points >= 0 ? 'earn' : 'redeem'),
        rule: r.rule ?? null,
        cp: r.counterparty ?? null,
        approver: r.approver ?? null,
        cash: r.cash == null ? null : r.cash.toFixed(2),
        reason: r.reason ?? null,
        dept: r.department ?? null,
        line: seq,
      },
    );
  }
  return ids;
}

export async function insertRule(db: Database, rule: string, points: number, dailyCap: number | null): Promise<void> {
  await sqlExec(
    db,
    `INSERT INTO rules (rule_id, name, tier, points, daily_cap, import_id, source_line) VALUES ($r, $r, 'base', $p, $c, 3, 1)`,
    { r: rule, p: points, c: dailyCap },
  );
}

/** One transfer as its two rows: the giver's (−) and the receiver's (+), same time, naming each other. */
export const transfer = (at: string, giver: string, receiver: string, points: number): Row[] => [
  { at, account: giver, points: -points, type: 'transfer', counterparty: receiver },
  { at, account: receiver, points, type: 'transfer', counterparty: giver },
];

/** YYYY-MM-DD of day `i` after `start`. */
export function day(start: string, i: number): string {
  return new Date(Date.parse(`${start}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
}

/** runAudit of some checks with the default settings (and overrides), the default config unless given. */
export function audit(db: Database, opts: Partial<AuditOptions> & { from: string; to: string }) {
  return runAudit(db, { settings: defaultAuditSettings(), config: defaultConfig(), ...opts });
}
