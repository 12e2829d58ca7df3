import { UserError } from '../errors.ts';
import { runAb } from '../experiments/run.ts';
import { abText } from '../experiments/text.ts';
import { openSource } from './source.ts';
import { DEFAULT_DB, parse, printJson, requireString, sourceOptions } from './args.ts';

export const summary = 'compare the arms of a rule experiment (A/B): SRM, Welch, Mann–Whitney, bootstrap, Holm, CUPED';

const options = {
  ...sourceOptions,
  experiment: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  assignments: { type: 'string' },
  rule: { type: 'string' },
  split: { type: 'string' },
  control: { type: 'string' },
  winsorize: { type: 'boolean' },
  seed: { type: 'string' },
  resamples: { type: 'string' },
} as const;

const HELP = `Usage: ledger-lens ab --experiment ID [--from DATE --to DATE] [--assignments F] [--rule R]
                      [--split A=0.5,B=0.5] [--control A] [--winsorize] [--seed N] [--resamples N]
                      [--db P | --ledger F [--accounts F --rules F --mapping F --config F --encoding E]] [--json]

Compares the arms of an experiment per account (README.md, "Experiments"): issued points, active days, redemption ratio
(delta method) and retained (active in the window's last 30 days); sample-ratio mismatch against the designed split;
Welch t with absolute and relative lift and 95 % intervals; Mann–Whitney U; seeded bootstrap for medians and the
Gini difference; Holm correction across metrics; CUPED with the pre-period (the period of equal length before the
window) when it has activity; minimum detectable effect.
  --experiment ID      the experiment_id on the ledger rows (or in the assignment file)
  --from/--to DATE     the window, YYYY-MM-DD, --to exclusive; default: the days the experiment's rows span
  --assignments F      CSV account_id,experiment_id,variant: the arms, including assigned accounts with no activity
                       (they count with zeros); default: the variant on the experiment's ledger rows
  --rule R             count only rule R in the issued metric (the rule the experiment changed)
  --split A=0.5,B=0.5  the designed split for the SRM check; default equal
  --control V          the control arm; default the first variant in sort order
  --winsorize          cap per-account values at the pooled 99.9th percentile before testing
  --seed N             seed of the bootstrap (default 1); --resamples N (default 2000, at least 2000 advised)
  --json               print the result as one JSON document
`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse('ab', argv, options);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const experiment = requireString('ab', 'experiment', values.experiment);
  const abOpts = {
    experiment,
    from: values.from,
    to: values.to,
    assignments: values.assignments,
    rule: values.rule,
    split: values.split === undefined ? undefined : parseSplit(values.split),
    control: values.control,
    winsorize: values.winsorize ?? false,
    seed: values.seed === undefined ? undefined : integer('seed', values.seed, -(2 ** 31), 2 ** 31 - 1),
    resamples: values.resamples === undefined ? undefined : integer('resamples', values.resamples, 1, 1_000_000),
  };
  const source = await openSource({ ...values, db: values.db ?? DEFAULT_DB });
  try {
    if (source.quarantined > 0)
      process.stderr.write(
        `note: ${source.quarantined} rows were quarantined and left out; run ledger-lens check for the reasons\n`,
      );
    const result = await runAb(source.db, abOpts);
    if (values.json) printJson(result);
    else process.stdout.write(abText(result));
  } finally {
    source.db.close();
  }
  return 0;
}

/** `A=0.5,B=0.5` → { A: 0.5, B: 0.5 }. */
export function parseSplit(text: string): Record<string, number> {
  const split: Record<string, number> = {};
  for (const part of text.split(',')) {
    const m = /^\s*([^=\s][^=]*?)\s*=\s*([0-9.]+)\s*$/.exec(part);
    const w = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(w) || w < 0 || m[1]! in split) {
      throw new UserError('bad_usage', `--split "${text}" is not a list of VARIANT=WEIGHT`, {
        hint: 'e.g. --split A=0.5,B=0.5 (weights need not sum to 1).',
      });
    }
    split[m[1]!] = w;
  }
  if (!Object.values(split).some((w) => w > 0))
    throw new UserError('bad_usage', `--split "${text}" gives no arm a positive weight`, {
      hint: 'e.g. --split A=0.5,B=0.5',
    });
  return split;
}

function integer(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || n < min || n > max)
    throw new UserError('bad_usage', `--${name} "${text}" is not an integer in ${min} … ${max}`, {
      hint: `e.g. --${name} 2000`,
    });
  return n;
}
