import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/report/html/render.ts';
import { reportFixture } from './fixture.ts';

/** The text content of the KPI card `key`'s value line, tags stripped. */
function kpiValue(html: string, key: string): string {
  const card = html.split(`data-kpi="${key}"`)[1] ?? '';
  const m = /<div class="kpi-value">(.*?)<\/div>/s.exec(card);
  return (m?.[1] ?? '').replace(/<[^>]+>/g, '').trim();
}

function kpiChange(html: string, key: string): string {
  const card = html.split(`data-kpi="${key}"`)[1] ?? '';
  const m = /<div class="kpi-change[^"]*">(.*?)<\/div>/s.exec(card);
  return (m?.[1] ?? '').replace(/<[^>]+>/g, '').trim();
}

const en = renderReportHtml(reportFixture(), 'en');
const zh = renderReportHtml(reportFixture(), 'zh-CN');

describe('renderReportHtml', () => {
  it('labels every KPI card in English and in Chinese', () => {
    for (const label of [
      'Points issued',
      'Points redeemed',
      'Redemption rate',
      'Acquisition rate',
      'Points retention',
      'Participant retention',
      'Active participants',
      'Breakage',
      'Inflation ratio',
      'Liability',
      'Fairness (Gini)',
    ]) {
      expect(en).toContain(`<div class="kpi-label">${label}</div>`);
    }
    for (const label of [
      '发放积分',
      '兑换积分',
      '积分兑换率',
      '积分获取率',
      '积分留存率',
      '参与者留存率',
      '活跃参与者',
      '积分沉没率',
      '积分膨胀比',
      '积分负债',
      '积分公平性指数（基尼）',
    ]) {
      expect(zh).toContain(`<div class="kpi-label">${label}</div>`);
    }
    expect(en).toMatch(/<html lang="en">/);
    expect(zh).toMatch(/<html lang="zh-CN">/);
    expect(zh).toContain('2026年第1季度');
    expect(en).toContain('2026 Q1');
  });

  it('formats numbers by locale and shows the change against the previous quarter', () => {
    // issued 413,250.5 rounds to 413,251; change (413,250.5 − 402,900) / 402,900 = 10,350.5 / 402,900 = 2.569 % → +2.6 %
    expect(kpiValue(en, 'issued')).toBe('413,251 points');
    expect(kpiChange(en, 'issued')).toContain('+2.6%');
    expect(kpiChange(en, 'issued')).toContain('prev. 402,900');
    // redemption 298,400 / 413,250.5 = 72.21 %, before 251,700 / 402,900 = 62.47 %: +9.74 pp → "+9.7 pp"
    expect(kpiValue(en, 'redemption_rate')).toBe('72.2%');
    expect(kpiChange(en, 'redemption_rate')).toContain('+9.7 pp');
    expect(kpiChange(zh, 'redemption_rate')).toContain('+9.7 个百分点');
    // liability 1,602,440.5 × 0.01 = 16,024.405 CNY; Intl writes CN¥ in English and ¥ in Chinese
    expect(kpiValue(en, 'liability')).toBe('CN¥16,024');
    expect(kpiValue(zh, 'liability')).toBe('¥16,024');
    // Gini 0.375 against 0.362: +0.013, and a rising Gini is bad news
    expect(kpiValue(en, 'gini')).toBe('0.375');
    expect(en).toMatch(/data-kpi="gini">[\s\S]*?<div class="kpi-change up bad">/);
    // inflation 413,250.5 / (298,400 + 20,500) = 1.2959 → 1.30×
    expect(kpiValue(en, 'inflation_ratio')).toBe('1.30×');
  });

  it('shows "—" with a note for null values, never 0 or NaN', () => {
    const report = reportFixture();
    const html = renderReportHtml(
      {
        ...report,
        redemption_rate: null,
        points_retention_rate: null,
        liability: null,
        previous: { ...report.previous, gini: null },
      },
      'en',
    );
    expect(kpiValue(html, 'redemption_rate')).toBe('—');
    expect(kpiValue(html, 'points_retention_rate')).toBe('—');
    expect(kpiValue(html, 'liability')).toBe('—');
    expect(html).toContain('No points were issued in the period, so there is no rate.');
    expect(html).toContain('No points were outstanding at the start of the period.');
    // this period's value missing: only the previous one is shown, 251,700 / 402,900 = 62.47 % → 62.5 %
    expect(kpiChange(html, 'redemption_rate')).toBe('prev. 62.5%');
    expect(kpiChange(html, 'gini')).toBe('no previous value to compare');
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
    const zhNull = renderReportHtml({ ...report, redemption_rate: null }, 'zh-CN');
    expect(kpiValue(zhNull, 'redemption_rate')).toBe('—');
    expect(zhNull).toContain('本期未发放积分，无法计算比率。');
  });

  it('escapes markup from data: group names and attribute names never become tags', () => {
    const report = reportFixture();
    const by = report.by!;
    const evil = '<script>alert("x")</script>';
    const html = renderReportHtml(
      {
        ...report,
        by: {
          ...by,
          attribute: 'dept<img src=x onerror=alert(1)>',
          groups: [{ ...by.groups[0], value: evil }, ...by.groups.slice(1)],
        },
      },
      'en',
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    // no tag carries an event handler attribute (escaped text may still spell "onerror=")
    expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
  });

  it('draws the charts as inline SVG with labelled axes', () => {
    // flows, outstanding, Lorenz, tier mix, disparity: five Plot figures
    expect(en.match(/<svg[^>]*class="plot-[^"]*"/g)?.length).toBe(5);
    for (const label of [
      'Month',
      '↑ Points per month',
      '↑ Outstanding points at month end',
      'Points issued (cumulative %)',
      'Participants, poorest to richest (cumulative %)',
      'Share of points issued (%)',
      'Mean points issued ÷ overall mean (×)',
    ]) {
      expect(en).toContain(`>${label}</text>`);
    }
    for (const label of [
      '月份',
      '↑ 每月积分数',
      '↑ 月末未使用积分',
      '发放积分累计占比（%）',
      '发放积分占比（%）',
      '群体人均发放积分 ÷ 总体人均（倍）',
    ]) {
      expect(zh).toContain(`>${label}</text>`);
    }
    // locale tick labels: compact Chinese units on the points axis
    expect(zh).toMatch(/>15万<\/text>/);
  });

  it('marks small groups instead of dropping them, and shows every group size', () => {
    const groups = reportFixture().by!.groups;
    for (const g of groups) expect(en).toContain(`(n=${g.n!.toLocaleString('en')})`);
    const smallCount = groups.filter((g) => g.small).length;
    expect(smallCount).toBe(2);
    // each small group: once in the chart's note column, once in the table
    expect(en.split('too small to judge').length - 1).toBe(2 * smallCount);
    expect(zh.split('样本过小').length - 1).toBe(2 * smallCount);
    expect(en).toContain('(no value)');
  });

  it('takes the band, the Gini threshold and the reference group from the report when it carries them', () => {
    const r = reportFixture();
    const html = renderReportHtml(
      {
        ...r,
        by: { ...r.by!, reference: 'Engineering' },
        settings: {
          ...r.settings,
          fairness: { gini_warning: 0.35, disparity_low: 0.9, disparity_high: 1.1, min_group_size: 30 },
        },
      },
      'en',
    );
    expect(html).toContain('Shaded: the 0.9–1.1 band (four-fifths rule).');
    expect(html).toContain('above 0.35 = unequal');
    expect(html).toContain('>Mean points issued ÷ mean of Engineering (×)</text>');
    expect(en).toContain('Shaded: the 0.8–1.25 band');
  });

  it('leaves out the disparity section without `by`, and says so when a chart has no data', () => {
    const report = reportFixture();
    const html = renderReportHtml(
      { ...report, by: undefined, series: { monthly: [], lorenz: [], tier_mix: [] } },
      'en',
    );
    expect(html).not.toContain('Group disparity');
    expect(html.split('No data for this chart in the period.').length - 1).toBe(4);
    expect(html).not.toContain('<svg viewBox');
  });

  it('is self-contained: no scripts, no external URLs, a CSP that forbids both', () => {
    for (const html of [en, zh]) {
      expect(html).not.toMatch(/<script|<link rel="stylesheet"|@import|url\(/i);
      expect(html).not.toMatch(/https?:\/\//);
      expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`);
      expect(html).toContain('<link rel="icon" href="data:,">');
      expect(html).toContain('@page { size: A4 portrait');
      expect(html).toContain('"Noto Sans CJK SC"');
    }
  });
});
