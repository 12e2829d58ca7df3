import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { OUT_DIR, watch } from './chromium.ts';
import { tour } from './page-tour.ts';
import { sampleBrowserApp } from './sample-server.ts';

const s = sampleBrowserApp();
const WIDTH = 360;

/** What a phone reader would stumble on in the current page state; empty when the page reads well at this width. */
function problems(page: Page, width: number): Promise<string[]> {
  return page.evaluate((width) => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > width) out.push(`page scrolls sideways: ${doc.scrollWidth}px`);
    // Chart text as drawn: an SVG scaled down to its box shrinks its text with it.
    let smallest = Infinity;
    for (const svg of document.querySelectorAll<SVGSVGElement>('figure.chart svg')) {
      const vb = svg.viewBox.baseVal;
      const scale = vb?.width ? svg.getBoundingClientRect().width / vb.width : 1;
      for (const t of svg.querySelectorAll('text')) {
        if (!(t.textContent ?? '').trim()) continue;
        smallest = Math.min(smallest, parseFloat(getComputedStyle(t).fontSize) * scale);
      }
    }
    if (smallest < 9.95) out.push(`chart text ${smallest.toFixed(1)}px`);
    // Labels of one text mark drawn over each other ("50%33%67%" in a heatmap's cells) read as none.
    for (const mark of document.querySelectorAll('figure.chart svg g[aria-label="text"]')) {
      const boxes = [...mark.querySelectorAll('text')]
        .filter((t) => (t.textContent ?? '').trim())
        .map((t) => t.getBoundingClientRect());
      const overlaps = boxes.some((a, i) =>
        boxes
          .slice(i + 1)
          .some((b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1),
      );
      if (overlaps) out.push(`${mark.closest('figure.chart')?.getAttribute('data-chart')} labels overlap`);
    }
    // A chart drawn wider than its box (so its labels stay apart) scrolls there, and says so as a wide table does.
    for (const plot of document.querySelectorAll<HTMLElement>('figure.chart .plot')) {
      if (!plot.checkVisibility() || plot.scrollWidth <= plot.clientWidth + 1) continue;
      const cue = plot.closest('figure.chart')?.querySelector('[data-scroll-cue]');
      if (!cue?.checkVisibility())
        out.push(`chart ${plot.closest('figure.chart')?.getAttribute('data-chart')} scrolls with no visible cue`);
    }
    // A navigation label breaking inside itself ("健康/度") draws on more than one line.
    for (const a of document.querySelectorAll('header nav a')) {
      const range = document.createRange();
      range.selectNodeContents(a);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (lines.size > 1) out.push(`nav "${a.textContent}" wraps over ${lines.size} lines`);
    }
    // A table wider than its box scrolls inside the box, and the box shows that there is more.
    for (const table of document.querySelectorAll('table')) {
      if (!table.checkVisibility()) continue;
      const box = table.parentElement!;
      const r = box.getBoundingClientRect();
      if (r.right > width + 0.5)
        out.push(`table box ${table.getAttribute('data-testid') ?? table.className} ends at ${Math.round(r.right)}px`);
      if (box.scrollWidth > box.clientWidth + 1) {
        const overflow = getComputedStyle(box).overflowX;
        if (overflow !== 'auto' && overflow !== 'scroll')
          out.push(`table ${table.getAttribute('data-testid') ?? table.className} is cut off`);
        const cue = box.closest('.scroll-x')?.querySelector('[data-scroll-cue]');
        if (!cue?.checkVisibility())
          out.push(`table ${table.getAttribute('data-testid') ?? table.className} scrolls with no visible cue`);
      }
    }
    return out;
  }, width);
}

describe(`the dashboard on a ${WIDTH} px phone (headless Chromium)`, () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`has no sideways page scroll, readable chart text, one-line navigation, scrolling tables and charts (${lang})`, async () => {
      const context = await s.browser.newContext({
        locale: lang,
        viewport: { width: WIDTH, height: 740 },
        deviceScaleFactor: 1,
      });
      const page = await context.newPage();
      const w = watch(page);
      const found: Record<string, string[]> = {};
      await tour(page, s.app.server.url, `lang=${lang}`, async ({ name }) => {
        const p = await problems(page, WIDTH);
        if (p.length) found[name] = p;
        if (['health', 'audit', 'audit-ring', 'experiments', 'data-check'].includes(name))
          await page.screenshot({ path: join(OUT_DIR, `phone-${name}-${lang}.png`), fullPage: true });
      });
      expect(found).toEqual({});
      // A request still running when the tour moves on (the bootstrap intervals) is aborted by the navigation.
      expect(w.errors.filter((e) => !e.endsWith('net::ERR_ABORTED'))).toEqual([]);
      await context.close();
    });
  }
});
