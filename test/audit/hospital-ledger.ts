// A 24/7 hospital (red team A's night-shift-approvers): four wards, each with a day head nurse signing at 10:00 and
// 15:00 and a night head nurse at 01:00 and 04:00, every day of the quarter; Ward-0's day head nurse also signs 12
// rows at 02:00, one a week. The roster names each head nurse's role. Shared by test/audit/off-hours-roles.test.ts
// and test/clickhouse/off-hours-roles.test.ts.
import { writeFileSync } from 'node:fs';
import { defaultConfig } from '../../src/config.ts';
import { day, type Row } from './fixture.ts';

export const HOSPITAL_QUARTER = { from: '2026-04-01', to: '2026-07-01' };
const WARDS = ['Ward-0', 'Ward-1', 'Ward-2', 'Ward-3'];
/** Working hours 07:00–23:00 every day: the only work_hours a hospital open around the clock can give. */
export const HOSPITAL_CONFIG = {
  ...defaultConfig(),
  work_hours: { start: '07:00', end: '23:00', days: [1, 2, 3, 4, 5, 6, 7] },
};

/** One row a day by `approver` of `ward` at `hh`:mm, `n` days from the quarter's first, every `every` days. */
const shift = (approver: string, ward: string, hh: string, n = 91, every = 1): Row[] =>
  Array.from({ length: n }, (_, i) => ({
    at: `${day(HOSPITAL_QUARTER.from, i * every)} ${hh}:${String((i * 13) % 60).padStart(2, '0')}:00`,
    account: `${ward}-N${i % 12}`,
    points: 2,
    rule: 'H01',
    approver,
    department: ward,
  }));

export const hospitalRows = (): Row[] => [
  ...WARDS.flatMap((w) => [
    ...shift(`${w}-DAY`, w, '10'),
    ...shift(`${w}-DAY`, w, '15'),
    ...shift(`${w}-NIGHT`, w, '01'),
    ...shift(`${w}-NIGHT`, w, '04'),
  ]),
  ...shift('Ward-0-DAY', 'Ward-0', '02', 12, 7),
];

/** account_id, department, role of each head nurse. */
export const HOSPITAL_ROSTER: [string, string, string][] = WARDS.flatMap((w) => [
  [`${w}-DAY`, w, 'head_nurse_day'],
  [`${w}-NIGHT`, w, 'head_nurse_night'],
]);

export function writeHospitalRoster(file: string): void {
  writeFileSync(file, `account_id,department,role\n${HOSPITAL_ROSTER.map((r) => r.join(',')).join('\n')}\n`);
}
