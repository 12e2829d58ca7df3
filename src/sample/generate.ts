import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { injectCapBreaches, injectNearDuplicates, injectSelfApproval, injectSpikes } from './abuse-accounts.ts';
import { injectOffHours, injectProgramSpike, injectRing, injectRoundAdjustments } from './abuse-groups.ts';
import { Applier } from './apply.ts';
import { Balances } from './balances.ts';
import { buildCalendar } from './calendar.ts';
import { CsvWriter } from './csv-writer.ts';
import { DailyActivity } from './daily.ts';
import { Experiment } from './experiment.ts';
import { writeAccounts, writeAssignments, writeItems, writeJson, writeProgram, writeRules } from './files.ts';
import { Injector } from './injector.ts';
import type { Intent } from './intent.ts';
import { LedgerWriter } from './ledger-writer.ts';
import { Wishlist } from './mall.ts';
import { csvToParquet } from './parquet.ts';
import { rngFor } from './rng.ts';
import { makeRoster } from './roster.ts';

/** Bump when the same options would produce different files, so labels say which generator made them. */
export const GENERATOR_VERSION = '1';

export interface SampleOptions {
  out: string;
  accounts: number;
  months: number;
  seed: number;
  /** No injected abuse: a clean ledger to count false positives on. */
  clean: boolean;
  /** Multiplies every account's activity; 1 keeps the committed sample a few MB, 4 gives ~100 rows per account. */
  density: number;
}

export const SAMPLE_DEFAULTS = { accounts: 2000, months: 24, seed: 42, density: 1, clean: false } as const;

export interface SampleProgress {
  rows: number;
  day: number;
  days: number;
}

export interface SampleSummary {
  out: string;
  files: { name: string; bytes: number }[];
  rows: number;
  accounts: number;
  seed: number;
  range: { from: string; to: string };
  cases: number;
}

/**
 * Simulates the program day by day: normal activity, then the day's injected abuse, then the balances applied in
 * time order and the rows streamed to ledger.csv. Only per-account state and one day of plans are held in memory.
 */
export async function generateSample(
  opts: SampleOptions,
  onProgress?: (p: SampleProgress) => void,
): Promise<SampleSummary> {
  mkdirSync(opts.out, { recursive: true });
  const cal = buildCalendar(opts.months);
  const roster = makeRoster(opts.accounts, cal, rngFor(opts.seed, 'roster'));
  const n = roster.accounts.length;
  const balances = new Balances(n, 12);
  const wishes = new Wishlist(n, rngFor(opts.seed, 'mall'));
  const experiment = new Experiment(cal, roster, opts.seed);
  const csv = new CsvWriter(join(opts.out, 'ledger.csv'));
  const writer = new LedgerWriter(csv, roster);
  const daily = new DailyActivity(cal, roster, balances, wishes, experiment, rngFor(opts.seed, 'daily'), opts.density);
  const applier = new Applier(roster, balances, wishes, experiment, writer);
  const injector = opts.clean ? null : new Injector(cal, roster, balances, experiment, rngFor(opts.seed, 'abuse'));
  if (injector) {
    for (const plan of [
      injectSpikes,
      injectSelfApproval,
      injectCapBreaches,
      injectNearDuplicates,
      injectRing,
      injectProgramSpike,
      injectOffHours,
      injectRoundAdjustments,
    ]) {
      plan(injector);
    }
  }

  for (const day of cal.days) {
    const intents: Intent[] = [];
    daily.generate(day, intents);
    daily.adjustments(day, intents);
    injector?.inject(day, intents);
    applier.applyDay(day, intents);
    await csv.flush();
    onProgress?.({ rows: writer.rows, day: day.index + 1, days: cal.days.length });
  }
  await csv.close();
  await csvToParquet(join(opts.out, 'ledger.csv'), join(opts.out, 'ledger.parquet'));

  const cases = (injector?.cases ?? []).filter((c) => c.event_ids.length > 0);
  const names = [
    'ledger.csv',
    'ledger.parquet',
    writeAccounts(opts.out, roster),
    writeRules(opts.out),
    writeItems(opts.out),
    writeAssignments(opts.out, roster, experiment),
    writeProgram(opts.out),
    writeJson(opts.out, 'labels.json', {
      seed: opts.seed,
      generator_version: GENERATOR_VERSION,
      options: { accounts: opts.accounts, months: opts.months, density: opts.density, clean: opts.clean },
      range: { from: cal.from, to: cal.to },
      cases,
      experiment: experiment.labels(),
    }),
  ];
  return {
    out: opts.out,
    files: names.map((name) => ({ name, bytes: statSync(join(opts.out, name)).size })),
    rows: writer.rows,
    accounts: n,
    seed: opts.seed,
    range: { from: cal.from, to: cal.to },
    cases: cases.length,
  };
}
