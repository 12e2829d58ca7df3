import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/report/html/render.ts';
import { reportFixture } from './fixture.ts';

/** A filtered monthly print-out must not pass for the whole program's quarter (issue 17, "Exports that stand alone"). */
describe('a filtered or monthly printable report says what it covers', () => {
  const base = reportFixture();
  const may = { ...base, period: { from: '2026-05-01', to: '2026-06-01' } };
  const filtered = { ...may, filter: { attribute: 'department', value: '研发部' } };

  it('names the month and the department in the title and a banner, in Chinese', () => {
    const html = renderReportHtml(filtered, 'zh-CN');
    expect(html).toContain('<title>积分制度月度报告 · 研发部 · 2026年5月</title>');
    expect(html).not.toContain('季度报告 ·');
    expect(html).toMatch(/class="filter-banner"[^>]*>已筛选：仅含部门为“研发部”的账户/);
  });

  it('names them in English too', () => {
    const html = renderReportHtml(filtered, 'en');
    expect(html).toContain('<h1>Points program monthly report · 研发部 · May 2026</h1>');
    expect(html).toMatch(/class="filter-banner"[^>]*>Filtered: only accounts whose department is “研发部”/);
  });

  it('keeps the quarterly title and shows no banner without a filter', () => {
    const html = renderReportHtml(base, 'zh-CN');
    expect(html).toContain('<title>积分制度季度报告 · 2026年第1季度</title>');
    expect(html).not.toContain('class="filter-banner"');
  });
});
