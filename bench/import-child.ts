// One measured step of the import benchmark, run alone in its own process (see bench/import.ts).
import { rmSync } from 'node:fs';
import { Database } from '../src/db/database.ts';
import { importLedger } from '../src/ledger/import.ts';
import { phaseTotals, profileStatements, stepTable } from './statement-profile.ts';
import { sqlExec, sqlRows } from '../src/db/sql.ts';

const [mode, file, dbPath] = process.argv.slice(2);
const t0 = performance.now();
if (mode === 'scan') {
  // DuckDB's own read of the same file: every column parsed, one aggregate so nothing is skipped.
  const db = await Database.open(':memory:');
  const [r] = await sqlRows<{ n: number }>(
    db,
    `SELECT count(*)::DOUBLE AS n, sum(TRY_CAST(points AS DOUBLE)) AS s, count(DISTINCT account_id) AS a, max(occurred_at) AS m FROM read_csv('${file}')`,
  );
  console.log(JSON.stringify({ rows: r.n, seconds: (performance.now() - t0) / 1000 }));
} else if (mode === 'ctas') {
  // The floor of a persisted, idempotent import: DuckDB de-duplicating the file by event_id into a new database file.
  rmSync(dbPath, { force: true });
  const db = await Database.open(dbPath);
  await sqlExec(db, `CREATE TABLE ctas AS SELECT DISTINCT ON (event_id) * FROM read_csv('${file}')`);
  await sqlExec(db, 'CHECKPOINT');
  db.close();
  console.log(JSON.stringify({ seconds: (performance.now() - t0) / 1000 }));
} else if (mode === 'insert') {
  // The floor: DuckDB itself typing the same file into the same table, with no validation, lines or quarantine.
  rmSync(dbPath, { force: true });
  const db = await Database.open(dbPath);
  await sqlExec(
    db,
    `INSERT INTO ledger (event_id, occurred_at, account_id, points, event_type, rule_id, department, approver_id, import_id, source_line)
    SELECT event_id, occurred_at, account_id, points::DECIMAL(18,2), event_type, rule_id, department, approver_id, 1, 0 FROM read_csv('${file}')`,
  );
  await sqlExec(db, 'CHECKPOINT');
  db.close();
  console.log(JSON.stringify({ seconds: (performance.now() - t0) / 1000 }));
} else {
  rmSync(dbPath, { force: true });
  const db = await Database.open(dbPath);
  const steps = profileStatements(db);
  const s = await importLedger(db, { file });
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  db.close();
  const c = process.cpuUsage(c1);
  const close = { phase: 'close (checkpoint)', wall: (performance.now() - t1) / 1000, cpu: (c.user + c.system) / 1e6 };
  // Every statement on stderr when asked (the parent reads the JSON line of stdout).
  if (process.env.BENCH_IMPORT_STEPS) process.stderr.write(`${stepTable(steps()).join('\n')}\n`);
  const phases = [...phaseTotals(steps()), close];
  console.log(
    JSON.stringify({ rows: s.rows_read, accepted: s.accepted, seconds: (performance.now() - t0) / 1000, phases }),
  );
}
