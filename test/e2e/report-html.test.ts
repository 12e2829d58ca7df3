import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../../src/i18n/index.ts';
import { renderReportHtml } from '../../src/report/html/render.ts';
import { reportFixture } from '../report-html/fixture.ts';
import { isLocal, launch, OUT_DIR, watch } from './chromium.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Pairs of chart labels whose boxes intersect, and labels reaching outside their chart: what a reader would see as
 * overlapping or clipped text. Boxes come from the browser's layout, so real font metrics (CJK included) count.
 */
async function labelProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const [n, svg] of [...document.querySelectorAll('svg[class^="plot-"]')].entries()) {
      const frame = svg.getBoundingClientRect();
      const boxes = [...svg.querySelectorAll('text')]
        .map((t) => ({ text: t.textContent ?? '', r: t.getBoundingClientRect() }))
        .filter((b) => b.r.width > 0);
      // Plot sets its top axis label 3 px below the edge; a CJK font's line box reaches ~2 px above its glyphs, so
      // vertical slack is 3 px. Sideways nothing may stick out: that is where a neighbouring chart or the page edge is.
      for (const b of boxes) {
        if (
          b.r.left < frame.left - 1 ||
          b.r.right > frame.right + 1 ||
          b.r.top < frame.top - 3 ||
          b.r.bottom > frame.bottom + 3
        )
          problems.push(`chart ${n}: "${b.text}" outside the chart`);
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i].r;
          const c = boxes[j].r;
          const overlap =
            Math.min(a.right, c.right) - Math.max(a.left, c.left) > 1 &&
            Math.min(a.bottom, c.bottom) - Math.max(a.top, c.top) > 1;
          if (overlap) problems.push(`chart ${n}: "${boxes[i].text}" overlaps "${boxes[j].text}"`);
        }
      }
    }
    return problems;
  });
}

/** Pages in a PDF: each page object is "/Type /Page" (the page tree is "/Type /Pages"). */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

const variants: { name: string; lang: Lang; report: () => ReturnType<typeof reportFixture> }[] = [
  { name: 'report-en', lang: 'en', report: () => reportFixture() },
  { name: 'report-zh-CN', lang: 'zh-CN', report: () => reportFixture() },
  {
    // The awkward quarter: nulls, a hostile and a very long group name, a tier nobody configured.
    name: 'report-awkward-zh-CN',
    lang: 'zh-CN',
    report: () => {
      const r = reportFixture();
      const groups = r.by!.groups;
      return {
        ...r,
        redemption_rate: null,
        points_retention_rate: null,
        inflation_ratio: null,
        previous: { ...r.previous, participant_retention_rate: null },
        by: {
          ...r.by!,
          groups: [
            { ...groups[0], value: '<script>alert("x")</script>' },
            { ...groups[1], value: '华东区域销售与客户成功联合事业部（上海、杭州、南京）' },
            ...groups.slice(2),
          ],
        },
        series: {
          ...r.series,
          tier_mix: [...r.series.tier_mix, { tier: 'legacy-bonus', issued: 1200, share: 0.003, target: null }],
        },
      };
    },
  },
];

describe('HTML report in Chromium', () => {
  for (const v of variants) {
    it(`${v.name}: opens without console errors or outside requests, labels do not collide, prints on two A4 pages`, async () => {
      const file = join(OUT_DIR, `${v.name}.html`);
      writeFileSync(file, renderReportHtml(v.report(), v.lang));
      const page = await browser.newPage({ viewport: { width: 820, height: 1100 } });
      const w = watch(page);
      await page.goto(`file://${file}`);
      await page.screenshot({ path: join(OUT_DIR, `${v.name}.png`), fullPage: true });
      expect(w.errors).toEqual([]);
      expect(w.requests.filter((u) => !isLocal(u))).toEqual([]);
      expect(await page.locator('h1').textContent()).toContain(
        v.lang === 'en' ? 'Points program quarterly report' : '积分制度季度报告',
      );
      expect(await page.locator('svg[class^="plot-"]').count()).toBe(5);
      expect(await labelProblems(page)).toEqual([]);
      // No script ran: the hostile group name is text on the page, not an executed tag.
      expect(await page.evaluate(() => document.scripts.length)).toBe(0);
      await page.emulateMedia({ media: 'print' });
      expect(await labelProblems(page)).toEqual([]);
      const pdf = await page.pdf({ path: join(OUT_DIR, `${v.name}.pdf`), format: 'A4', printBackground: true });
      expect(pdfPages(pdf)).toBe(2);
      await page.close();
    });
  }
});
