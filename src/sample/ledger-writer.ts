import { formatTime } from './calendar.ts';
import { csvField, type CsvWriter, Packed } from './csv-writer.ts';
import type { Case, Kind } from './intent.ts';
import { DEPARTMENTS } from './org.ts';
import type { Roster } from './roster.ts';

/** The header the generator writes: the canonical English column names (ledger-format.md), in this order. */
export const LEDGER_HEADER = [
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
] as const;

/** Event ids are numbered in file order, which is time order: sorting by event_id replays the ledger. */
const ID_DIGITS = 9;
const MAX_ROWS = 10 ** ID_DIGITS - 1;
const COMMA = 44;

/**
 * One ledger row about to be written. The applier fills a single instance and reuses it: ten million short-lived
 * objects of one shape were the generator's main cost in garbage collection.
 */
export class Row {
  date = '';
  t = 0;
  a = 0;
  cents = 0;
  type: Kind | 'expire' = 'earn';
  rule = '';
  experiment = '';
  variant = '';
  cp = -1;
  approver = -1;
  category = '';
  /** Money cost, already formatted with two decimals; '' when none. */
  cash = '';
  reason = '';
  label: Case | null = null;

  reset(date: string, t: number, a: number, cents: number, type: Row['type']): this {
    this.date = date;
    this.t = t;
    this.a = a;
    this.cents = cents;
    this.type = type;
    this.rule = this.experiment = this.variant = this.category = this.cash = this.reason = '';
    this.cp = this.approver = -1;
    this.label = null;
    return this;
  }
}

/** Writes ledger rows, numbers them, and files each injected row's id under its case. */
export class LedgerWriter {
  rows = 0;
  /** Per account, encoded once: its id, and the fixed end of each of its rows (",department,region\n"). */
  private readonly ids: Packed;
  private readonly tails: Packed;

  constructor(
    private readonly out: CsvWriter,
    roster: Roster,
  ) {
    this.ids = new Packed(roster.accounts.map((a) => a.id));
    this.tails = new Packed(
      roster.accounts.map((a) => `,${csvField(DEPARTMENTS[a.dept].name)},${csvField(a.region)}\n`),
    );
    out.ascii(LEDGER_HEADER.join(','));
    out.byte(10);
  }

  write(r: Row) {
    if (this.rows >= MAX_ROWS)
      throw new Error(`the sample would exceed ${MAX_ROWS} rows; lower --accounts or --density`);
    const o = this.out;
    this.rows++;
    o.byte(69); // 'E'
    o.int(this.rows, ID_DIGITS);
    o.byte(COMMA);
    o.ascii(r.date);
    o.byte(32);
    o.ascii(formatTime(r.t));
    o.byte(COMMA);
    o.packed(this.ids, r.a);
    o.byte(COMMA);
    o.cents(r.cents);
    o.byte(COMMA);
    o.ascii(r.type);
    o.byte(COMMA);
    o.ascii(r.rule);
    o.byte(COMMA);
    o.ascii(r.experiment);
    o.byte(COMMA);
    o.ascii(r.variant);
    o.byte(COMMA);
    if (r.cp >= 0) o.packed(this.ids, r.cp);
    o.byte(COMMA);
    if (r.approver >= 0) o.packed(this.ids, r.approver);
    o.byte(COMMA);
    o.text(r.category);
    o.byte(COMMA);
    o.ascii(r.cash);
    o.byte(COMMA);
    o.text(r.reason);
    o.packed(this.tails, r.a);
    if (r.label) r.label.event_ids.push(`E${String(this.rows).padStart(ID_DIGITS, '0')}`);
  }
}
