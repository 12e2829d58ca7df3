import { execFile } from 'node:child_process';
import { startLoopbackServer } from '../../src/server/loopback.ts';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { ensureSampleDb, SAMPLE_DIR, sampleFiles } from '../../src/demo/database.ts';
import { Database } from '../../src/db/database.ts';
import type { Report } from '../../src/report/schema.ts';
import type { RunningServer } from '../../src/server/server.ts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launch } from './chromium.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The sample's arm assignment file, as `serve --sample` passes it. */
export const ASSIGNMENTS = join(SAMPLE_DIR, 'assignments.csv');

/**
 * The dashboard on the bundled sample ledger, in a temp dir: a real server over a real database, plus a copy of the
 * database for the CLI (the server holds the original's lock), so a test can compare the page with `ledger-lens`.
 */
export async function sampleServer(): Promise<{
  server: RunningServer;
  cliDb: string;
  cli<T = Report>(args: string[]): Promise<T>;
  close(): Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'll-dashboard-'));
  const path = join(dir, 'sample.duckdb');
  await ensureSampleDb(path, sampleFiles(SAMPLE_DIR), { log: () => {} });
  const cliDb = join(dir, 'cli.duckdb');
  copyFileSync(path, cliDb);
  const db = await Database.open(path, { threads: 2 });
  const server = await startLoopbackServer(db, { uploadDir: join(dir, 'uploads'), assignmentsFile: ASSIGNMENTS });
  const run = promisify(execFile);
  return {
    server,
    cliDb,
    async cli<T>(args: string[]): Promise<T> {
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', ...args, '--db', cliDb, '--json'],
        { cwd: ROOT, maxBuffer: 64 << 20 },
      );
      return JSON.parse(stdout) as T;
    },
    async close() {
      await server.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The setup every dashboard browser test shares: the sample server and a Chromium, started before the file's tests
 * and closed after. Read `app` and `browser` inside tests (they exist once beforeAll has run).
 */
export function sampleBrowserApp(): {
  readonly app: Awaited<ReturnType<typeof sampleServer>>;
  readonly browser: Browser;
} {
  let app: Awaited<ReturnType<typeof sampleServer>> | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [app, browser] = await Promise.all([sampleServer(), launch()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  return {
    get app() {
      return app!;
    },
    get browser() {
      return browser!;
    },
  };
}
