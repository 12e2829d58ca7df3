import { describe, expect, it } from 'vitest';
import { watch } from './chromium.ts';
import { tour } from './page-tour.ts';
import { sampleBrowserApp } from './sample-server.ts';
import { englishWords, visibleTexts } from './visible-text.ts';

const s = sampleBrowserApp();

describe('Chinese throughout (headless Chromium, zh-CN)', () => {
  it('shows no English word on any page, flag detail, what-if or upload check', async () => {
    const context = await s.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    const w = watch(page);
    const found: Record<string, string[]> = {};
    await tour(page, s.app.server.url, 'lang=zh-CN', async ({ name }) => {
      const words = englishWords(await visibleTexts(page));
      if (words.length) found[name] = words;
    });
    expect(found).toEqual({});
    // A request still running when the tour moves on (the bootstrap intervals) is aborted by the navigation.
    expect(w.errors.filter((e) => !e.endsWith('net::ERR_ABORTED'))).toEqual([]);
    await context.close();
  });
});
