import { UserError } from '../errors.ts';
import { MAX_MONTHS, PROGRAM_END } from '../sample/calendar.ts';
import { generateSample, SAMPLE_DEFAULTS, type SampleProgress } from '../sample/generate.ts';
import { parse, printJson, requireString } from './args.ts';

export const summary = 'write the seeded sample ledger, roster, rules and labels';

const HELP = `Usage: ledger-lens sample --out DIR [--accounts N] [--months N] [--seed N] [--density X] [--clean] [--json]

Writes a generated points ledger with known injected abuse into DIR: ledger.csv, ledger.parquet, accounts.csv,
rules.csv, items.csv, assignments.csv, program.json and labels.json. The same options always give the same bytes.

  --out DIR       where to write (created if missing; files of the same names are replaced)
  --accounts N    roster size (default ${SAMPLE_DEFAULTS.accounts}; 100–1000000)
  --months N      months of history ending ${PROGRAM_END} (default ${SAMPLE_DEFAULTS.months}; 3–${MAX_MONTHS})
  --seed N        seed of every random choice (default ${SAMPLE_DEFAULTS.seed})
  --density X     multiplies everyone's activity (default ${SAMPLE_DEFAULTS.density}; about 28 rows per account over
                  24 months; --density 4 gives ~100, e.g. 10 million rows for 100000 accounts)
  --clean         inject no abuse (labels.json then has no cases): for measuring false positives
  --json          print {out, files, rows, accounts, seed} on stdout`;

function number(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
  integer = true,
): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || (integer && !Number.isInteger(v)) || v < min || v > max) {
    throw new UserError(
      'bad_usage',
      `ledger-lens sample: --${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got "${raw}"`,
      {
        hint: 'Run `ledger-lens sample --help` for the options.',
      },
    );
  }
  return v;
}

/** Progress on stderr about once a second, only for runs big enough to take a while. */
function progressPrinter(accounts: number, months: number, density: number) {
  if (accounts * months * density < 200_000) return undefined;
  const start = process.hrtime.bigint();
  let last = start;
  return (p: SampleProgress) => {
    const now = process.hrtime.bigint();
    if (now - last < 1_000_000_000n && p.day !== p.days) return;
    last = now;
    const secs = Number(now - start) / 1e9;
    process.stderr.write(
      `sample: day ${p.day}/${p.days}, ${p.rows.toLocaleString('en')} rows, ${Math.round(p.rows / secs).toLocaleString('en')} rows/s\n`,
    );
  };
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parse('sample', argv, {
    out: { type: 'string' },
    accounts: { type: 'string' },
    months: { type: 'string' },
    seed: { type: 'string' },
    density: { type: 'string' },
    clean: { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const opts = {
    out: requireString('sample', 'out', values.out),
    accounts: number('accounts', values.accounts, SAMPLE_DEFAULTS.accounts, 100, 1_000_000),
    months: number('months', values.months, SAMPLE_DEFAULTS.months, 3, MAX_MONTHS),
    seed: number('seed', values.seed, SAMPLE_DEFAULTS.seed, 0, 2 ** 32 - 1),
    density: number('density', values.density, SAMPLE_DEFAULTS.density, 0.05, 20, false),
    clean: values.clean ?? false,
  };
  const started = process.hrtime.bigint();
  const result = await generateSample(opts, progressPrinter(opts.accounts, opts.months, opts.density));
  const secs = Number(process.hrtime.bigint() - started) / 1e9;
  if (values.json) {
    const { out, files, rows, accounts, seed } = result;
    printJson({ out, files, rows, accounts, seed });
  } else {
    process.stdout.write(
      `wrote ${result.rows.toLocaleString('en')} ledger rows for ${result.accounts} accounts (${result.range.from} to ${result.range.to}), ` +
        `${result.cases} labelled cases, seed ${result.seed}, in ${secs.toFixed(1)} s\n`,
    );
    for (const f of result.files)
      process.stdout.write(`  ${result.out}/${f.name}  ${(f.bytes / 1024).toFixed(0)} KiB\n`);
  }
  return 0;
}
