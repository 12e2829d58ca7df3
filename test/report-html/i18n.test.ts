import { describe, expect, it } from 'vitest';
import { DASH, formatDate, formatDateTime, formatMoney, formatPercent, formatPoints } from '../../src/i18n/format.ts';
import { messageKeys, pickLang, t } from '../../src/i18n/index.ts';
import { change } from '../../src/cards/change.ts';
import { tierName } from '../../src/report/html/charts/tiers.ts';
import { periodLabel, periodRange } from '../../src/report/html/period.ts';

describe('message catalogues', () => {
  it('have the same keys in zh-CN and en, none empty', () => {
    expect(messageKeys('zh-CN').sort()).toEqual(messageKeys('en').sort());
    for (const lang of ['zh-CN', 'en'] as const)
      for (const k of messageKeys(lang)) expect(t(lang, k as never), `${lang} ${k}`).not.toBe('');
  });

  it('fills {placeholders} and leaves unknown ones visible', () => {
    expect(t('en', 'report.period', { from: 'A', to: 'B' })).toBe('A to B');
    expect(t('zh-CN', 'report.quarter', { year: 2026, q: 2 })).toBe('2026年第2季度');
    expect(t('en', 'report.period', { from: 'A' })).toBe('A to {to}');
  });
});

describe('pickLang', () => {
  it('follows Accept-Language by quality, mapping any Chinese or English variant', () => {
    expect(pickLang('zh-TW,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(pickLang('en-GB,en;q=0.9,zh-CN;q=0.8')).toBe('en');
    expect(pickLang('fr-FR, en;q=0.3, zh;q=0.5')).toBe('zh-CN');
    expect(pickLang('de, fr', 'zh-CN')).toBe('zh-CN');
    expect(pickLang(undefined)).toBe('en');
    expect(pickLang('zh;q=0, en')).toBe('en');
  });
});

describe('locale formatting', () => {
  it('never prints 0 or NaN for a missing value', () => {
    for (const v of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatPoints('en', v)).toBe(DASH);
      expect(formatPercent('zh-CN', v)).toBe(DASH);
      expect(formatMoney('en', v, 'CNY')).toBe(DASH);
    }
  });

  it('formats by locale and survives an unknown currency code', () => {
    expect(formatPercent('en', 0.7221)).toBe('72.2%');
    expect(formatDate('en', '2026-03-31')).toBe('Mar 31, 2026');
    expect(formatDate('zh-CN', '2026-03-31')).toBe('2026年3月31日');
    // wall-clock times keep their hour: 00:05 is not "24:05"
    expect(formatDateTime('en', '2026-11-25 00:05:00')).toBe('Nov 25, 2026, 00:05');
    expect(formatDateTime('zh-CN', '2026-11-25 23:56:10')).toBe('2026年11月25日 23:56');
    expect(formatMoney('en', 1234.5, 'NOPE')).toBe('1,234.5 NOPE');
    // large totals without cents, small ones with them
    expect(formatPoints('en', 1234.56)).toBe('1,235');
    expect(formatPoints('en', 12.345)).toBe('12.35');
  });
});

describe('change against the previous period', () => {
  it('reads percent change for flows, percentage points for rates, plain difference for indices', () => {
    // (110 − 100) / 100 = +10 %
    expect(change('en', 'relative', 110, 100)).toEqual({ direction: 'up', text: '+10.0%' });
    // 0.50 − 0.62 = −12 pp
    expect(change('en', 'pp', 0.5, 0.62)).toEqual({ direction: 'down', text: '−12 pp' });
    // 0.362 − 0.375 = −0.013
    expect(change('zh-CN', 'abs', 0.362, 0.375)).toEqual({ direction: 'down', text: '−0.013' });
    // +0.04 % rounds to +0.0 % at one decimal: shown as unchanged, not "+0.0%"
    expect(change('en', 'relative', 100.04, 100)).toEqual({ direction: 'flat', text: 'unchanged' });
  });

  it('gives no percentage from a zero or missing base', () => {
    expect(change('en', 'relative', 5, 0).direction).toBeNull();
    expect(change('en', 'pp', 0.5, null).text).toBe('no previous value to compare');
    expect(change('en', 'pp', null, 0.5).text).toBe('');
  });
});

describe('period labels', () => {
  it('names a calendar quarter and shows other periods with an inclusive last day', () => {
    expect(periodLabel('en', { from: '2025-10-01', to: '2026-01-01' })).toBe('2025 Q4');
    expect(periodLabel('zh-CN', { from: '2026-01-01', to: '2026-04-01' })).toBe('2026年第1季度');
    expect(periodLabel('en', { from: '2026-01-15', to: '2026-02-01' })).toBe('Jan 15, 2026 to Jan 31, 2026');
    expect(periodRange('zh-CN', { from: '2026-01-01', to: '2026-04-01' })).toBe('2026年1月1日 至 2026年3月31日');
  });
});

describe('tier names', () => {
  it('translates the three tiers and the unassigned bucket, keeps other names as written', () => {
    expect(tierName('zh-CN', 'challenge')).toBe('挑战');
    expect(tierName('en', 'unassigned')).toBe('No tier / no rule');
    expect(tierName('zh-CN', 'legacy-bonus')).toBe('legacy-bonus');
  });
});

describe('audit flag explanations', () => {
  it('have a Chinese template for every reason the audit module writes, with the same placeholders', async () => {
    const { REASONS } = await import('../../src/i18n/audit-reasons-en.ts');
    const { REASONS_ZH } = await import('../../src/i18n/audit-reasons.ts');
    expect(Object.keys(REASONS_ZH).sort()).toEqual(Object.keys(REASONS).sort());
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(REASONS)) expect(names(REASONS_ZH[k]), k).toEqual(names(REASONS[k]));
  });
});
