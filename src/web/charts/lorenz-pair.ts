import * as Plot from '@observablehq/plot';
import { COLORS } from '../../charts/common.ts';
import { lorenzSpec, type LorenzPoints } from '../../charts/lorenz.ts';
import type { Lang } from '../../i18n/index.ts';

/** The report's Lorenz chart with a second, dashed curve: what the distribution would have been. */
export function lorenzPairSpec(lang: Lang, actual: LorenzPoints, simulated: LorenzPoints): Plot.PlotOptions {
  const sim = [...simulated].sort((a, b) => a.p - b.p);
  return lorenzSpec(lang, actual, [
    Plot.line(sim, { x: 'p', y: 'l', stroke: COLORS.blue, strokeWidth: 2.5, strokeDasharray: '6 3' }),
  ]);
}
