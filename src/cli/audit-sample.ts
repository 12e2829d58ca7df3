import { writeFileSync } from 'node:fs';
import { auditPeriod } from '../audit/period.ts';
import {
  spotCheck,
  SPOT_CHECK_RATE,
  SPOT_CHECK_SEED,
  SPOT_CHECK_COLUMNS,
  type SpotCheck,
} from '../audit/spot-check.ts';
import { UserError } from '../errors.ts';
import { toCsv } from '../csv.ts';
import { openSource } from './source.ts';
import { DEFAULT_DB, parse, printJson, sourceOptions } from './args.ts';
import { pseudonymizeOption } from '../privacy/key.ts';

export const summary =
  'seeded random audit sample of the rows of a period (--rate 0.1, --seed N, --by ATTRIBUTE, --csv F)';

const options = {
  ...sourceOptions,
  from: { type: 'string' },
  to: { type: 'string' },
  rate: { type: 'string' },
  seed: { type: 'string' },
  by: { type: 'string' },
  csv: { type: 'string' },
  pseudonymize: { type: 'boolean' },
} as const;

const HELP = `Usage: ledger-lens audit-sample [--from DATE --to DATE] [--rate 0.1] [--seed N] [--by ATTRIBUTE] [--csv F | --json]
                                [--db P | --ledger F [--accounts F --rules F --mapping F --config F --encoding E]]

Draws the random spot check: in every month of the period (and every value of --by) round(rate × rows) rows,
the same rows for the same seed and data, with the evidence columns.
  --from/--to DATE   the period, YYYY-MM-DD, --to exclusive; default: the latest complete quarter in the data
  --rate R           share drawn per stratum (default ${SPOT_CHECK_RATE})
  --seed N           seed of the draw (default ${SPOT_CHECK_SEED}); write it down to redraw the same sample
  --by ATTRIBUTE     also stratify by an attribute (department, region, …)
  --csv F            write the rows (UTF-8 with BOM, for Excel)
  --json             print {seed, rate, rows[]} as one JSON document
  --pseudonymize     replace account ids with keyed pseudonyms P-… (key: LEDGER_LENS_PSEUDONYM_KEY or privacy.pseudonym_key in --config)
`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse('audit-sample', argv, options);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const rate = values.rate === undefined ? SPOT_CHECK_RATE : numberOption('rate', values.rate);
  const seed = values.seed === undefined ? SPOT_CHECK_SEED : integerOption('seed', values.seed);
  const privacy = pseudonymizeOption(values);
  const source = await openSource({ ...values, db: values.db ?? DEFAULT_DB });
  let sample: SpotCheck;
  try {
    const period = await auditPeriod(source.db, values.from, values.to);
    sample = privacy(await spotCheck(source.db, { ...period, rate, seed, by: values.by ?? null }));
  } finally {
    source.db.close();
  }
  if (values.csv)
    writeFileSync(
      values.csv,
      toCsv(
        [...SPOT_CHECK_COLUMNS],
        sample.rows.map((r) => SPOT_CHECK_COLUMNS.map((c) => r[c])),
      ),
    );
  if (values.json) printJson(sample);
  else if (!values.csv)
    process.stdout.write(
      `${sample.rows.length} rows drawn (seed ${seed}, rate ${rate}) from ${sample.strata.reduce((a, s) => a + s.rows, 0)} in ${sample.period.from} – ${sample.period.to}\n`,
    );
  return 0;
}

function numberOption(name: string, text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n))
    throw new UserError('bad_usage', `--${name} "${text}" is not a number`, { hint: `e.g. --${name} 0.1` });
  return n;
}

function integerOption(name: string, text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n))
    throw new UserError('bad_usage', `--${name} "${text}" is not a non-negative integer`, {
      hint: `e.g. --${name} 42`,
    });
  return n;
}
