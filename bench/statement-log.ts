// Every statement of every DuckDB connection of this process, timed as it runs: its start since `logStatements` was
// called, its wall time, and the process's CPU time meanwhile (DuckDB's threads included; statements that run at once
// on several connections count each other's CPU). For the phase scripts (report-phases.ts, one-shot-phases.ts).
import { DuckDBConnection } from '@duckdb/node-api';

/** Starts logging; `lines` fills as statements end. Statements shorter than `minMs` are left out. */
export function logStatements(minMs = 0): { lines: string[]; at: () => string } {
  const t0 = performance.now();
  const lines: string[] = [];
  const at = () => (performance.now() - t0).toFixed(0).padStart(6);
  const label = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 90);
  const ids = new WeakMap<DuckDBConnection, number>();
  let connections = 0;
  // runAndReadAll calls run on the same connection: a statement inside another is not logged twice.
  const busy = new WeakSet<DuckDBConnection>();
  for (const m of ['run', 'runAndReadAll'] as const) {
    const orig = DuckDBConnection.prototype[m] as (...a: unknown[]) => Promise<unknown>;
    (DuckDBConnection.prototype as unknown as Record<string, unknown>)[m] = async function (
      this: DuckDBConnection,
      ...a: unknown[]
    ) {
      if (busy.has(this)) return orig.apply(this, a);
      if (!ids.has(this)) ids.set(this, ++connections);
      busy.add(this);
      const start = at();
      const s = performance.now();
      const c = process.cpuUsage();
      try {
        return await orig.apply(this, a);
      } finally {
        busy.delete(this);
        const ms = performance.now() - s;
        const cpu = process.cpuUsage(c);
        if (ms >= minMs)
          lines.push(
            `${start} +${ms.toFixed(0).padStart(5)} ms  cpu ${((cpu.user + cpu.system) / 1000).toFixed(0).padStart(5)} ms  c${ids.get(this)} ${m} ${label(String(a[0]))}`,
          );
      }
    };
  }
  return { lines, at };
}
