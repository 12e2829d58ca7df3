import { formatTime } from './calendar.ts';
import { CsvWriter, csvField, formatCents } from './csv.ts';
import type { Case, Kind } from './intent.ts';
import { DEPARTMENTS } from './org.ts';
import type { Roster } from './roster.ts';

/** Canonical English column names (ledger-format.md), in this order. */
export const LEDGER_COLUMNS = [
  'event_id', 'occurred_at', 'account_id', 'points', 'event_type', 'rule_id', 'experiment_id', 'variant',
  'counterparty_id', 'approver_id', 'category', 'cash_value', 'reason', 'department', 'region',
] as const;

/** Event ids are numbered in file order, which is time order: sorting by event_id replays the ledger. */
const ID_DIGITS = 9;
const MAX_ROWS = 10 ** ID_DIGITS - 1;

export interface Row {
  date: string;
  t: number;
  a: number;
  cents: number;
  type: Kind | 'expire';
  rule?: string;
  experiment?: string;
  variant?: string | null;
  cp?: number;
  approver?: number;
  category?: string;
  cash?: string;
  reason?: string;
  label?: Case | null;
}

/** Formats ledger rows, numbers them, and files each injected row's id under its case. */
export class LedgerWriter {
  rows = 0;
  private readonly ids: string[];
  private readonly tail: string[];

  constructor(
    private readonly out: CsvWriter,
    roster: Roster,
  ) {
    this.ids = roster.accounts.map((a) => a.id);
    // department and region never change for an account: format them once.
    this.tail = roster.accounts.map((a) => `${csvField(DEPARTMENTS[a.dept].name)},${csvField(a.region)}\n`);
    out.write(`${LEDGER_COLUMNS.join(',')}\n`);
  }

  write(r: Row): string {
    if (this.rows >= MAX_ROWS) throw new Error(`the sample would exceed ${MAX_ROWS} rows; lower --accounts or --density`);
    this.rows++;
    const id = `E${String(this.rows).padStart(ID_DIGITS, '0')}`;
    const cp = r.cp !== undefined && r.cp >= 0 ? this.ids[r.cp] : '';
    const approver = r.approver !== undefined && r.approver >= 0 ? this.ids[r.approver] : '';
    this.out.write(
      `${id},${r.date} ${formatTime(r.t)},${this.ids[r.a]},${formatCents(r.cents)},${r.type},${r.rule ?? ''},` +
        `${r.experiment ?? ''},${r.variant ?? ''},${cp},${approver},${csvField(r.category ?? '')},${r.cash ?? ''},` +
        `${csvField(r.reason ?? '')},${this.tail[r.a]}`,
    );
    if (r.label) r.label.event_ids.push(id);
    return id;
  }
}
