/**
 * The long load run (`npm run bench:load [-- SECONDS [CONNECTIONS [ROWS]]]`): the dashboard's main routes under
 * concurrent readers on loopback while ROWS new rows are uploaded and imported through the API; then the server's
 * report is compared with the CLI's on a copy that got the same import. Exits 1 on any error or difference.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual, promisify } from 'node:util';
import { Database, PROJECT_ROOT } from '../src/db/database.ts';
import { extraLedgerCsv, LOAD_PATHS, loadWhileImporting } from '../test/hardening/load.ts';
import { sampleDbFile, serveDb } from '../test/hardening/sample-db.ts';

const SECONDS = Number(process.argv[2] ?? 30);
const CONNECTIONS = Number(process.argv[3] ?? 16);
const ROWS = Number(process.argv[4] ?? 200_000);

const sample = await sampleDbFile();
const cliDb = join(sample.dir, 'cli.duckdb');
copyFileSync(sample.path, cliDb);
const db = await Database.open(sample.path, { threads: 2 });
const server = await serveDb(db, sample.dir);
const cli = async (args: string[]) =>
  (
    await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args, '--db', cliDb, '--json'],
      { cwd: PROJECT_ROOT, maxBuffer: 64 << 20 },
    )
  ).stdout;
let failed = false;
try {
  const upload = join(sample.dir, 'extra.csv');
  writeFileSync(upload, extraLedgerCsv(ROWS));
  const r = await loadWhileImporting({
    url: server.url,
    seconds: SECONDS,
    connections: CONNECTIONS,
    paths: LOAD_PATHS,
    upload,
  });
  const served = await (await fetch(new URL(LOAD_PATHS[0], server.url))).json();
  await cli(['import', upload]);
  const fromCli = JSON.parse(await cli(['report', '--quarter', '2026Q3']));
  const same = isDeepStrictEqual(served, fromCli);
  const f = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(
    `load: ${SECONDS} s, ${CONNECTIONS} connections over ${LOAD_PATHS.length} routes, loopback; import of ${ROWS.toLocaleString('en')} rows through the API meanwhile (${r.importSeconds.toFixed(1)} s, ${r.import.accepted} accepted)`,
  );
  console.log(
    `  requests served: ${r.requests} (${(r.requests / r.seconds).toFixed(0)}/s); non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}`,
  );
  console.log(
    `  latency p50 ${f(r.latencyMs.p50)}, p95 ${f(r.latencyMs.p95)}, p99 ${f(r.latencyMs.p99)}, max ${f(r.latencyMs.max)}`,
  );
  console.log(
    `  /api/report after the import equals \`ledger-lens report --json\` on a copy with the same import: ${same}`,
  );
  failed = r.non2xx + r.errors + r.timeouts > 0 || !same || r.import.accepted !== ROWS;
} finally {
  await server.close();
  db.close();
  sample.cleanup();
}
process.exitCode = failed ? 1 : 0;
