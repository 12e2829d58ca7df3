// The Numenta Anomaly Benchmark series (realKnownCause, realAdExchange, realTweets) through the detector behind the
// daily chart (src/stats/robust-band.ts, two-sided, log scale; default program-spike settings: alpha, weeks), with the
// period inferred from the data (src/stats/seasonality.ts), as the chart's band judges a point and again with the
// audit's effect-size floor for a program total (≥ 3× up, ≤ a third down), beside a plain rolling median ± k·MAD
// baseline (k = 3.5, Iglewicz–Hoaglin's modified-z cut, window = one period, at least 12 steps). None of it was tuned
// here: the detector's settings are the audit's defaults, calibrated on the scenario matrix and the bundled sample.
// Per series: the label windows found (at least one detection inside), missed, and false positives (detections
// outside every window, as points and as separate events). Opt-in: reads ../shared/reference/anomaly.
// Usage: npm run verify:nab [-- --dir PATH]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultAuditSettings } from '../src/audit/settings.ts';
import { inferPeriod, samplingStep } from '../src/stats/seasonality.ts';
import { bandSpikes, rollingMadSpikes } from './nab-band.ts';

const ROOT = join(import.meta.dirname, '..');
const i = process.argv.indexOf('--dir');
// ../shared beside the checkout; a git worktree under wt/ has it one level further up.
const candidates = [
  join(ROOT, '..', 'shared', 'reference', 'anomaly'),
  join(ROOT, '..', '..', 'shared', 'reference', 'anomaly'),
];
const dir = i >= 0 ? process.argv[i + 1] : (candidates.find((d) => existsSync(d)) ?? candidates[0]);
if (!existsSync(join(dir, 'labels', 'combined_windows.json'))) {
  console.error(`verify:nab: the NAB reference folder is not there: ${dir} (expected labels/combined_windows.json).`);
  console.error("Put the NAB series in ../shared/reference/anomaly (see that folder's README) or pass --dir PATH.");
  process.exit(2);
}

const audit = defaultAuditSettings();
const settings = audit.program_spike;
const windows = JSON.parse(readFileSync(join(dir, 'labels', 'combined_windows.json'), 'utf8')) as Record<
  string,
  [string, string][]
>;
const ms = (s: string) => Date.parse(`${s.slice(0, 19).replace(' ', 'T')}Z`);

interface Score {
  found: number;
  missed: number;
  fpPoints: number;
  fpEvents: number;
}

function score(times: number[], spikes: boolean[], spans: [number, number][], step: number): Score {
  const inside = (t: number) => spans.some(([a, b]) => t >= a && t <= b);
  const found = spans.filter(([a, b]) => times.some((t, k) => spikes[k] && t >= a && t <= b)).length;
  let fpPoints = 0;
  let fpEvents = 0;
  let last = -Infinity;
  times.forEach((t, k) => {
    if (!spikes[k] || inside(t)) return;
    fpPoints++;
    // Detections within an hour (or three steps) of the previous one are the same event.
    if (t - last > Math.max(3 * step, 3_600_000)) fpEvents++;
    last = t;
  });
  return { found, missed: spans.length - found, fpPoints, fpEvents };
}

/** Iglewicz & Hoaglin's modified-z cut for the plain baseline. */
const K = 3.5;
const rows: Record<string, string | number>[] = [];
const detectors = ['band', 'floor', 'mad'] as const;
const totals = { windows: 0, ...Object.fromEntries(detectors.map((d) => [d, { found: 0, fp: 0 }])) } as {
  windows: number;
} & Record<(typeof detectors)[number], { found: number; fp: number }>;
for (const group of ['realKnownCause', 'realAdExchange', 'realTweets']) {
  if (!existsSync(join(dir, group))) continue;
  for (const file of readdirSync(join(dir, group))
    .filter((f) => f.endsWith('.csv'))
    .sort()) {
    const key = `${group}/${file}`;
    const lines = readFileSync(join(dir, group, file), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    const times = lines.map((l) => ms(l.split(',')[0]));
    const values = lines.map((l) => Number(l.split(',')[1]));
    const spans = (windows[key] ?? []).map(([a, b]) => [ms(a), ms(b)] as [number, number]);
    const period = inferPeriod(times, values, 2 * settings.weeks);
    const step = samplingStep(times);
    const plain = bandSpikes(values, period.steps, settings.weeks, settings.alpha, step, null);
    const floored = bandSpikes(
      values,
      period.steps,
      settings.weeks,
      settings.alpha,
      step,
      1 + settings.min_excess_ratio,
    );
    const scores = {
      band: score(times, plain.spikes, spans, step),
      floor: score(times, floored.spikes, spans, step),
      mad: score(times, rollingMadSpikes(values, Math.max(period.steps, 12), K), spans, step),
    };
    totals.windows += spans.length;
    for (const d of detectors) {
      totals[d].found += scores[d].found;
      totals[d].fp += scores[d].fpEvents;
    }
    const cell = (x: Score) => `${x.found} / ${x.missed} / ${x.fpEvents} (${x.fpPoints} pts)`;
    rows.push({
      series: key.replace('.csv', ''),
      points: values.length,
      step: `${Math.round(step / 60_000)} min`,
      period: `${period.steps} ${period.source} ${period.acf.toFixed(2)}`,
      z: plain.threshold.toFixed(2),
      windows: spans.length,
      'band: found / missed / FP': cell(scores.band),
      'band + 3× floor': cell(scores.floor),
      'median±3.5·MAD': cell(scores.mad),
    });
  }
}
console.log(
  `NAB (${dir}): band = the chart's two-sided robust band (log scale, ${settings.weeks} periods, period inferred, |z| above the threshold of alpha ${settings.alpha} false alarms a year at the series' step); band + 3× floor = also the audit's effect size for a program total (≥ ${1 + settings.min_excess_ratio}× up, ≤ 1/${1 + settings.min_excess_ratio} down); baseline = trailing rolling median ± ${K}·MAD (modified z), window = one period (at least 12 steps). Cells: windows found / missed / false-positive events (points).`,
);
console.table(rows);
console.log(
  `total: ${totals.windows} windows; band found ${totals.band.found} (${totals.band.fp} false-positive events); band + floor found ${totals.floor.found} (${totals.floor.fp}); rolling median ± k·MAD found ${totals.mad.found} (${totals.mad.fp})`,
);
