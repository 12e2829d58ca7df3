import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { Database } from '../src/db/database.ts';
import { join } from 'node:path';
import { sqlExec } from '../src/db/sql.ts';

export const ROOT = join(import.meta.dirname, '..');

/** Runs a TypeScript file in its own Node process so its peak memory is its own; returns its JSON line and peak RSS. */
export function child<T>(script: string, args: string[]): T & { peak_rss_mb: number; cpu_s: number } {
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', TIME_FORMAT, process.execPath, '--import', 'tsx', join(ROOT, 'bench', script), ...args],
    { encoding: 'utf8', cwd: ROOT, maxBuffer: 64 << 20 },
  );
  if (r.status !== 0) throw new Error(`${script} failed (${r.status}): ${r.stderr}`);
  const kb = Number(/PEAK_RSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? NaN);
  const last = r.stdout.trim().split('\n').pop() ?? '{}';
  return { ...(JSON.parse(last) as T), peak_rss_mb: Math.round(kb / 1024), cpu_s: cpuSeconds(r.stderr) };
}

/** /usr/bin/time's report: peak RSS and CPU seconds (user + system, every thread), read by cpuSeconds. */
export const TIME_FORMAT = 'PEAK_RSS_KB=%M CPU_S=%U+%S';

/**
 * CPU seconds of a process timed with TIME_FORMAT. On a shared machine the wall time of each step depends on what
 * else runs; the CPU time it needs does much less, so the benchmarks print both.
 */
export function cpuSeconds(stderr: string): number {
  const m = /CPU_S=([\d.]+)\+([\d.]+)/.exec(stderr);
  return m ? Number(m[1]) + Number(m[2]) : Number.NaN;
}

export function fmt(n: number, digits = 2) {
  return n.toLocaleString('en', { maximumFractionDigits: digits });
}

/** The experiment `generatedLedger(rows, { experiment: true })` tags: rule R7's earn rows in 2026Q2, arms A/B by account. */
export const BENCH_EXPERIMENT = { id: 'EXP-BENCH', rule: 'R7', from: '2026-04-01', to: '2026-07-01' } as const;

/** A generated CSV ledger of `rows` rows in bench/out (made once, reused), in time order as ledgers are exported:
 *  ids, local timestamps over two years,
 *  100k accounts, signed points by type, 40 rules, ten Chinese department names, approvers on a third of rows.
 *  With `experiment`, two more columns: experiment_id and variant on the rows of BENCH_EXPERIMENT (a separate file). */
export async function generatedLedger(rows: number, opts: { experiment?: boolean } = {}): Promise<string> {
  const dir = join(ROOT, 'bench', 'out');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `ledger-${rows}-ordered${opts.experiment ? '-experiment' : ''}.csv`);
  if (existsSync(file)) return file;
  process.stderr.write(`generating ${fmt(rows, 0)} rows into ${file} …\n`);
  const db = await Database.open(':memory:');
  const e = BENCH_EXPERIMENT;
  const tagged = `event_type = 'earn' AND rule_id = '${e.rule}' AND occurred_at >= '${e.from}' AND occurred_at < '${e.to}'`;
  const experimentColumns = opts.experiment
    ? `, CASE WHEN ${tagged} THEN '${e.id}' END AS experiment_id, CASE WHEN ${tagged} THEN (CASE WHEN hash(account_id) % 2 = 0 THEN 'A' ELSE 'B' END) END AS variant`
    : '';
  await sqlExec(
    db,
    `COPY (
    SELECT *${experimentColumns} FROM (
    SELECT 'E' || i AS event_id,
      strftime(TIMESTAMP '2024-10-01' + to_seconds((hash(i) % 63072000)::BIGINT), '%Y-%m-%d %H:%M:%S') AS occurred_at,
      'A' || lpad(((hash(i * 7) % 100000))::VARCHAR, 6, '0') AS account_id,
      CASE WHEN i % 10 < 7 THEN ((hash(i) % 50) + 1)::VARCHAR WHEN i % 10 < 9 THEN '-' || ((hash(i) % 200) + 1)::VARCHAR ELSE '-' || ((hash(i) % 20) + 1)::VARCHAR || '.5' END AS points,
      CASE WHEN i % 10 < 7 THEN 'earn' WHEN i % 10 < 9 THEN 'redeem' ELSE 'deduct' END AS event_type,
      'R' || (hash(i * 3) % 40) AS rule_id,
      (['研发部','销售部','市场部','财务部','人力资源部','客服部','生产部','质量部','采购部','行政部'])[((hash(i * 11) % 10) + 1)::INTEGER] AS department,
      CASE WHEN i % 3 = 0 THEN 'M' || (hash(i) % 500) END AS approver_id
    FROM range(${rows}) t(i)) ORDER BY occurred_at, event_id) TO '${file}' (HEADER)`,
  );
  db.close();
  return file;
}
