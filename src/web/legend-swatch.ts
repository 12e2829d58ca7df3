/** The mark a legend entry shows: the chart's own mark, so a spike (dot) is told from a drop (ring) or a rule's
 *  drop (downward triangle). One drawing for the page's HTML legend and the downloaded figure's SVG legend. */
export type SwatchShape = 'line' | 'dash' | 'box' | 'tick' | 'column' | 'dot' | 'ring' | 'diamond' | 'triangle-down';

export interface SwatchElement {
  tag: 'rect' | 'circle' | 'path' | 'line';
  attrs: Record<string, string | number>;
}

/** The swatch inside a 22 × 12 box whose top-left corner is (x, y). */
export function swatchElement(shape: SwatchShape | undefined, color: string, x = 0, y = 0): SwatchElement {
  switch (shape) {
    case 'box':
      return { tag: 'rect', attrs: { x: x + 4, y: y + 1, width: 14, height: 10, fill: color } };
    case 'tick':
      return { tag: 'rect', attrs: { x: x + 10, y, width: 3, height: 12, fill: color } };
    // A campaign day's column: as wide as the chart draws it.
    case 'column':
      return { tag: 'rect', attrs: { x: x + 7, y, width: 8, height: 12, fill: color } };
    case 'dot':
      return { tag: 'circle', attrs: { cx: x + 11, cy: y + 6, r: 4.5, fill: color } };
    case 'ring':
      return { tag: 'circle', attrs: { cx: x + 11, cy: y + 6, r: 4, fill: 'white', stroke: color, 'stroke-width': 2 } };
    case 'diamond':
      return {
        tag: 'path',
        attrs: {
          d: `M${x + 11},${y + 0.5}L${x + 16.5},${y + 6}L${x + 11},${y + 11.5}L${x + 5.5},${y + 6}Z`,
          fill: color,
        },
      };
    case 'triangle-down':
      return {
        tag: 'path',
        attrs: { d: `M${x + 5},${y + 1.5}L${x + 17},${y + 1.5}L${x + 11},${y + 11.5}Z`, fill: color },
      };
    default:
      return {
        tag: 'line',
        attrs: {
          x1: x,
          y1: y + 6,
          x2: x + 22,
          y2: y + 6,
          stroke: color,
          'stroke-width': 2.5,
          ...(shape === 'dash' ? { 'stroke-dasharray': '5 3' } : {}),
        },
      };
  }
}
