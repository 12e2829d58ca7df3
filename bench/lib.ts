import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');

/** Runs a TypeScript file in its own Node process so its peak memory is its own; returns its JSON line and peak RSS. */
export function child<T>(script: string, args: string[]): T & { peak_rss_mb: number } {
  const r = spawnSync('/usr/bin/time', ['-f', 'PEAK_RSS_KB=%M', process.execPath, '--import', 'tsx', join(ROOT, 'bench', script), ...args], { encoding: 'utf8', cwd: ROOT, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${script} failed (${r.status}): ${r.stderr}`);
  const kb = Number(/PEAK_RSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? NaN);
  const last = r.stdout.trim().split('\n').pop() ?? '{}';
  return { ...(JSON.parse(last) as T), peak_rss_mb: Math.round(kb / 1024) };
}

export function fmt(n: number, digits = 2) {
  return n.toLocaleString('en', { maximumFractionDigits: digits });
}
