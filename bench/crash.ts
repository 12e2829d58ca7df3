/**
 * The long crash run (`npm run bench:crash [-- KILLS [ROWS [SEED]]]`): SIGKILL the importer at KILLS seeded random
 * points of a ROWS-row import; after each, the database must open and hold exactly its pre-import state (row
 * counts and row checksums of every table); then the same import must succeed. Exits 1 on any difference.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Database } from '../src/db/database.ts';
import { importLedger } from '../src/ledger/import.ts';
import { dbState, importProcess, killPoints, writeBigLedger } from '../test/hardening/crash.ts';

const KILLS = Number(process.argv[2] ?? 20);
const ROWS = Number(process.argv[3] ?? 3_000_000);
const SEED = Number(process.argv[4] ?? 20_260_801);

const dir = mkdtempSync(join(tmpdir(), 'll-bench-crash-'));
let failures = 0;
try {
  const dbPath = join(dir, 'crash.duckdb');
  const big = join(dir, 'big.csv');
  const small = join(dir, 'small.csv');
  await writeBigLedger(big, ROWS);
  await writeBigLedger(small, 1000, 's');
  const setup = await Database.open(dbPath);
  await importLedger(setup, { file: small });
  setup.close();
  const before = await dbState(dbPath);
  const probe = join(dir, 'probe.duckdb');
  copyFileSync(dbPath, probe);
  const { ms } = await importProcess(big, probe);
  const reference = await dbState(probe);
  rmSync(probe, { force: true });
  let killed = 0;
  let survived = 0;
  let finished = 0;
  // Each kill point on a fresh copy of the pre-import database, so the points are independent of each other.
  for (const at of killPoints(SEED, KILLS, ms)) {
    const target = join(dir, 'target.duckdb');
    copyFileSync(dbPath, target);
    const r = await importProcess(big, target, at);
    const state = await dbState(target);
    const expected = r.killed ? before : reference;
    const same = isDeepStrictEqual(
      r.killed ? state : { ...state, imports: null },
      r.killed ? expected : { ...expected, imports: null },
    );
    if (r.killed) killed++;
    else finished++;
    if (!same) {
      failures++;
      console.log(`  DIFFERENT after ${r.killed ? 'a kill' : 'finishing'} at ${at} ms: ${JSON.stringify(state)}`);
    } else if (r.killed) {
      // Then the same import succeeds on the survivor.
      const again = await importProcess(big, target);
      const done = await dbState(target);
      if (again.killed || !isDeepStrictEqual(done.ledger, reference.ledger)) {
        failures++;
        console.log(`  the import after a kill at ${at} ms did not give the reference ledger`);
      } else survived++;
    }
    rmSync(target, { force: true });
    rmSync(`${target}.wal`, { force: true });
    process.stderr.write(`${killed + finished} of ${KILLS} …\n`);
  }
  console.log(
    `crash: seed ${SEED}, import of ${ROWS.toLocaleString('en')} rows (${(ms / 1000).toFixed(1)} s uninterrupted)`,
  );
  console.log(`  SIGKILLs landed: ${killed}; imports that finished before their kill: ${finished}`);
  console.log(
    `  crashes survived (pre-import state exactly, file opens, the same import then succeeds): ${survived}; failures: ${failures}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = failures ? 1 : 0;
