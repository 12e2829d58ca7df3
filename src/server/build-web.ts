import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../db/database.ts';

export const WEB_ROOT = join(PROJECT_ROOT, 'dist', 'web');

/**
 * Everything the built app is made of; a change to any of them makes the build stale. All of src/: the page and its
 * worker bundle modules from many places (charts, cards, api schemas, reshape/, i18n), and a list of them went stale
 * once (an edit to the worker's reshaping was served unbuilt); a needless rebuild costs a second or two.
 */
const SOURCES = ['src', 'vite.config.ts', 'package-lock.json'];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

/** True when dist/web is missing or older than one of its sources. */
export function webBuildStale(): boolean {
  const index = join(WEB_ROOT, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((s) => newest(join(PROJECT_ROOT, s)) > built);
}

/** Builds the web app with Vite when it is stale (`npm start` on a fresh clone, or after an edit); quiet otherwise. */
export async function ensureWebBuilt(log: (line: string) => void = () => {}): Promise<void> {
  if (!webBuildStale()) return;
  log('building the web app (vite build) …');
  const started = performance.now();
  const { build } = await import('vite');
  // Vite follows NODE_ENV, and vitest sets it to "test": React would then ship its development build (double
  // effects, double requests). The app is always built for production.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(PROJECT_ROOT, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  log(`web app built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
