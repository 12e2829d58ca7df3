// A class's ledger whose routine rule is repeated within minutes by design, with three planted cases, written as a
// canonical CSV for the near-duplicate tests of both dialects (test/audit/near-duplicate-chance.test.ts and
// test/clickhouse/near-duplicate-chance.test.ts).
//
// 40 pupils, 22 school days of March 2026. ANSWER (+1, no reason) is entered in five sittings of 15 minutes a day:
// a pupil answers in a sitting one time in four, and answers twice in it one time in three of those, so about a
// third of a pupil's same-day repeats of ANSWER fall within 10 minutes (redteam A's school). PRIZE (+50) is paid on
// about one pupil-day in eight, at most twice a day and then hours apart: never repeated within minutes.
// Planted: P07's PRIZE keyed twice 2 minutes apart (no reason), P08's PRIZE with its reason keyed twice 90 s apart,
// and P09's ANSWER entered three times in every sitting of 12 days (120 repeats where a pupil has about 6).
import { writeFileSync } from 'node:fs';

const SITTINGS = ['09:50', '10:50', '11:50', '14:20', '15:20'];
const HEADER =
  'event_id,occurred_at,account_id,points,event_type,rule_id,experiment_id,variant,counterparty_id,approver_id,category,cash_value,reason,department,region';

/** The accounts the planted cases name: each must be flagged, and no other. */
export const PLANTED = ['P07', 'P08', 'P09'];

/** A small deterministic generator (a 32-bit LCG): the ledger is the same on every run. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const at = (day: string, hhmm: string, seconds: number) => {
  const [h, m] = hhmm.split(':').map(Number);
  const t = h * 3600 + m * 60 + seconds;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day} ${pad(Math.floor(t / 3600))}:${pad(Math.floor(t / 60) % 60)}:${pad(t % 60)}`;
};

/** The school days (Mon–Fri) of March 2026. */
function schoolDays(): string[] {
  const out: string[] = [];
  for (let d = 1; d <= 31; d++) {
    const day = `2026-03-${String(d).padStart(2, '0')}`;
    const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(day);
  }
  return out;
}

/** Writes the ledger to `file`; returns its rows' count. */
export function writeRoutineRepeats(file: string): number {
  const rnd = lcg(7);
  const rows: string[] = [];
  const add = (when: string, account: string, points: number, rule: string, reason = '') =>
    rows.push(
      `N${String(rows.length + 1).padStart(6, '0')},${when},${account},${points},earn,${rule},,,,T1,,,${reason},5A,`,
    );
  const pupils = Array.from({ length: 40 }, (_, i) => `P${String(i + 1).padStart(2, '0')}`);
  schoolDays().forEach((day, di) => {
    for (const p of pupils) {
      for (const s of SITTINGS) {
        if (p === 'P09' && di < 12) {
          for (const sec of [60, 300, 600]) add(at(day, s, sec), p, 1, 'ANSWER');
          continue;
        }
        if (rnd() >= 0.25) continue;
        const first = Math.floor(rnd() * 900);
        add(at(day, s, first), p, 1, 'ANSWER');
        if (rnd() < 1 / 3) add(at(day, s, Math.min(899, first + 30 + Math.floor(rnd() * 600))), p, 1, 'ANSWER');
      }
      if (rnd() < 1 / 8) {
        add(at(day, '09:00', Math.floor(rnd() * 600)), p, 50, 'PRIZE');
        if (rnd() < 0.3) add(at(day, '15:45', Math.floor(rnd() * 600)), p, 50, 'PRIZE');
      }
    }
  });
  add(at('2026-03-17', '13:00', 0), 'P07', 50, 'PRIZE');
  add(at('2026-03-17', '13:02', 0), 'P07', 50, 'PRIZE');
  add(at('2026-03-18', '13:00', 0), 'P08', 50, 'PRIZE', 'term prize');
  add(at('2026-03-18', '13:01', 30), 'P08', 50, 'PRIZE', 'term prize');
  writeFileSync(file, `${HEADER}\n${rows.join('\n')}\n`);
  return rows.length;
}
