import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findChromium } from './find-chromium.ts';

/** The launch measured in stack-notes §5: no downloads, nothing phoning home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let found: Promise<string> | undefined;

/** Resolved once per process; the global setup has usually pinned LEDGER_LENS_CHROMIUM already. */
export function chromiumPath(): Promise<string> {
  found ??= findChromium().then((b) => b.path);
  return found;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

/** Screenshots and rendered files go here (gitignored) so a person can look at them after a run. */
export const OUT_DIR = fileURLToPath(new URL('../out/', import.meta.url));
mkdirSync(OUT_DIR, { recursive: true });

export interface Watch {
  /** Console errors, uncaught page errors and failed requests, as text. */
  errors: string[];
  /** Every URL the page asked for. */
  requests: string[];
}

/** Records what a page complains about and what it fetches, from before its first navigation. */
export function watch(page: Page): Watch {
  const w: Watch = { errors: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') w.errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => w.errors.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => w.errors.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('request', (r) => w.requests.push(r.url()));
  return w;
}

/** True for URLs that stay on this machine: the report file itself, data: URIs, or a loopback server. */
export function isLocal(url: string): boolean {
  if (url.startsWith('file://') || url.startsWith('data:')) return true;
  const { hostname } = new URL(url);
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}
