import { ensureWebBuilt } from '../../src/server/build-web.ts';

/** vitest globalSetup: the browser tests serve dist/web, so build it once (only when stale) before any test runs. */
export default async function setup() {
  await ensureWebBuilt((line) => process.stderr.write(`${line}\n`));
}
