import { describe, expect, it } from 'vitest';
import { frameFigure } from '../../src/web/figure-frame.ts';
import { type SwatchShape, swatchElement } from '../../src/web/legend-swatch.ts';

const SHAPES: SwatchShape[] = ['line', 'dash', 'box', 'tick', 'column', 'dot', 'ring', 'diamond', 'triangle-down'];

describe('legend swatches', () => {
  it('draw every shape differently, so a spike, a drop and a rule drop of one colour are told apart', () => {
    const drawn = SHAPES.map((s) => JSON.stringify(swatchElement(s, '#D55E00')));
    expect(new Set(drawn).size).toBe(SHAPES.length);
    expect(swatchElement('ring', '#D55E00').attrs).toMatchObject({ fill: 'white', stroke: '#D55E00' });
  });

  it('are the same marks in a downloaded figure as on the page', () => {
    const legend = [
      { label: 'Far below the band', color: '#D55E00', shape: 'ring' as const },
      { label: 'Rule drop', color: '#E69F00', shape: 'triangle-down' as const },
    ];
    const { svg } = frameFigure('<svg width="10" height="10"></svg>', 600, 10, {
      title: 't',
      legend,
      notes: [],
      font: 'sans-serif',
    });
    expect(svg).toMatch(/<circle [^>]*fill="white" stroke="#D55E00" stroke-width="2"\/>/);
    expect(svg).toMatch(/<path d="M[\d.]+,[\d.]+L[\d.]+,[\d.]+L[\d.]+,[\d.]+Z" fill="#E69F00"\/>/);
  });
});
