import type { Page } from 'playwright-core';

/**
 * The words a reader can see: text nodes whose element is rendered (HTML and chart SVG alike), the options of every
 * select (visible when opened) and input placeholders. Tooltips that are not open are not read.
 */
export function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      // translate="no" marks what is data or code, not prose: a file's raw row, a file name, a CLI command.
      if (!el || el.closest('script, style, option, [translate=no]')) continue;
      const text = (n.textContent ?? '').trim();
      if (!text) continue;
      if (typeof el.checkVisibility === 'function' && !el.checkVisibility({ checkVisibilityCSS: true })) continue;
      out.push(text);
    }
    for (const o of document.querySelectorAll('select option')) out.push((o.textContent ?? '').trim());
    for (const i of document.querySelectorAll('input[placeholder], textarea[placeholder]'))
      out.push(i.getAttribute('placeholder') ?? '');
    return out.filter(Boolean);
  });
}

/**
 * Latin words that may stand on a Chinese page: the product's name, the language switch, file formats, statistical
 * names used untranslated in Chinese practice, units and codes (CNY, MB, ISO 8601 patterns), and single letters
 * (arms A/B, n, p, z). Anything with a digit
 * (ids like U0001, R02, 2026Q2, EXP-2026-Q2-checkin) is data, not prose, and is allowed by `englishWords`.
 */
export const ALLOWED = new Set([
  'Ledger',
  'Lens',
  'English',
  'CSV',
  'XLSX',
  'PNG',
  'SVG',
  'CUPED',
  'Gini',
  'Theil',
  'Holm',
  'SRM',
  'Benford',
  'GrowthBook',
  'Bootstrap',
  'Excel',
  'UTF',
  'GBK',
  'ID',
  'Parquet',
  'NDJSON',
  'JSON',
  'TSV',
  'Mann',
  'Whitney',
  'MAD',
  'ISO',
  'YYYY',
  'MM',
  'DD',
  'HH',
  'SS',
  'Unix',
  'CNY',
  'MB',
]);

/** The Latin words of `texts` that are neither allowed nor part of an id. */
export function englishWords(texts: string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    // A value quoted from the reader's own file ("ten" is not a number) is data, whatever its language.
    for (const token of text.replace(/"[^"]*"/g, ' ').split(/[^A-Za-z0-9_.-]+/)) {
      // Ids carry digits; file names (导出.csv, ledger.csv) are data too.
      if (!/[A-Za-z]/.test(token) || /\d/.test(token) || /\.(csv|tsv|txt|json|ndjson|jsonl|parquet|xlsx)$/i.test(token))
        continue;
      for (const word of token.split(/[_.-]+/)) {
        if (!word || word.length === 1 || ALLOWED.has(word)) continue;
        found.add(word);
      }
    }
  }
  return [...found].sort();
}
