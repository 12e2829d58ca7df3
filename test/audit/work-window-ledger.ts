// A small ledger whose approvals sit a minute either side of working windows that are not on the hour, wrap past
// midnight or start where they end, for the checks that read `work_hours` (src/db/work-window.ts). February 2026
// holds one probe approval per approver (its class written out by hand for each window); March, April and May hold
// one window's flag case each, so the months' backgrounds do not mix (inside one window is outside another); June
// holds account spike's burst, whose significance depends on the length of the working day.
import { writeFileSync } from 'node:fs';
import { day } from './fixture.ts';

export type Cls = 'work' | 'night' | 'rest';
export interface Window {
  start: string;
  end: string;
  days: number[];
}

/** 08:30–17:45 Mon–Fri: off the hour. */
export const OFF_HOUR: Window = { start: '08:30', end: '17:45', days: [1, 2, 3, 4, 5] };
/** 22:15–06:45 Mon–Sat: a night shift off the hour; Saturday's shift ends on Sunday morning, Sunday's is a rest day. */
export const NIGHT: Window = { start: '22:15', end: '06:45', days: [1, 2, 3, 4, 5, 6] };
/** 08:00–08:00 Mon–Fri: start = end, the whole day as a 24-hour shift from 08:00 (README's `work_hours`). */
export const WHOLE_DAY: Window = { start: '08:00', end: '08:00', days: [1, 2, 3, 4, 5] };

/**
 * February 2026 starts on a Sunday: 02-04 is a Wednesday, 02-07 a Saturday, 02-08 a Sunday, 02-09 a Monday. Each
 * probe is one approval by its own approver, with its class under OFF_HOUR, NIGHT and WHOLE_DAY.
 */
export const PROBES: [approver: string, at: string, offHour: Cls, night: Cls, wholeDay: Cls][] = [
  ['P01', '2026-02-04 08:29:59', 'night', 'night', 'work'],
  ['P02', '2026-02-04 08:30:00', 'work', 'night', 'work'],
  ['P03', '2026-02-04 17:44:59', 'work', 'night', 'work'],
  ['P04', '2026-02-04 17:45:00', 'night', 'night', 'work'],
  ['P05', '2026-02-07 12:00:00', 'rest', 'night', 'rest'],
  ['P06', '2026-02-07 08:29:00', 'night', 'night', 'rest'],
  ['P07', '2026-02-04 22:14:59', 'night', 'night', 'work'],
  ['P08', '2026-02-04 22:15:00', 'night', 'work', 'work'],
  ['P09', '2026-02-05 06:44:59', 'night', 'work', 'work'],
  ['P10', '2026-02-05 06:45:00', 'night', 'night', 'work'],
  // Saturday's night shift ends on Sunday morning (a working shift under Mon–Sat); Sunday's starts a rest day.
  ['P11', '2026-02-08 06:44:00', 'night', 'work', 'rest'],
  ['P12', '2026-02-08 22:15:00', 'night', 'rest', 'rest'],
  ['P13', '2026-02-09 06:44:00', 'night', 'rest', 'rest'],
  ['P14', '2026-02-08 22:14:00', 'night', 'night', 'rest'],
  ['P15', '2026-02-07 22:15:00', 'night', 'work', 'rest'],
  ['P16', '2026-02-08 00:00:00', 'night', 'work', 'rest'],
  ['P17', '2026-02-09 00:00:00', 'night', 'rest', 'rest'],
  // The whole day from 08:00: Saturday before 08:00 is Friday's shift, Monday before 08:00 is Sunday's.
  ['P18', '2026-02-07 07:59:59', 'night', 'night', 'work'],
  ['P19', '2026-02-07 08:00:00', 'night', 'night', 'rest'],
  ['P20', '2026-02-09 07:59:00', 'night', 'night', 'rest'],
  ['P21', '2026-02-09 08:00:00', 'night', 'night', 'work'],
  ['P22', '2026-02-04 03:00:00', 'night', 'work', 'work'],
  ['P23', '2026-02-08 12:00:00', 'rest', 'night', 'rest'],
  ['P24', '2026-02-06 17:44:00', 'work', 'night', 'work'],
];

const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();
const daysOf = (from: string, n: number) => Array.from({ length: n }, (_, i) => day(from, i));

/**
 * The flag months. Four background approvers (S1–S4, department Ops) sign just inside each month's window; one or
 * two more sign just outside it.
 * March, OFF_HOUR: S sign at 08:30 and 17:44 each weekday; E at 08:29 and L at 17:45 on ten weekdays (night).
 * April, NIGHT: S sign at 22:15 and 06:44 the next morning of each Mon–Sat shift, Saturday's included; R signs
 * Sunday's shift at 22:15 and 06:44 (rest day); N signs at 06:45 on eight mornings (night).
 * May, WHOLE_DAY: S sign at 12:00 each weekday; W signs each Saturday at 07:59 (Friday's shift) and R each Monday at
 * 07:59 (Sunday's) and each Saturday at 08:00.
 */
function flagRows(): [approver: string, at: string][] {
  const out: [string, string][] = [];
  const S = ['S1', 'S2', 'S3', 'S4'];
  const march = daysOf('2026-03-01', 31).filter((d) => weekday(d) % 6 !== 0);
  for (const d of march) for (const s of S) out.push([s, `${d} 08:30:00`], [s, `${d} 17:44:59`]);
  for (const d of march.slice(0, 10)) out.push(['E', `${d} 08:29:59`], ['L', `${d} 17:45:00`]);
  const april = daysOf('2026-04-01', 29);
  for (const d of april.filter((x) => weekday(x) !== 0))
    for (const s of S) out.push([s, `${d} 22:15:00`], [s, `${day(d, 1)} 06:44:59`]);
  for (const d of april.filter((x) => weekday(x) === 0))
    out.push(['R', `${d} 22:15:00`], ['R', `${day(d, 1)} 06:44:00`]);
  for (const d of april.slice(1, 9)) out.push(['N', `${d} 06:45:00`]);
  const may = daysOf('2026-05-01', 31);
  for (const d of may.filter((x) => weekday(x) % 6 !== 0)) for (const s of S) out.push([s, `${d} 12:00:00`]);
  for (const d of may.filter((x) => weekday(x) === 6)) out.push(['W', `${d} 07:59:00`], ['R', `${d} 08:00:00`]);
  for (const d of may.filter((x) => weekday(x) === 1)) out.push(['R', `${d} 07:59:00`]);
  return out;
}

/** The day of account spike's burst: FARMER's seven TASK awards within six minutes. */
export const BURST_DAY = '2026-06-17';

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;

/** The count at quantile `u` of a Poisson count of mean `mean` (the Field accounts' daily TASK awards). */
function poissonQuantile(u: number, mean: number): number {
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  while (cdf < u) {
    k += 1;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

/**
 * Account spike's working-day length, 2026-05-04 – 2026-06-30, no approvers: FARMER and two Office peers are paid
 * TASK (10 points) once a day at 10:00, forty Field accounts a Poisson count of mean 4 a day (quantiles of a fixed
 * stride), evenly over the whole day (no window makes them clustered). On BURST_DAY FARMER has seven TASK awards from 11:00 to 11:06 instead: far
 * above its own and its peers' constant 10 points, a count Field reaches on one day in nine, so only their clustering
 * within the working day makes it a burst (src/audit/checks/account-spike.ts, significantBurst).
 */
function spikeRows(): [account: string, at: string, department: string][] {
  const out: [string, string, string][] = [];
  for (const [i, d] of daysOf('2026-05-04', 58).entries()) {
    for (const account of ['O1', 'O2', 'FARMER'])
      if (account === 'FARMER' && d === BURST_DAY)
        for (let k = 0; k < 7; k++) out.push([account, `${d} ${hhmm(660 + k)}`, 'Office']);
      else out.push([account, `${d} 10:00:00`, 'Office']);
    for (let a = 0; a < 40; a++) {
      const n = poissonQuantile((((i * 40 + a) * 0.618034) % 1) * 0.98 + 0.0005, 4);
      for (let k = 0; k < n; k++) out.push([`F${a}`, `${d} ${hhmm(Math.floor(((k + 0.5) * 1440) / n))}`, 'Field']);
    }
  }
  return out;
}

/** Writes the ledger as CSV; returns the event id of each probe's approval by approver. */
export function writeWorkWindowLedger(file: string): Map<string, string> {
  const lines = ['event_id,occurred_at,account_id,points,event_type,rule_id,approver_id,department'];
  const ids = new Map<string, string>();
  const rows = [...PROBES.map(([a, at]) => [a, at] as [string, string]), ...flagRows()];
  rows.forEach(([approver, at], i) => {
    const id = `W${String(i + 1).padStart(5, '0')}`;
    if (approver.startsWith('P')) ids.set(approver, id);
    lines.push(`${id},${at},U${i % 40},10,earn,R1,${approver},Ops`);
  });
  for (const [i, [account, at, department]] of spikeRows().entries())
    lines.push(`T${String(i + 1).padStart(6, '0')},${at},${account},10,earn,TASK,,${department}`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return ids;
}
