import { describe, expect, it } from 'vitest';
import { textWidth } from '../../src/charts/common.ts';
import { frameFigure, wrap } from '../../src/web/figure-frame.ts';

const chart = '<svg width="300" height="200" viewBox="0 0 300 200"><rect width="10" height="10"/></svg>';
const frame = {
  title: 'Issued <and> "redeemed" & more',
  legend: [
    { label: '发放', color: '#0072B2' },
    { label: 'Redeemed', color: '#E69F00', shape: 'dash' as const },
  ],
  notes: ['2026年第2季度 · 部门：研发部', 'Source: queries/monthly_series.sql'],
  font: '"Noto Sans CJK SC", sans-serif',
};

describe('a chart framed for download', () => {
  it('escapes every text it carries and nests the chart below title and legend', () => {
    const { svg, height } = frameFigure(chart, 600, 200, frame);
    expect(svg).toContain('>Issued &lt;and&gt; &quot;redeemed&quot; &amp; more<');
    expect(svg).toContain('font-family="&quot;Noto Sans CJK SC&quot;, sans-serif"');
    expect(svg).toContain('>发放<');
    expect(svg).toContain('stroke-dasharray="5 3"');
    const y = Number(/<svg x="0" y="([\d.]+)" width="300"/.exec(svg)![1]);
    expect(y).toBeGreaterThan(40);
    // Two note lines below the chart, and the document's height covers them.
    expect(height).toBeGreaterThan(y + 200 + 2 * 18);
    expect(svg.startsWith(`<svg xmlns="http://www.w3.org/2000/svg" width="600" height="${height}"`)).toBe(true);
  });

  it('wraps long notes to the chart’s width, at spaces in Latin text and anywhere in Chinese', () => {
    const en = wrap('the further the curve sags below the diagonal, the more unequal', 150, 12);
    expect(en.length).toBeGreaterThan(1);
    for (const line of en) expect(textWidth(line, 12)).toBeLessThanOrEqual(150);
    expect(en.join(' ')).toBe('the further the curve sags below the diagonal, the more unequal');
    const zh = wrap('曲线越向对角线下方弯曲，分配越不平等，基尼系数越高', 100, 12);
    expect(zh.length).toBeGreaterThan(2);
    expect(zh.join('')).toBe('曲线越向对角线下方弯曲，分配越不平等，基尼系数越高');
  });

  it('starts a new legend row when the next key does not fit', () => {
    const many = { ...frame, legend: Array.from({ length: 12 }, (_, i) => ({ label: `Series ${i}`, color: '#000' })) };
    const narrow = frameFigure(chart, 300, 200, many).height;
    const wide = frameFigure(chart.replace(/300/g, '1200'), 1200, 200, many).height;
    expect(narrow).toBeGreaterThan(wide);
  });
});
