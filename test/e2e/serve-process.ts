import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServeProcess {
  child: ChildProcess;
  /** Resolves with the URL from the "Ledger Lens is running at …" line, rejects if the process ends first. */
  url: Promise<string>;
  /** Exit code once the process has ended. */
  exited: Promise<number | null>;
  stdout(): string;
  stderr(): string;
}

/** Runs `ledger-lens serve …` exactly as `npm start` does (node --import tsx src/cli/main.ts), without a token in env. */
export function spawnServe(args: string[], env: Record<string, string> = {}): ServeProcess {
  const { LEDGER_LENS_TOKEN: _drop, ...base } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', ...args], {
    cwd: ROOT,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Ledger Lens is running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    exited.then((code) => reject(new Error(`serve exited with ${code} before printing its URL: ${err}`)));
  });
  url.catch(() => {});
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return { child, url, exited, stdout: () => out, stderr: () => err };
}
