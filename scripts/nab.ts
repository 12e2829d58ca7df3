// The Numenta Anomaly Benchmark series (realKnownCause, realAdExchange, realTweets) through the detector behind the
// daily chart (src/audit/spike-days.ts judgeSpikes, default program-spike settings), with the period inferred from the
// data, beside a plain rolling median ± k·MAD baseline (k = the same modified-z threshold, window = one period).
// Per series: the label windows found (at least one detection inside), missed, and false positives (detections
// outside every window, as points and as separate events). Opt-in: reads ../shared/reference/anomaly.
// Usage: npm run verify:nab [-- --dir PATH]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultAuditSettings } from '../src/audit/settings.ts';
import { periodicSpikes, rollingMadSpikes } from './nab-band.ts';
import { inferPeriod } from './nab-period.ts';

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

const rows: Record<string, string | number>[] = [];
const totals = { windows: 0, band: { found: 0, fp: 0 }, mad: { found: 0, fp: 0 } };
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
    const step = times[1] - times[0];
    const band = score(times, periodicSpikes(values, period.steps, audit), spans, step);
    const mad = score(times, rollingMadSpikes(values, Math.max(period.steps, 12), settings.z), spans, step);
    totals.windows += spans.length;
    totals.band.found += band.found;
    totals.band.fp += band.fpEvents;
    totals.mad.found += mad.found;
    totals.mad.fp += mad.fpEvents;
    const cell = (x: Score) => `${x.found} / ${x.missed} / ${x.fpEvents} (${x.fpPoints} pts)`;
    rows.push({
      series: key.replace('.csv', ''),
      points: values.length,
      step: `${Math.round(step / 60_000)} min`,
      period: `${period.steps} ${period.source} ${period.acf.toFixed(2)}`,
      windows: spans.length,
      'chart: found / missed / FP events': cell(band),
      'median±k·MAD: found / missed / FP events': cell(mad),
    });
  }
}
console.log(
  `NAB (${dir}): chart detector = judgeSpikes (weekday band) with the period inferred (z ${settings.z}, value ≥ ${1 + settings.min_excess_ratio}× expected, ${settings.weeks} periods); baseline = trailing rolling median ± ${settings.z}·MAD (modified z), window = one period (at least 12 steps)`,
);
console.table(rows);
console.log(
  `total: ${totals.windows} windows; chart detector found ${totals.band.found}, ${totals.band.fp} false-positive events; rolling median ± k·MAD found ${totals.mad.found}, ${totals.mad.fp} false-positive events`,
);
