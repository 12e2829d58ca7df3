// One-shot `report --ledger` (no database kept) against the pandas peer (bench/pandas-peer.py) computing a smaller
// report of the same CSV, each in its own process, timed with /usr/bin/time (wall, CPU of every thread, peak RSS).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { cpuSeconds, ROOT, TIME_FORMAT } from './lib.ts';

export interface Timed {
  seconds: number;
  cpu: number;
  stdout: string;
  stderr: string;
}

function timedProcess(cmd: string, args: string[]): Timed {
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', TIME_FORMAT, cmd, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  const stderr = r.stderr.replace(/^PEAK_RSS_KB=.*$/m, '');
  return { seconds: (performance.now() - t) / 1000, cpu: cpuSeconds(r.stderr), stdout: r.stdout, stderr };
}

/** Why the pandas peer cannot run here (Debian's python3-pandas missing), or null when it can. */
export function pandasMissing(): string | null {
  const r = spawnSync('/usr/bin/python3', ['-c', 'import numpy, pandas'], { encoding: 'utf8' });
  return r.status === 0
    ? null
    : "the pandas peer needs Debian's python3-pandas for /usr/bin/python3 (apt-get install python3-pandas)";
}

/** Both runs on `csv` for the quarter starting at `from` (YYYY-MM-DD) and ending before `to`, with their numbers. */
export function oneShotVsPandas(csv: string, quarter: string, from: string, to: string) {
  const ours = timedProcess(process.execPath, [
    '--import',
    'tsx',
    'src/cli/main.ts',
    'report',
    '--ledger',
    csv,
    '--quarter',
    quarter,
    '--json',
  ]);
  // Debian's python3-pandas lives with the system interpreter, not a user-managed one.
  const peer = timedProcess('/usr/bin/python3', [join(ROOT, 'bench', 'pandas-peer.py'), csv, from, to]);
  const oursJson = JSON.parse(ours.stdout) as { issued: number; gini: number };
  const peerJson = JSON.parse(peer.stdout.trim().split('\n').pop() ?? '{}') as { issued: number; gini: number };
  return { ours, peer, oursJson, peerJson };
}
