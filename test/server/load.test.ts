import { execFile } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database, PROJECT_ROOT } from '../../src/db/database.ts';
import type { Report } from '../../src/report/schema.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { extraLedgerCsv, LOAD_PATHS, loadWhileImporting, nearestRank } from '../hardening/load.ts';
import { sampleDbFile, serveDb } from '../hardening/sample-db.ts';

const exec = promisify(execFile);

let sample: Awaited<ReturnType<typeof sampleDbFile>>;
let db: Database;
let server: RunningServer;
let cliDb: string;

beforeAll(async () => {
  sample = await sampleDbFile();
  // The CLI's copy, taken before the server holds the file; it gets the same import through the CLI.
  cliDb = join(sample.dir, 'cli.duckdb');
  copyFileSync(sample.path, cliDb);
  db = await Database.open(sample.path, { threads: 2 });
  server = await serveDb(db, sample.dir);
}, 120_000);

afterAll(async () => {
  await server?.close();
  db?.close();
  sample?.cleanup();
});

const cli = async (args: string[]) =>
  (
    await exec(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args, '--db', cliDb, '--json'], {
      cwd: PROJECT_ROOT,
      maxBuffer: 64 << 20,
    })
  ).stdout;

describe('the API under load while an import runs', () => {
  it('nearest-rank quantiles', () => {
    // 1..20: p50 = 10th value, p95 = ⌈19⌉ = 19th, p99 = ⌈19.8⌉ = 20th
    const v = Array.from({ length: 20 }, (_, i) => i + 1);
    expect([nearestRank(v, 0.5), nearestRank(v, 0.95), nearestRank(v, 0.99)]).toEqual([10, 19, 20]);
  });

  it('serves every request without an error, and afterwards the same numbers as the CLI', async () => {
    const upload = join(sample.dir, 'extra-q3.csv');
    writeFileSync(upload, extraLedgerCsv(5000));
    const before = (await (await fetch(new URL('/api/report?quarter=2026Q3', server.url))).json()) as Report;
    const r = await loadWhileImporting({ url: server.url, seconds: 3, connections: 4, paths: LOAD_PATHS, upload });
    console.log(
      `load (3 s, 4 connections, import of 5,000 rows meanwhile): ${r.requests} requests, non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}; latency p50 ${r.latencyMs.p50.toFixed(1)} ms, p95 ${r.latencyMs.p95.toFixed(1)} ms, p99 ${r.latencyMs.p99.toFixed(1)} ms; import ${r.importSeconds.toFixed(2)} s`,
    );
    // How many depends on the machine and what else runs; what must hold is that every route answered, without error.
    expect(r.requests).toBeGreaterThanOrEqual(LOAD_PATHS.length);
    expect({ non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts }).toEqual({ non2xx: 0, errors: 0, timeouts: 0 });
    expect(r.import).toMatchObject({ rows_read: 5000, accepted: 5000, quarantined: 0 });
    // The import changed the quarter (5,000 earn rows of 1–50 points), and the server shows the new numbers, not a cached old answer.
    const after = (await (await fetch(new URL('/api/report?quarter=2026Q3', server.url))).json()) as Report;
    // Σ (1 + i mod 50) over i < 5000 = 100 × (1 + … + 50) = 100 × 1275 = 127,500
    expect(after.issued! - before.issued!).toBeCloseTo(127_500, 6);
    await cli(['import', upload]);
    const fromCli = JSON.parse(await cli(['report', '--quarter', '2026Q3'])) as Report;
    // The page's report comes without the Gini's bootstrap interval (numbers first); its own request gives it.
    expect(after).toEqual({ ...fromCli, gini_ci: null, previous: { ...fromCli.previous, gini_ci: null } });
    const intervals = (await (await fetch(new URL('/api/report/intervals?quarter=2026Q3', server.url))).json()) as {
      gini_ci: unknown;
      previous: { gini_ci: unknown };
    };
    expect(intervals.gini_ci).toEqual(fromCli.gini_ci);
    expect(intervals.previous.gini_ci).toEqual(fromCli.previous.gini_ci);
    expect(fromCli.gini_ci).not.toBeNull();
  }, 120_000);
});
