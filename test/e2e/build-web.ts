import { ensureWebBuilt } from '../../src/server/build-web.ts';
import { findChromium } from './find-chromium.ts';

/**
 * vitest globalSetup: the browser tests serve dist/web, so build it once (only when stale) before any test runs.
 * The browser is found here, once, and pinned for the workers: the npm Chromium unpacks into the temp folder and two
 * workers unpacking it at once could launch a half-written binary.
 */
export default async function setup() {
  await ensureWebBuilt((line) => process.stderr.write(`${line}\n`));
  // Without a browser only the browser tests fail, each with the message that says how to get one.
  const browser = await findChromium().catch(() => undefined);
  if (!browser) return;
  process.env.LEDGER_LENS_CHROMIUM = browser.path;
  process.stderr.write(`browser tests use ${browser.path} (from ${browser.source})\n`);
}
