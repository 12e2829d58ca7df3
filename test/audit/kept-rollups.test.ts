import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.ts';
import { defaultAuditSettings } from '../../src/audit/settings.ts';
import { rebuildRollups, rollupsCurrent } from '../../src/db/rollups.ts';
import { insertRows, openDb } from './fixture.ts';
import { generateSample } from '../../src/sample/generate.ts';
import { EVENT_TYPES } from '../../src/db/event-types.ts';
import { importSampleDir } from './helpers.ts';

const PROJECT_ROOT = join(import.meta.dirname, '..', '..');

/**
 * The audit reads the import-time rollups when they are current and the raw ledger rows otherwise: both must give
 * the same flags, field for field, on the bundled sample ledger (several periods, so look-backs cross the range).
 */
describe('audit over kept rollups vs raw rows (sample ledger)', () => {
  let sample: Awaited<ReturnType<typeof importSampleDir>>;
  beforeAll(async () => {
    sample = await importSampleDir(join(PROJECT_ROOT, 'sample-data'));
  });
  afterAll(() => sample.cleanup());

  it('the imported sample has current rollups (so the fast path is the one compared)', async () => {
    expect(await rollupsCurrent(sample.db)).toBe(true);
  });

  for (const [from, to] of [
    ['2026-07-01', '2026-10-01'],
    ['2025-10-01', '2026-10-01'],
    ['2024-10-01', '2026-10-01'],
  ]) {
    it(`flags of ${from} – ${to} are identical as JSON`, async () => {
      const kept = await runAudit(sample.db, { from, to });
      const raw = await runAudit(sample.db, { from, to, raw: true });
      const strip = (r: typeof kept) => ({ ...r, checks: r.checks.map((c) => ({ ...c, seconds: 0 })) });
      expect(kept.flags.length).toBeGreaterThan(0);
      expect(JSON.stringify(strip(kept))).toBe(JSON.stringify(strip(raw)));
    });
  }
});

/**
 * The same on a ledger generated with another seed and size (other accounts, rules and injected cases), audited
 * with the checks one at a time and on several connections at once: the flags may not depend on either.
 */
describe('audit over kept rollups vs raw rows (a generated ledger)', () => {
  let gen: Awaited<ReturnType<typeof importSampleDir>>;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'll-kept-'));
    await generateSample({ out: dir, accounts: 600, months: 24, seed: 11, clean: false, density: 1 });
    gen = await importSampleDir(dir);
  }, 120_000);
  afterAll(() => {
    gen.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('flags of a year are identical as JSON: kept in parallel, raw one check at a time', async () => {
    const period = { from: '2025-10-01', to: '2026-10-01' };
    const kept = await runAudit(gen.db, { ...period, connections: 3 });
    const raw = await runAudit(gen.db, { ...period, raw: true, connections: 0 });
    const strip = (r: typeof kept) => ({ ...r, checks: r.checks.map((c) => ({ ...c, seconds: 0 })) });
    expect(kept.flags.length).toBeGreaterThan(0);
    expect(new Set(kept.flags.map((f) => f.check)).size).toBeGreaterThan(2);
    expect(JSON.stringify(strip(kept))).toBe(JSON.stringify(strip(raw)));
  });
});

/**
 * Audits near_duplicate with a window of `windowMinutes` over one account's identical rows (id, time) on both paths:
 * the flags must be equal; returns the kept path's pairs.
 */
async function keptPairs(windowMinutes: number, from: string, to: string, rows: [string, string][]) {
  const db = await openDb();
  await insertRows(
    db,
    rows.map(([id, at]) => ({ id, at, account: 'N', points: 7, rule: 'R1', reason: 'same' })),
  );
  await rebuildRollups(db);
  const settings = defaultAuditSettings();
  settings.near_duplicate.window_minutes = windowMinutes;
  const audit = (raw: boolean) => runAudit(db, { from, to, checks: ['near_duplicate'], raw, settings });
  const kept = await audit(false);
  expect(kept.flags).toEqual((await audit(true)).flags);
  db.close();
  return kept.flags.map((f) => f.event_ids);
}

describe('near_duplicate narrowed by the rollups', () => {
  it('finds the same pairs as the raw pass: one within a day, one across midnight, none beyond the window', async () => {
    const db = await openDb();
    const base = { account: 'N', points: 7, rule: 'R1', reason: 'same' };
    await insertRows(db, [
      { ...base, id: 'd1', at: '2026-03-02 10:00:00' },
      { ...base, id: 'd2', at: '2026-03-02 10:05:00' }, // same day, 5 min: a cell with n = 2
      { ...base, id: 'm1', at: '2026-03-04 23:57:00' },
      { ...base, id: 'm2', at: '2026-03-05 00:02:00' }, // across midnight, 5 min: two cells with n = 1
      { ...base, id: 'f1', at: '2026-03-06 23:30:00' },
      { ...base, id: 'f2', at: '2026-03-07 00:30:00' }, // across midnight, 60 min: beyond the window
    ]);
    await rebuildRollups(db);
    const audit = (raw: boolean) =>
      runAudit(db, { from: '2026-03-01', to: '2026-04-01', checks: ['near_duplicate'], raw });
    const kept = await audit(false);
    expect(kept.flags.map((f) => f.event_ids)).toEqual([
      ['d1', 'd2'],
      ['m1', 'm2'],
    ]);
    expect(kept.flags).toEqual((await audit(true)).flags);
    db.close();
  });

  it('a window of a fraction of a minute keeps a pair across midnight exactly that far apart', async () => {
    const pairs = await keptPairs(7.5, '2026-03-01', '2026-04-01', [
      // 7.5 minutes apart, the first 7.4 minutes before midnight: a window rounded down to whole minutes loses it.
      ['m1', '2026-03-04 23:52:36'],
      ['m2', '2026-03-05 00:00:06'],
      // 7.5 minutes and one second apart: beyond the window.
      ['f1', '2026-03-06 23:52:36'],
      ['f2', '2026-03-07 00:00:07'],
    ]);
    expect(pairs).toEqual([['m1', 'm2']]);
  });

  it('a pre-1970 pair across midnight (negative epoch_us) is a candidate on the kept path', async () => {
    const pairs = await keptPairs(30.5, '1969-07-01', '1969-08-01', [
      ['m1', '1969-07-20 23:50:00'],
      ['m2', '1969-07-21 00:15:00'], // 25 minutes across midnight
      ['e1', '1969-07-24 23:44:45'],
      ['e2', '1969-07-25 00:15:15'], // exactly 30.5 minutes, 15.25 either side of midnight
      ['f1', '1969-07-26 23:44:44'],
      ['f2', '1969-07-27 00:15:15'], // a second beyond the window
    ]);
    expect(pairs).toEqual([
      ['m1', 'm2'],
      ['e1', 'e2'],
    ]);
  });

  it('a window between half a day and a day keeps pairs far from midnight, across it and within a day', async () => {
    const pairs = await keptPairs(900.5, '2026-03-01', '2026-04-01', [
      // 14 hours apart across midnight, each 6 or more hours from it: the window, not the time of day, decides.
      ['a1', '2026-03-04 18:00:00'],
      ['a2', '2026-03-05 08:00:00'],
      // 15 hours and 0.5 minutes apart, on one day: exactly the window.
      ['b1', '2026-03-10 08:00:00'],
      ['b2', '2026-03-10 23:00:30'],
      // 15 hours and 1 minute apart: beyond it.
      ['c1', '2026-03-16 12:00:00'],
      ['c2', '2026-03-17 03:01:00'],
    ]);
    expect(pairs).toEqual([
      ['a1', 'a2'],
      ['b1', 'b2'],
    ]);
  });

  it('a whole-number window of an hour or more runs on both paths, and a pair straddling the period start counts', async () => {
    // A whole number is bound as an INTEGER: the window in microseconds overflowed 32 bits from 36 minutes on, and a
    // window rounded to whole minutes (7.4 -> 7) cut the look-back before the period short of a pair's first row.
    const db = await openDb();
    const base = { account: 'W', points: 7, rule: 'R1', reason: 'same' };
    await insertRows(db, [
      { ...base, id: 'h1', at: '2026-03-10 10:00:00' },
      { ...base, id: 'h2', at: '2026-03-10 10:59:00' }, // 59 minutes: within an hour's window
      { ...base, id: 's1', at: '2026-02-28 23:52:50' }, // 7 min 20 s before the period...
      { ...base, id: 's2', at: '2026-03-01 00:00:10' }, // ...and its repeat 10 s into it: within 7.4 minutes
    ]);
    await rebuildRollups(db);
    const settings = defaultAuditSettings();
    const audit = (raw: boolean, minutes: number) => {
      settings.near_duplicate.window_minutes = minutes;
      return runAudit(db, { from: '2026-03-01', to: '2026-04-01', checks: ['near_duplicate'], raw, settings });
    };
    const hour = await audit(false, 60);
    expect(hour.flags.map((f) => f.event_ids).sort()).toEqual([
      ['h1', 'h2'],
      ['s1', 's2'],
    ]);
    expect(hour.flags).toEqual((await audit(true, 60)).flags);
    const short = await audit(false, 7.4);
    expect(short.flags.map((f) => f.event_ids)).toEqual([['s1', 's2']]);
    expect(short.flags).toEqual((await audit(true, 7.4)).flags);
    db.close();
  });

  it("reads the types as event_type <= 'earn': exactly earn, deduct and adjust of the six, on both paths", async () => {
    // The query's cheap range test stands for the list; a seventh type sorting up to 'earn' would break it.
    expect(EVENT_TYPES.filter((t) => t <= 'earn').sort()).toEqual(['adjust', 'deduct', 'earn']);
    const db = await openDb();
    const rows = EVENT_TYPES.flatMap((type, i) => {
      const base = { account: `T${i}`, points: type === 'earn' || type === 'adjust' ? 7 : -7, rule: 'R1', type };
      return [
        { ...base, id: `${type}1`, at: '2026-03-02 10:00:00' },
        { ...base, id: `${type}2`, at: '2026-03-02 10:01:00' },
      ];
    });
    // Across midnight at the window's very ends (10 minutes apart, the first exactly 10 minutes before midnight).
    const edge = { account: 'E', points: 7, rule: 'R1' };
    await insertRows(db, [
      ...rows,
      { ...edge, id: 'x1', at: '2026-03-04 23:50:00' },
      { ...edge, id: 'x2', at: '2026-03-05 00:00:00' },
    ]);
    await rebuildRollups(db);
    const audit = (raw: boolean) =>
      runAudit(db, { from: '2026-03-01', to: '2026-04-01', checks: ['near_duplicate'], raw });
    const kept = await audit(false);
    expect(kept.flags.map((f) => f.event_ids).sort()).toEqual([
      ['adjust1', 'adjust2'],
      ['deduct1', 'deduct2'],
      ['earn1', 'earn2'],
      ['x1', 'x2'],
    ]);
    expect(kept.flags).toEqual((await audit(true)).flags);
    db.close();
  });
});
