// Two offenders in one program (the red teams' offender-masks-offender): eight managers signing by day and keying
// odd hand amounts; M1 a steady offender, M2 a heavy one. Shared by the DuckDB test (test/audit/one-offender-hides-
// another.test.ts) and the ClickHouse one (test/clickhouse/two-offenders.test.ts).
import { writeFileSync } from 'node:fs';
import { day, type Row } from './fixture.ts';

export const QUARTER = { from: '2026-04-01', to: '2026-07-01' };
const MANAGERS = ['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8'];

/** `n` rows by `approver`, one every `every` days from the quarter's first day, at `hh`:mm (mm varying). */
function signed(approver: string, n: number, every: number, hh: string, points: (i: number) => number): Row[] {
  return Array.from({ length: n }, (_, i) => ({
    at: `${day(QUARTER.from, (i * every) % 91)} ${hh}:${String((i * 7) % 60).padStart(2, '0')}:00`,
    account: `U${(i * 5 + approver.length) % 41}`,
    points: points(i),
    type: 'adjust' as const,
    approver,
    reason: 'fix',
  }));
}

const odd = (i: number) => 23 + ((i * 17) % 60) + 0.5;

/** About 130 rows a manager by day (10:00 and 14:00); M1 also signs 8 at 02:00 over the quarter. */
export const nightAlone = (): Row[] => [
  ...MANAGERS.flatMap((m) => [...signed(m, 65, 1, '10', odd), ...signed(m, 65, 1, '14', odd)]),
  ...signed('M1', 8, 11, '02', odd),
];
/** M2's 40 rows at 01:00–05:00, the heavy night signer beside M1. */
export const nightHeavy = (): Row[] => ['01', '02', '03', '04'].flatMap((hh) => signed('M2', 10, 9, hh, odd));

/** About 28 odd hand amounts a manager; M1 also keys 7 multiples of 1,000. */
export const roundAlone = (): Row[] => [
  ...MANAGERS.flatMap((m) => signed(m, 28, 3, '11', odd)),
  ...signed('M1', 7, 13, '16', (i) => 1000 * (1 + (i % 3))),
];
/** M2's 24 round credits, the heavy round keyer beside M1. */
export const roundHeavy = (): Row[] => signed('M2', 24, 3, '17', (i) => 1000 * (1 + (i % 4)));

/** The rows as a ledger CSV the importer reads. */
export function writeLedgerCsv(file: string, rows: Row[]): void {
  const lines = rows.map((r, i) =>
    [`x${i + 1}`, r.at, r.account, r.points, r.type ?? 'earn', r.rule, r.approver, r.reason, r.department]
      .map((v) => v ?? '')
      .join(','),
  );
  const header = 'event_id,occurred_at,account_id,points,event_type,rule_id,approver_id,reason,department';
  writeFileSync(file, `${header}\n${lines.join('\n')}\n`);
}

/**
 * The quarter's weekdays and an adder of hand adjustments signed by an approver at a day and time (the reviews' ledgers:
 * an offender left out of the pool raising it for another; two supervisors of one role).
 */
export function weekdaySigner(): {
  days: string[];
  rows: Row[];
  add: (approver: string, day: string, hh: number, mm: number, department?: string) => void;
} {
  const days: string[] = [];
  for (let t = Date.parse(QUARTER.from); t < Date.parse(QUARTER.to); t += 86_400_000) {
    const d = new Date(t);
    if (d.getUTCDay() >= 1 && d.getUTCDay() <= 5) days.push(d.toISOString().slice(0, 10));
  }
  const rows: Row[] = [];
  const add = (approver: string, day: string, hh: number, mm: number, department?: string) =>
    rows.push({
      at: `${day} ${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00`,
      account: `U${rows.length % 41}`,
      points: 25,
      type: 'adjust',
      approver,
      department,
    });
  return { days, rows, add };
}
