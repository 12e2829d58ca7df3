// Working windows off the hour (08:30–17:45), wrapping past midnight off the hour (22:15–06:45, with Saturday's
// shift ending on Sunday) and starting where they end (08:00–08:00: the whole day, a shift from 08:00), through the
// off-hours check's real queries and flags on a DuckDB file (from rows and, on whole hours, from its rollups) and on a
// three-shard ClickHouse cluster: every approval a minute either side of a boundary in its class (work-window-ledger.ts).
// Account spike reads the working day's length from the same setting: a 1,440-minute day for start = end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/db/database.ts';
import { type ClickhouseOpened, openClickhouse } from '../../src/db/clickhouse/open.ts';
import { importLedger } from '../../src/ledger/import.ts';
import { run } from '../../src/db/run.ts';
import { runAudit } from '../../src/audit/run.ts';
import { defaultAuditSettings } from '../../src/audit/settings.ts';
import { keptRollupsInUse } from '../../src/db/audit-rollup.ts';
import { defaultConfig } from '../../src/config.ts';
import { createLedgerTables, startCluster, type Cluster } from './cluster.ts';
import { ledgerUrl } from './generated.ts';
import { loadLedger } from './load-sample.ts';
import {
  BURST_DAY,
  type Cls,
  NIGHT,
  OFF_HOUR,
  PROBES,
  WHOLE_DAY,
  type Window,
  writeWorkWindowLedger,
} from '../audit/work-window-ledger.ts';

const dir = mkdtempSync(join(tmpdir(), 'll-work-window-'));
let ids: Map<string, string>;
let duck: Database;
let cluster: Cluster | undefined;
let click: ClickhouseOpened | undefined;

beforeAll(async () => {
  const file = join(dir, 'ledger.csv');
  ids = writeWorkWindowLedger(file);
  duck = await Database.open(join(dir, 'work-window.duckdb'));
  await importLedger(duck, { file });
  cluster = await startCluster(3);
  await createLedgerTables(cluster);
  await loadLedger(cluster, file);
  click = await openClickhouse(ledgerUrl(cluster), { rows: 'on-demand' });
}, 300_000);

afterAll(async () => {
  duck?.close();
  click?.db.close();
  click?.cleanup();
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The three readers: DuckDB from its rows, DuckDB from its kept rollups (whole hours only), ClickHouse. */
const ENGINES = [
  { name: 'DuckDB rows', raw: true, db: () => duck },
  { name: 'DuckDB rollups', raw: false, db: () => duck },
  { name: 'ClickHouse', raw: true, db: () => click!.db },
];
const WINDOWS: [name: string, w: Window, column: 2 | 3 | 4][] = [
  ['08:30–17:45', OFF_HOUR, 2],
  ['22:15–06:45', NIGHT, 3],
  ['08:00–08:00', WHOLE_DAY, 4],
];
const FEBRUARY = { from: '2026-02-01', to: '2026-03-01' };
/** As the check decides (src/audit/checks/off-hours.ts): the hourly rollup only for whole hours. */
const keptFor = (raw: boolean, w: Window) => !raw && w.start.endsWith(':00') && w.end.endsWith(':00');
const hours = (w: Window) => ({ start: w.start, end: w.end, days: w.days.join(',') });
const classOf = (column: 2 | 3 | 4) => new Map(PROBES.map((p) => [p[0], p[column] as Cls]));

describe('work_hours off the hour, across midnight and start = end: each approval in its class', () => {
  it('the DuckDB file keeps its hourly rollup current (the rollup branch is read)', async () => {
    expect(await keptRollupsInUse(duck, false)).toBe(true);
  });

  for (const [label, w, column] of WINDOWS)
    for (const e of ENGINES)
      it(`${label}: night and rest-day counts, night hours and evidence rows (${e.name})`, async () => {
        const db = e.db();
        const kept = keptFor(e.raw, w);
        const cls = classOf(column);
        const counts = (await run(db, 'audit_off_hours', { ...FEBRUARY, ...hours(w), kept }))
          .filter((r) => r.month === '')
          .map((r) => [r.approver_id, r.approved, r.night, r.rest_day]);
        expect(counts).toEqual(
          [...cls].map(([a, c]) => [a, 1, c === 'night' ? 1 : 0, c === 'rest' ? 1 : 0]).sort(byFirst),
        );
        const nightHours = (await run(db, 'audit_night_hours', { ...FEBRUARY, start: w.start, end: w.end, kept }))
          .filter((r) => r.month === '')
          .map((r) => [r.approver_id, r.hours.flatMap((n, h) => (n > 0 ? [`${h}:${n}`] : []))]);
        expect(nightHours).toEqual(
          PROBES.filter((p) => p[column] === 'night')
            .map((p) => [p[0], [`${Number(p[1].slice(11, 13))}:1`]])
            .sort(byFirst),
        );
        for (const [approver, c] of cls)
          for (const asked of ['night', 'rest_day'] as const) {
            const rows = await run(db, 'audit_off_hours_rows', {
              ...FEBRUARY,
              ...hours(w),
              approver_id: approver,
              class: asked,
            });
            const wanted = c === (asked === 'night' ? 'night' : 'rest') ? [ids.get(approver)] : [];
            expect(
              rows.map((r) => r.event_id),
              `${approver} ${asked}`,
            ).toEqual(wanted);
          }
      });
});

/** The month of each window's flag case and the flags expected there: approver, reason, count, night hour. */
const FLAGS: [name: string, w: Window, from: string, to: string, flags: unknown[][]][] = [
  [
    '08:30–17:45: 08:29:59 and 17:45:00 are night, 08:30:00 and 17:44:59 working time',
    OFF_HOUR,
    '2026-03-01',
    '2026-04-01',
    [
      ['E', 'off_hours_night_hour', 10, 10, '08:00'],
      ['L', 'off_hours_night_hour', 10, 10, '17:00'],
    ],
  ],
  [
    "22:15–06:45 Mon–Sat: Sunday's shift is a rest day, Saturday's (ending on Sunday) is not; 06:45 is night",
    NIGHT,
    '2026-04-01',
    '2026-05-01',
    [
      ['N', 'off_hours_night_hour', 8, 8, '06:00'],
      ['R', 'off_hours_rest_day', 8, 8, null],
    ],
  ],
  [
    "08:00–08:00: the whole day; Saturday before 08:00 is Friday's shift, Monday before 08:00 Sunday's",
    WHOLE_DAY,
    '2026-05-01',
    '2026-06-01',
    [['R', 'off_hours_rest_day', 9, 9, null]],
  ],
];

describe('off_hours_approval flags a minute outside the window and nobody a minute inside', () => {
  for (const [label, w, from, to, expected] of FLAGS)
    for (const e of ENGINES)
      it(`${label} (${e.name})`, async () => {
        const result = await runAudit(e.db(), {
          from,
          to,
          raw: e.raw,
          checks: ['off_hours_approval'],
          config: { ...defaultConfig(), work_hours: w },
          settings: defaultAuditSettings(),
        });
        const got = result.flags.map((f) => [
          f.account_id,
          f.reason_key,
          f.value,
          f.event_count,
          f.reason_vars.hour ?? null,
        ]);
        expect(got.sort(byFirst)).toEqual(expected);
      });
});

/** Working days of 1,440 (start = end), 555 and 510 minutes make seven awards in six minutes a burst; 15 do not. */
const SPIKE: [w: Window, flagged: boolean][] = [
  [WHOLE_DAY, true],
  [OFF_HOUR, true],
  [NIGHT, true],
  [{ start: '08:30', end: '08:45', days: [1, 2, 3, 4, 5] }, false],
];

describe("account_spike reads the working day's length from work_hours", () => {
  for (const [w, flagged] of SPIKE)
    for (const e of ENGINES)
      it(`${w.start}–${w.end}: ${flagged ? 'a burst' : 'no flag'} (${e.name})`, async () => {
        const result = await runAudit(e.db(), {
          from: '2026-06-01',
          to: '2026-07-01',
          raw: e.raw,
          checks: ['account_spike'],
          config: { ...defaultConfig(), work_hours: w },
          settings: defaultAuditSettings(),
        });
        const got = result.flags
          .filter((f) => f.check === 'account_spike')
          .map((f) => [f.account_id, f.from, f.reason_key, f.reason_vars.n, f.event_count]);
        expect(got).toEqual(flagged ? [['FARMER', BURST_DAY, 'account_spike_burst', 7, 7]] : []);
      });
});

function byFirst(a: unknown[], b: unknown[]): number {
  return String(a[0]).localeCompare(String(b[0]));
}
