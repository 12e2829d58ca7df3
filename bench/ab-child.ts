// One measured run of the A/B benchmark, in its own process (see bench/ab.ts): `ab` on a database, or the
// two-arm bootstrap alone on generated per-account values.
import { Database } from '../src/db/database.ts';
import { bootstrapArms } from '../src/experiments/arm-bootstrap.ts';
import { runAb } from '../src/experiments/run.ts';
import { Xoshiro128 } from '../src/stats/prng.ts';

const [mode, arg] = process.argv.slice(2);
const seconds = (t: number) => (performance.now() - t) / 1000;

if (mode === 'ab') {
  const t0 = performance.now();
  const db = await Database.open(arg!, { readOnly: true });
  const opened = seconds(t0);
  const t1 = performance.now();
  const r = await runAb(db, { experiment: 'EXP-BENCH' });
  const ab = seconds(t1);
  db.close();
  console.log(
    JSON.stringify({
      open: opened,
      ab,
      accounts: r.arms.reduce((s, a) => s + a.n, 0),
      resamples: r.bootstrap.resamples,
    }),
  );
} else {
  // Skewed per-account points (most small, a few large) and active days, as a points ledger has them.
  const n = Number(arg);
  const rng = new Xoshiro128(42);
  const arm = (size: number) => {
    const issued = Float64Array.from({ length: size }, () => Math.round(-100 * Math.log(1 - rng.uniform())));
    const days = Float64Array.from({ length: size }, () => Math.floor(rng.uniform() * 60));
    return [issued, days];
  };
  const control = arm(n / 2);
  const treatment = arm(n / 2);
  const t = performance.now();
  bootstrapArms(control, treatment, { resamples: 2000, seed: 1 });
  console.log(JSON.stringify({ bootstrap: seconds(t), accounts: n }));
}
