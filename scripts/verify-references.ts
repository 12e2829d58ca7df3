/**
 * Opt-in check (not part of `npm test`): our Benford statistics against benford.analysis (R) on Nigrini's data.
 * The data are GPL-3, so they are read at run time from ../shared/reference/benford and never copied into the repo.
 * Prints each statistic beside the reference value and exits 1 if any falls outside its tolerance.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benford, type BenfordResult } from '../src/stats/benford.ts';
import type { DigitTest } from '../src/stats/benford-digits.ts';

const here = dirname(fileURLToPath(import.meta.url));
const refDir = resolve(here, '../../shared/reference/benford');

/** One numeric column of a reference CSV (these files have no quoted fields; refuse them if that changes). */
function column(file: string, name: string): number[] {
  const lines = readFileSync(resolve(refDir, file), 'utf8').trimEnd().split(/\r?\n/);
  const header = lines[0].split(',');
  const idx = header.indexOf(name);
  if (idx < 0) throw new Error(`${file}: no column ${name} in ${header.join(',')}`);
  return lines.slice(1).map((line, i) => {
    if (line.includes('"')) throw new Error(`${file}:${i + 2}: quoted fields are not supported`);
    const v = Number(line.split(',')[idx]);
    if (!Number.isFinite(v)) throw new Error(`${file}:${i + 2}: ${name} is not a number`);
    return v;
  });
}

const expected = JSON.parse(readFileSync(resolve(refDir, 'expected.json'), 'utf8'));
let failures = 0;

function check(label: string, actual: number | string, reference: number | string, relTol = 0): void {
  const ok =
    typeof actual === 'number' && typeof reference === 'number'
      ? Math.abs(actual - reference) <= relTol * Math.abs(reference)
      : actual === reference;
  if (!ok) failures++;
  const tol = relTol > 0 ? ` (rel tol ${relTol})` : '';
  console.log(
    `  ${ok ? 'PASS' : 'FAIL'}  ${label.padEnd(22)} ours ${String(actual).padEnd(22)} reference ${reference}${tol}`,
  );
}

function run(title: string, values: number[], test: DigitTest, minAbs: number): BenfordResult {
  const outcome = benford(values, test, { minAbs });
  console.log(`\n${title} — ${test === 'first' ? 'first digit' : 'first two digits'}`);
  if ('skipped' in outcome) throw new Error(`unexpectedly skipped: ${outcome.skipped}`);
  console.log(
    `  n = ${outcome.n}, χ² df = ${outcome.df}, MAD expected from sampling alone ≈ ${outcome.expectedMad.toFixed(6)}`,
  );
  return outcome;
}

const label = {
  close: 'Close conformity',
  acceptable: 'Acceptable conformity',
  marginal: 'Marginally acceptable conformity',
  nonconformity: 'Nonconformity',
};
const [cp1, cp2, cpAll] = expected.corporate_payment.tests;
const census = expected.census_2009.tests[0];

const amount = column('corporate.payment.csv', 'Amount');
const amount10 = amount.filter((x) => x >= 10);

const r1 = run('corporate.payment, Amount ≥ 10', amount10, 'first', 10);
check('n', r1.n, cp1.expected.n);
check('MAD', r1.mad, cp1.expected.MAD, 1e-3);
check('conformity', label[r1.conformity], cp1.derived_here.conformity);
check('χ² (R, derived)', r1.chiSquare, cp1.derived_here.chisq, 1e-6);

const r2 = run('corporate.payment, Amount ≥ 10', amount10, 'firstTwo', 10);
check('n', r2.n, cp1.expected.n);
check('MAD', r2.mad, cp2.expected.MAD, 1e-3);
check('conformity', label[r2.conformity], cp2.derived_here.conformity);
check('χ² (R, derived)', r2.chiSquare, cp2.derived_here.chisq, 1e-6);

// All positives, values < 10 included: here R's trunc(10^k·x) reads 0.29 as 28 and we read 29 (see
// src/stats/benford-digits.ts), so MAD agrees but χ² is compared with the exact-decimal value in the README.
const r3 = run(
  'corporate.payment, all positive Amount',
  amount.filter((x) => x > 0),
  'firstTwo',
  0,
);
check('n', r3.n, cpAll.expected.n);
check('MAD', r3.mad, cpAll.expected.MAD, 1e-3);
check('conformity', label[r3.conformity], cpAll.expected.conformity);
check('χ² (exact decimal)', Number(r3.chiSquare.toFixed(2)), 32100.9, 1e-6);
console.log(`  info  R's χ² with float truncation is ${cpAll.expected.chisq} (df ${cpAll.expected.df})`);

const pop10 = column('census.2009.csv', 'pop.2009').filter((x) => x >= 10);
const c2 = run('census.2009, pop ≥ 10', pop10, 'firstTwo', 10);
check('n', c2.n, census.n);
check('round(χ²)', Math.round(c2.chiSquare), census.expected['round(chisq)']);
check('MAD (derived)', c2.mad, census.derived_here.MAD, 1e-6);
check('conformity', label[c2.conformity], census.derived_here.conformity);
const c1 = run('census.2009, pop ≥ 10', pop10, 'first', 10);
check('MAD (derived)', c1.mad, census.derived_here.MAD_first_digit, 1e-6);
check('conformity', label[c1.conformity], census.derived_here.conformity_first_digit);

console.log(failures === 0 ? '\nAll reference checks passed.' : `\n${failures} reference check(s) FAILED.`);
process.exit(failures === 0 ? 0 : 1);
