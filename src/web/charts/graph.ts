import * as Plot from '@observablehq/plot';
import { COLORS } from '../../charts/common.ts';
import { formatPoints } from '../../i18n/format.ts';
import type { Lang } from '../../i18n/index.ts';
import type { GraphEdge } from '../../audit/detail.ts';

export type { GraphEdge };

/**
 * Drawn at this width even in a narrower box (which then scrolls): narrower, the circle squeezes into an upright oval
 * and the labels of crossing arrows land on each other.
 */
export const GRAPH_WIDTH = 560;

/**
 * A ring or pair as a small graph: accounts on a circle, one bent arrow per giver → receiver with the points moved,
 * so A→B and B→A stay apart. Small by construction (a flag has a handful of accounts).
 */
export function graphSpec(lang: Lang, accounts: string[], edges: GraphEdge[]): Plot.PlotOptions {
  const n = accounts.length;
  const pos = new Map(
    accounts.map((a, i) => [
      a,
      { x: Math.cos((2 * Math.PI * i) / n - Math.PI / 2), y: Math.sin((2 * Math.PI * i) / n - Math.PI / 2) },
    ]),
  );
  const nodes = accounts.map((a) => ({ id: a, ...pos.get(a)! }));
  const lines = edges.map((e) => ({
    ...e,
    x1: pos.get(e.giver)!.x,
    y1: pos.get(e.giver)!.y,
    x2: pos.get(e.receiver)!.x,
    y2: pos.get(e.receiver)!.y,
  }));
  const widest = Math.max(1, ...edges.map((e) => e.points));
  return {
    width: GRAPH_WIDTH,
    height: 440,
    inset: 60,
    x: { axis: null, domain: [-1.2, 1.2] },
    y: { axis: null, domain: [-1.2, 1.2] },
    marks: [
      Plot.arrow(lines, {
        x1: 'x1',
        y1: 'y1',
        x2: 'x2',
        y2: 'y2',
        bend: 22,
        stroke: COLORS.vermillion,
        strokeWidth: (e: GraphEdge) => 1.5 + (3.5 * e.points) / widest,
        insetStart: 18,
        insetEnd: 18,
        headLength: 10,
      }),
      Plot.text(lines, {
        x: (e: (typeof lines)[number]) => (e.x1 + e.x2) / 2 + (e.y2 - e.y1) * 0.2,
        y: (e: (typeof lines)[number]) => (e.y1 + e.y2) / 2 - (e.x2 - e.x1) * 0.2,
        text: (e: GraphEdge) => `${formatPoints(lang, e.points)} (${e.transfers}×)`,
        fill: '#7a2c00',
        fontSize: 10,
        stroke: 'white',
        strokeWidth: 3,
        paintOrder: 'stroke',
      }),
      Plot.dot(nodes, { x: 'x', y: 'y', r: 16, fill: COLORS.sky, stroke: COLORS.blue }),
      Plot.text(nodes, { x: 'x', y: 'y', text: 'id', dy: -26, fontWeight: 600, fontSize: 12 }),
    ],
  };
}
