import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { importLedger } from '../../src/ledger/import.ts';
import { SECURITY_HEADERS } from '../../src/server/security.ts';
import type { RunningServer } from '../../src/server/server.ts';
import {
  FORMULA_ACCOUNTS,
  FORMULA_DEPARTMENT,
  HOSTILE_FILE_NAME,
  hostileCsv,
  XSS_ACCOUNT,
  XSS_DEPARTMENT,
} from '../hardening/hostile-ledger.ts';
import { serveDb } from '../hardening/sample-db.ts';
import { launch, watch } from './chromium.ts';

let dir: string;
let db: Database;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'll-hostile-'));
  const file = join(dir, HOSTILE_FILE_NAME);
  writeFileSync(file, hostileCsv());
  db = await Database.open(join(dir, 'hostile.duckdb'), { threads: 2 });
  await importLedger(db, { file });
  [server, browser] = await Promise.all([serveDb(db, dir), launch()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string) => fetch(new URL(path, server.url));

describe('a ledger whose names carry markup and script', () => {
  it('every page shows them as text: nothing runs, no dialog, no console error', async () => {
    const shown: string[] = [];
    for (const path of [
      '/health?lang=en',
      '/fairness?lang=en',
      '/audit?lang=en',
      '/data?lang=en',
      '/rankings?lang=en',
    ]) {
      const page = await browser.newPage();
      const w = watch(page);
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(new URL(path, server.url).href, { waitUntil: 'networkidle' });
      // A page other than Health first fetches its own code, then asks for its data: the network goes quiet in
      // between, so the page is read once no part of it is still loading.
      await page.waitForFunction(() => document.querySelector('main .loading') === null);
      await page.waitForTimeout(300);
      const probe = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
        // Elements the names would have become, had they been parsed as HTML.
        injected: document.querySelectorAll('img[src="x"], svg[onload], b[onmouseover], script:not([src])').length,
        text: document.body.textContent,
      }));
      expect(probe.pwned, path).toBeNull();
      expect(probe.injected, path).toBe(0);
      expect(dialogs, path).toEqual([]);
      expect(w.errors, path).toEqual([]);
      shown.push(probe.text);
      await page.close();
    }
    const all = shown.join('\n');
    // Shown literally, so a person sees exactly what the ledger holds.
    expect(all).toContain(XSS_ACCOUNT);
    expect(all).toContain(XSS_DEPARTMENT);
    expect(all).toContain(HOSTILE_FILE_NAME);
  }, 120_000);

  it('CSV exports neutralise cells that start with = + - @', async () => {
    const flags = cells(await (await get('/api/audit/flags.csv?quarter=2026Q1')).text());
    const quarantine = cells(await (await get('/api/quarantine?format=csv')).text());
    const sample = cells(await (await get('/api/audit/sample?quarter=2026Q1&rate=1&format=csv')).text());
    // Each hostile value is there, as text: prefixed with an apostrophe, so a spreadsheet shows it and runs nothing.
    for (const account of FORMULA_ACCOUNTS) expect(flags, account).toContain(`'${account}`);
    expect(quarantine).toContain("'=cmd|' /C calc'!A0");
    expect(sample).toContain(`'${FORMULA_DEPARTMENT}`);
    for (const all of [flags, quarantine, sample]) {
      // Negative numbers are values we computed, not text: the only cells allowed to start with "-".
      expect(all.filter((c) => /^[=+@\t\r]/.test(c) || (c.startsWith('-') && !/^-\d+(\.\d+)?$/.test(c)))).toEqual([]);
    }
  });
});

/** Every cell of an RFC 4180 document (BOM dropped), unquoted. */
function cells(csv: string): string[] {
  const out: string[] = [];
  const re = /("(?:[^"]|"")*"|[^,\r\n]*)(,|\r\n|$)/g;
  const text = csv.replace(/^\uFEFF/, '');
  for (let m = re.exec(text); m && m.index < text.length; m = re.exec(text)) {
    out.push(m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]);
    if (m[2] === '') break;
  }
  return out;
}

describe('security headers of the built app', () => {
  it('every page, asset, API answer and error carries the CSP (no inline script, no framing) and no-sniff', async () => {
    const html = await (await get('/')).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThan(0);
    for (const path of [
      '/',
      '/health',
      '/audit',
      '/data',
      ...assets,
      '/report.html?quarter=2026Q1',
      '/api/health',
      '/api/report?quarter=2026Q9',
      '/api/nope',
      '/assets/missing.js',
    ]) {
      const r = await get(path);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, path).toBe(SECURITY_HEADERS['Content-Security-Policy']);
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('x-frame-options'), path).toBe('DENY');
    }
  });
});
