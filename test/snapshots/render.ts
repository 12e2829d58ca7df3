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
  return (chart as unknown as { outerHTML: string }).outerHTML;
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
