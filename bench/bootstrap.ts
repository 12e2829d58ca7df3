// Gini bootstrap benchmark (issue 15: report --json's two intervals were ~4/5 of its CPU). One bootstrap of the size
// a 10M-row report makes (100,000 accounts, ~600 distinct sums, 1,000 resamples):
//   - the draw loop alone, ns a draw: JavaScript's (Xoshiro128.addUniformCounts), WebAssembly's one resample at a time
//     and four at a time (src/stats/draw-wasm.ts), the same counts;
//   - drawn on this thread alone: CPU seconds and nanoseconds a draw;
//   - shared with the bootstrap thread (wall time: two cores), against its floor, the same bootstrap on this thread
//     alone, and the same interval to the last bit.
// Best of 3, paired in one run. Usage: node --import tsx bench/bootstrap.ts [accounts=100000]
import { bootstrapGiniOffThread, startBootstrapThread } from '../src/stats/bootstrap-thread.ts';
import { GiniBootstrap } from '../src/stats/bootstrap.ts';
import { GroupDraws } from '../src/stats/draw-wasm.ts';
import { Xoshiro128 } from '../src/stats/prng.ts';
import { fmt } from './lib.ts';

const n = Number(process.argv[2] ?? 100_000);
const resamples = 1000;
const g = new Xoshiro128(15);
const values = Array.from({ length: n }, () => Math.round(600 * g.uniform() ** 1.5) * 37);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const timed = async (fn: () => unknown) => {
  const [c, t] = [cpu(), performance.now()];
  await fn();
  return { cpu: cpu() - c, wall: (performance.now() - t) / 1000 };
};
startBootstrapThread();
const best = { here: Number.POSITIVE_INFINITY, hereWall: Number.POSITIVE_INFINITY };
let sharedWall = Number.POSITIVE_INFINITY;
let sharedCpu = Number.POSITIVE_INFINITY;
let same = true;
for (let round = 0; round < 3; round++) {
  let alone: [number, number] | null = null;
  const here = await timed(() => {
    alone = new GiniBootstrap(values, { resamples }).interval();
  });
  best.here = Math.min(best.here, here.cpu);
  best.hereWall = Math.min(best.hereWall, here.wall);
  let shared: [number, number] | null = null;
  const s = await timed(async () => {
    shared = await bootstrapGiniOffThread(values, { resamples }, async (job) => {
      while (!job.done) {
        job.step(16);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    });
  });
  sharedWall = Math.min(sharedWall, s.wall);
  sharedCpu = Math.min(sharedCpu, s.cpu);
  same &&= JSON.stringify(alone) === JSON.stringify(shared);
}
const draws = n * resamples;
console.log(`Gini bootstrap: ${fmt(n, 0)} values × ${fmt(resamples, 0)} resamples (${fmt(draws / 1e6, 0)} M draws)`);
console.log(
  `  this thread: ${fmt(best.here, 3)} CPU s = ${fmt((best.here * 1e9) / draws, 2)} ns a draw (${fmt(best.hereWall, 3)} s wall)`,
);
console.log(
  `  shared with the bootstrap thread: ${fmt(sharedWall, 3)} s wall against ${fmt(best.hereWall, 3)} s alone = ${fmt(best.hereWall / sharedWall, 2)}× faster (CPU ${fmt(sharedCpu, 3)} s, both threads); same interval: ${same}`,
);

// The draw loops alone over the same sorted runs, paired in rounds (CPU of 100 resamples each).
const sorted = Float64Array.from(values).sort();
const groupOf = new Uint16Array(n);
for (let i = 1; i < n; i++) groupOf[i] = groupOf[i - 1] + (sorted[i] !== sorted[i - 1] ? 1 : 0);
const groups = groupOf[n - 1] + 1;
const wasm = GroupDraws.of(groupOf, groups) as GroupDraws;
const loop = { js: Number.POSITIVE_INFINITY, one: Number.POSITIVE_INFINITY, four: Number.POSITIVE_INFINITY };
let sameCounts = true;
for (let round = 0; round < 3; round++) {
  const [a, b, c] = [new Xoshiro128(round), new Xoshiro128(round), new Xoshiro128(round)];
  const js: number[] = [];
  const one: number[] = [];
  const four: number[] = [];
  const counts = new Uint32Array(groups);
  loop.js = Math.min(
    loop.js,
    (
      await timed(() => {
        for (let r = 0; r < 100; r++) {
          counts.fill(0);
          a.addUniformCounts(counts, n, groupOf);
          js.push(counts[0], counts[groups - 1]);
        }
      })
    ).cpu,
  );
  loop.one = Math.min(
    loop.one,
    (
      await timed(() => {
        for (let r = 0; r < 100; r++) {
          const k = wasm.resample(b, n);
          one.push(k[0], k[groups - 1]);
        }
      })
    ).cpu,
  );
  loop.four = Math.min(
    loop.four,
    (
      await timed(() => {
        for (let r = 0; r < 25; r++) for (const k of wasm.resample4(c, n)) four.push(k[0], k[groups - 1]);
      })
    ).cpu,
  );
  sameCounts &&= JSON.stringify(js) === JSON.stringify(one) && JSON.stringify(js) === JSON.stringify(four);
}
const ns = (s: number) => fmt((s * 1e9) / (100 * n), 2);
console.log(
  `  draw loop: JavaScript ${ns(loop.js)} ns a draw, WebAssembly ${ns(loop.one)} (${fmt(loop.js / loop.one, 2)}× faster), four lanes ${ns(loop.four)} (${fmt(loop.js / loop.four, 2)}× faster); same counts: ${sameCounts}`,
);
