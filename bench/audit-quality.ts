// Audit quality on the scenario matrix (issue 13, item 3). For every shape: the clean twin and the weak, medium and
// strong variants are generated, imported into DuckDB and audited over the year; flags are matched to labels
// (bench/audit-quality-match.ts says how) and recall and precision are printed per abuse kind, shape and strength,
// with flags per 1,000 accounts on each clean twin. Calibration shapes are printed too; the verdict against the
// targets uses holdout shapes only. JSON goes to bench/out/audit-quality.json.
// Usage: npm run bench:audit-quality -- [--large] [--only NAME[,NAME]] [--strengths weak,medium,strong]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  STRENGTHS,
  CALIBRATION_EXTRA,
  DEFAULT_MATRIX,
  LARGE_SHAPE,
  type Shape,
  type Strength,
} from '../src/sample/scenarios/shape.ts';
import { ANSWERS, score, TARGETS, type KindScore } from './audit-quality-match.ts';
import { runVariant } from './audit-quality-run.ts';
import { ROOT } from './lib.ts';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = opt('--only')?.split(',');
const strengths = (opt('--strengths')?.split(',') ?? STRENGTHS) as Strength[];
const shapes: Shape[] = [
  ...DEFAULT_MATRIX,
  ...(args.includes('--large') ? [LARGE_SHAPE] : []),
  // Extra calibration shapes run only when named.
  ...CALIBRATION_EXTRA.filter((s) => only?.includes(s.name)),
].filter((s) => !only || only.includes(s.name));

interface ShapeResult {
  shape: Shape;
  clean: { accounts: number; rows: number; flags: number; per_1000: number; by_check: Record<string, number> };
  strengths: { strength: Strength; rows: number; scores: KindScore[]; other_flags: Record<string, number> }[];
  seconds: number;
}

const f2 = (x: number | null) => (x === null ? '—' : x.toFixed(2));
const results: ShapeResult[] = [];
for (const shape of shapes) {
  const t0 = performance.now();
  const clean = await runVariant(shape, 'clean');
  const byCheck: Record<string, number> = {};
  for (const f of clean.flags) byCheck[f.check] = (byCheck[f.check] ?? 0) + 1;
  const res: ShapeResult = {
    shape,
    clean: {
      accounts: clean.summary.accounts,
      rows: clean.summary.rows,
      flags: clean.flags.length,
      per_1000: (clean.flags.length / clean.summary.accounts) * 1000,
      by_check: byCheck,
    },
    strengths: [],
    seconds: 0,
  };
  console.log(
    `\n== ${shape.name} (${shape.split}, seed ${shape.seed}): ${shape.accounts} accounts, ×${shape.scale}, ${shape.week}, ${shape.rules} rules, ${shape.approversPerTeam} approver(s)/team, ${shape.seasons.join('+')}, ${shape.campaigns} campaigns`,
  );
  console.log(
    `clean twin: ${clean.summary.rows.toLocaleString('en')} rows, ${clean.flags.length} flags = ${res.clean.per_1000.toFixed(2)} per 1,000 accounts ${JSON.stringify(byCheck)} (generate ${clean.seconds.generate.toFixed(1)} s, import ${clean.seconds.import.toFixed(1)} s, audit ${clean.seconds.audit.toFixed(1)} s)`,
  );
  for (const strength of strengths) {
    const run = await runVariant(shape, strength);
    const scores = score(run.flags, run.summary.cases);
    const answering = new Set(Object.values(ANSWERS).flat());
    const other: Record<string, number> = {};
    for (const f of run.flags) if (!answering.has(f.check)) other[f.check] = (other[f.check] ?? 0) + 1;
    res.strengths.push({ strength, rows: run.summary.rows, scores, other_flags: other });
  }
  res.seconds = (performance.now() - t0) / 1000;
  const table = res.strengths.flatMap((s) =>
    s.scores.map((k) => ({
      strength: s.strength,
      kind: k.kind,
      labels: k.labels,
      found: k.found,
      recall: f2(k.recall),
      flags: k.flags,
      true_flags: k.true_flags,
      precision: f2(k.precision),
    })),
  );
  console.table(table);
  for (const s of res.strengths)
    if (Object.keys(s.other_flags).length)
      console.log(`  ${s.strength}: flags of checks without a label kind ${JSON.stringify(s.other_flags)}`);
  console.log(`(${res.seconds.toFixed(0)} s for this shape)`);
  results.push(res);
}

const SPLIT_LETTER = { calibration: 'C', holdout: 'H', 'looked-at': 'L' } as const;

// One table for all shapes at medium strength: recall / precision per kind, and the clean twins' rate.
const summary: Record<string, Record<string, string>> = {};
for (const r of results) {
  const col = `${r.shape.name} (${SPLIT_LETTER[r.shape.split]})`;
  for (const k of r.strengths.find((s) => s.strength === 'medium')?.scores ?? [])
    (summary[k.kind] ??= {})[col] = k.labels ? `${f2(k.recall)} / ${f2(k.precision)}` : '—';
  (summary['clean flags per 1,000'] ??= {})[col] = r.clean.per_1000.toFixed(1);
}
console.log(
  '\nMedium strength, recall / precision per kind (C = calibration, H = holdout, L = looked-at holdout); last row: clean twin flags per 1,000 accounts',
);
console.table(summary);

/** Misses of the targets at medium strength and on the clean twins, for the shapes of one split. */
function missesOf(split: Shape['split']): string[] {
  const misses: string[] = [];
  for (const r of results.filter((x) => x.shape.split === split)) {
    if (r.clean.per_1000 > TARGETS.cleanPer1000)
      misses.push(
        `${r.shape.name}: clean twin ${r.clean.per_1000.toFixed(2)} flags per 1,000 accounts > ${TARGETS.cleanPer1000} ${JSON.stringify(r.clean.by_check)}`,
      );
    const medium = r.strengths.find((s) => s.strength === 'medium');
    for (const k of medium?.scores ?? []) {
      if (k.labels === 0) continue;
      if ((k.recall ?? 0) < TARGETS.recall)
        misses.push(`${r.shape.name}: ${k.kind} recall ${f2(k.recall)} (${k.found}/${k.labels}) < ${TARGETS.recall}`);
      if (k.precision !== null && k.precision < TARGETS.precision)
        misses.push(
          `${r.shape.name}: ${k.kind} precision ${f2(k.precision)} (${k.true_flags}/${k.flags}) < ${TARGETS.precision}`,
        );
    }
  }
  return misses;
}

// Verdict on holdout shapes only; the looked-at holdouts (their misses steered the work) are reported apart.
const targets = `medium strength; targets recall ≥ ${TARGETS.recall}, precision ≥ ${TARGETS.precision}, clean ≤ ${TARGETS.cleanPer1000} per 1,000`;
const misses = missesOf('holdout');
const named = (split: Shape['split']) =>
  results
    .filter((x) => x.shape.split === split)
    .map((x) => x.shape.name)
    .join(', ');
console.log(`\nHoldout verdict (${named('holdout') || 'no holdout shape run'}; ${targets}):`);
console.log(misses.length ? misses.map((m) => `  MISS ${m}`).join('\n') : '  every target met');
const seen = missesOf('looked-at');
if (named('looked-at')) {
  console.log(`Looked-at holdout, not a clean test (${named('looked-at')}; ${targets}):`);
  console.log(seen.length ? seen.map((m) => `  MISS ${m}`).join('\n') : '  every target met');
}
mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true });
const out = join(ROOT, 'bench', 'out', 'audit-quality.json');
writeFileSync(
  out,
  `${JSON.stringify({ targets: TARGETS, shapes: results, holdout_misses: misses, looked_at_misses: seen }, null, 2)}\n`,
);
console.log(`JSON: ${out}`);
