import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { CHART_FONT_PX } from '../../src/charts/common.ts';

/**
 * Renders a spec to markup the way the printable report does (linkedom, no browser), with one addition: colour-ramp
 * legends paint a canvas, which linkedom lacks, so a stub canvas records the colours it is given and returns them as
 * its "image". The snapshot then still changes when a scale's colours do.
 */
export function renderChart(options: Plot.PlotOptions): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const createElement = document.createElement.bind(document);
  document.createElement = ((name: string) =>
    name === 'canvas' ? stubCanvas() : createElement(name)) as typeof document.createElement;
  const chart = Plot.plot({
    ...options,
    document: document as unknown as Document,
    style: { fontSize: `${CHART_FONT_PX}px`, background: 'white', overflow: 'visible' },
  });
  return numberClipsInOrder((chart as unknown as { outerHTML: string }).outerHTML);
}

/** Plot names a mark's clip path from a counter global to the process, so the same chart would differ by which
 *  charts were drawn before it; the snapshot numbers them within the chart instead. */
function numberClipsInOrder(markup: string): string {
  const order = new Map<string, number>();
  return markup.replace(/plot-clip-\d+/g, (id) => {
    if (!order.has(id)) order.set(id, order.size + 1);
    return `plot-clip-${order.get(id)}`;
  });
}

function stubCanvas() {
  const painted: string[] = [];
  const context = {
    fillStyle: '',
    fillRect() {
      painted.push(String(context.fillStyle));
    },
  };
  return {
    width: 0,
    height: 0,
    getContext: () => context,
    toDataURL: () => `data:text/plain,${encodeURIComponent(painted.join(' '))}`,
  };
}
