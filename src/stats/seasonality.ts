/**
 * The seasonality of a regularly sampled series, inferred from the data: the sampling step is the median gap
 * between timestamps; the period is the daily or weekly cycle in steps, whichever autocorrelates better, or else
 * the lag of highest autocorrelation; 1 (no seasonality) when nothing repeats. A period is only usable when the
 * series holds `minPeriods` of them (the band needs that many periods of history).
 */
export function samplingStep(times: readonly number[]): number {
  const gaps = times
    .slice(1)
    .map((t, i) => t - times[i])
    .sort((a, b) => a - b);
  return gaps[gaps.length >> 1];
}

export function autocorrelation(x: readonly number[], lag: number): number {
  const n = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    den += (x[i] - mean) ** 2;
    if (i >= lag) num += (x[i] - mean) * (x[i - lag] - mean);
  }
  return den === 0 ? 0 : num / den;
}

/** Autocorrelation below this is no seasonality worth removing. */
const MIN_ACF = 0.2;

export interface Seasonality {
  steps: number;
  acf: number;
  source: 'daily' | 'weekly' | 'autocorrelation' | 'none';
}

export function inferPeriod(times: readonly number[], values: readonly number[], minPeriods: number): Seasonality {
  const step = samplingStep(times);
  const longest = Math.floor(values.length / minPeriods);
  const calendar: Seasonality[] = [
    { steps: Math.round(86_400_000 / step), acf: 0, source: 'daily' },
    { steps: Math.round((7 * 86_400_000) / step), acf: 0, source: 'weekly' },
  ];
  const fits = calendar
    .filter((p) => p.steps >= 2 && p.steps <= longest)
    .map((p) => ({ ...p, acf: autocorrelation(values, p.steps) }));
  const best = fits.sort((a, b) => b.acf - a.acf)[0];
  if (best && best.acf >= MIN_ACF) return best;
  // Neighbours of a smooth series always correlate: the period is the highest autocorrelation after the first
  // trough, where that decay has ended.
  const acf = [1];
  for (let lag = 1; lag <= Math.min(longest, 2000); lag++) acf.push(autocorrelation(values, lag));
  let lag = 1;
  while (lag + 1 < acf.length && acf[lag + 1] < acf[lag]) lag++;
  let scan: Seasonality = { steps: 1, acf: 0, source: 'none' };
  for (lag++; lag < acf.length; lag++)
    if (acf[lag] > scan.acf) scan = { steps: lag, acf: acf[lag], source: 'autocorrelation' };
  return scan.acf >= MIN_ACF ? scan : { steps: 1, acf: 0, source: 'none' };
}
