import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from './chromium.ts';
import { findChromium, HOW_TO_GET_ONE } from './find-chromium.ts';

/** A folder holding an executable stub named `name`, standing in for a browser on PATH. */
function fakeBin(name: string): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'll-bin-'));
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return { dir, path };
}

const noUnpack = async () => undefined;

describe('findChromium: the order a test browser is looked for', () => {
  it('takes LEDGER_LENS_CHROMIUM before anything on PATH', async () => {
    const pinned = fakeBin('my-chrome');
    const onPath = fakeBin('chromium');
    const b = await findChromium({ LEDGER_LENS_CHROMIUM: pinned.path, PATH: onPath.dir }, noUnpack);
    expect(b).toEqual({ path: pinned.path, source: 'LEDGER_LENS_CHROMIUM' });
  });

  it('refuses a LEDGER_LENS_CHROMIUM that is not executable, naming the variable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'll-bin-'));
    await expect(findChromium({ LEDGER_LENS_CHROMIUM: join(dir, 'missing'), PATH: '' }, noUnpack)).rejects.toThrow(
      /LEDGER_LENS_CHROMIUM=.*unset it/,
    );
  });

  it('finds chromium or google-chrome on PATH, chromium first', async () => {
    const chrome = fakeBin('google-chrome');
    expect(await findChromium({ PATH: chrome.dir }, noUnpack)).toEqual({ path: chrome.path, source: 'PATH' });
    const both = fakeBin('chromium');
    writeFileSync(join(both.dir, 'google-chrome'), '#!/bin/sh\n');
    chmodSync(join(both.dir, 'google-chrome'), 0o755);
    expect((await findChromium({ PATH: both.dir }, noUnpack)).path).toBe(both.path);
  });

  it('skips a non-executable file on PATH', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'll-bin-'));
    mkdirSync(join(dir, 'chromium'));
    await expect(findChromium({ PATH: dir }, noUnpack)).rejects.toThrow(HOW_TO_GET_ONE);
  });

  it('says how to get a browser when there is none', async () => {
    await expect(findChromium({ PATH: '/nonexistent' }, noUnpack)).rejects.toThrow(
      /LEDGER_LENS_CHROMIUM.*apt-get install chromium.*@sparticuz\/chromium/,
    );
  });

  it('falls back to the npm Chromium, which launches and renders Chinese text', async () => {
    const b = await findChromium({ PATH: '/nonexistent' });
    expect(b.source).toBe('@sparticuz/chromium');
    const browser = await chromium.launch({ executablePath: b.path, headless: true, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      await page.setContent('<p id="t">积分 ledger</p>');
      expect(await page.textContent('#t')).toBe('积分 ledger');
      expect(await page.evaluate(() => navigator.userAgent)).toMatch(/Chrome\/\d+/);
    } finally {
      await browser.close();
    }
  });
});
