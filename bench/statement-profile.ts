// Per-statement wall and CPU time of one database connection, for the import benchmark's phase table. The process
// CPU time counts DuckDB's worker threads too (they run in this process), so each statement's CPU is its own.
import type { Database } from '../src/db/database.ts';

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
  const conn = db.connection as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  for (const name of ['run', 'runAndReadAll']) {
    const original = conn[name].bind(conn);
    conn[name] = async (...args: unknown[]) => {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      try {
        return await original(...args);
      } finally {
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
