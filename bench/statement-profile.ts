// Per-statement wall and CPU time of one database connection, for the import benchmark's phase table. The process
// CPU time counts DuckDB's worker threads too (they run in this process), so each statement's CPU is its own.
import type { Database } from '../src/db/database.ts';
import { connectionOf } from '../src/db/sql.ts';

interface Step {
  label: string;
  wall: number;
  cpu: number;
}

/** What a statement does, in a few words: its first clause, table names kept. */
function label(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim().slice(0, 110);
}

/** Wraps the connection of `db` so each statement run on it is timed; returns the steps recorded so far. */
export function profileStatements(db: Database): () => Step[] {
  const steps: Step[] = [];
  // runAndReadAll calls run: only the outermost call is a statement of its own.
  let depth = 0;
  const conn = connectionOf(db) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  for (const name of ['run', 'runAndReadAll']) {
    const original = conn[name].bind(conn);
    conn[name] = async (...args: unknown[]) => {
      if (depth > 0) return original(...args);
      depth++;
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      try {
        return await original(...args);
      } finally {
        depth--;
        const c = process.cpuUsage(c0);
        steps.push({
          label: label(String(args[0])),
          wall: (performance.now() - t0) / 1000,
          cpu: (c.user + c.system) / 1e6,
        });
      }
    };
  }
  return () => steps;
}

/** The import's phase a statement belongs to (bench/import.ts prints one line per phase). */
export function phase(label: string): string {
  if (/INSERT INTO ledger|ll_rawt|ll_stage|ll_bad|ll_ts_sample/.test(label)) return 'read, validate, insert';
  if (/ll_repeats|INSERT INTO rejects/.test(label)) return 'dedupe (repeated ids)';
  const table =
    /INSERT INTO (rollup_\w+|account_latest)\b/.exec(label)?.[1] ?? /TEMP TABLE ll_(\w+) AS/.exec(label)?.[1];
  if (table) return `rollup ${table.replace(/^rollup_/, '')}`;
  if (/date_trunc\('month', occurred_at\)|FROM ledger WHERE \$import_id/.test(label)) return 'rollup runs (months)';
  if (/^COMMIT/.test(label)) return 'commit';
  return 'other';
}

/** Wall and CPU seconds per phase, in the order phases first appear. */
export function phaseTotals(steps: Step[]): { phase: string; wall: number; cpu: number }[] {
  const out = new Map<string, { phase: string; wall: number; cpu: number }>();
  for (const s of steps) {
    const p = phase(s.label);
    const t = out.get(p) ?? { phase: p, wall: 0, cpu: 0 };
    t.wall += s.wall;
    t.cpu += s.cpu;
    out.set(p, t);
  }
  return [...out.values()];
}

/** The steps of at least `min` seconds (wall or CPU), then the rest summed, as printable lines. */
export function stepTable(steps: Step[], min = 0.05): string[] {
  const big = steps.filter((s) => s.wall >= min || s.cpu >= min);
  const rest = steps.filter((s) => !big.includes(s));
  const line = (wall: number, cpu: number, what: string) =>
    `${wall.toFixed(2).padStart(8)} s ${cpu.toFixed(2).padStart(8)} s  ${what}`;
  return [
    `${'wall'.padStart(10)} ${'CPU'.padStart(10)}  statement`,
    ...big.map((s) => line(s.wall, s.cpu, s.label)),
    line(
      rest.reduce((a, s) => a + s.wall, 0),
      rest.reduce((a, s) => a + s.cpu, 0),
      `${rest.length} shorter statements`,
    ),
    line(
      steps.reduce((a, s) => a + s.wall, 0),
      steps.reduce((a, s) => a + s.cpu, 0),
      'all statements',
    ),
  ];
}
