import { storedConfig } from '../config.ts';
import { parseRange } from '../periods/quarters.ts';
import { openSource } from './source.ts';
import { simulate } from '../simulate/run.ts';
import { parseScenario } from '../simulate/scenario.ts';
import { simulationText } from '../simulate/text.ts';
import { DEFAULT_DB, parse, printJson, sourceOptions } from './args.ts';
import { pseudonymizeOption } from '../privacy/key.ts';

export const summary = 'what-if: replay a period under a daily cap, a multiplier or a rule switched off';

const options = {
  ...sourceOptions,
  from: { type: 'string' },
  to: { type: 'string' },
  cap: { type: 'string' },
  rule: { type: 'string' },
  multiplier: { type: 'string' },
  disable: { type: 'string' },
  pseudonymize: { type: 'boolean' },
} as const;

const HELP = `Usage: ledger-lens simulate --from DATE --to DATE (--cap N [--rule R] | --multiplier R=X | --disable R)
                            [--db P | --ledger F [--accounts F --rules F --mapping F --config F --encoding E]] [--json]

Replays the period's earn rows under one changed rule and compares with what happened: issued points, cost
(issued × point_value), Gini and top-10 % share over the report's population, accounts affected and the most
affected accounts. A counterfactual on paper: it assumes nobody reacts, and behaviour would change under a new rule.
  --from/--to DATE   the period, YYYY-MM-DD, --to exclusive
  --cap N            at most N points per account and calendar day; the row that crosses the cap is cut to the
                     remainder (rows in time order). With --rule R, only R's earn rows count and are cut.
  --multiplier R=X   rule R's earn rows pay X times their points (rounded to cents)
  --disable R        rule R's earn rows pay nothing
  --json             print the result as one JSON document
  --pseudonymize     replace account ids with keyed pseudonyms P-… (key: LEDGER_LENS_PSEUDONYM_KEY or privacy.pseudonym_key in --config)
`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse('simulate', argv, options);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const period = parseRange(values.from, values.to);
  const scenario = parseScenario(values);
  const privacy = pseudonymizeOption(values);
  const source = await openSource({ ...values, db: values.db ?? DEFAULT_DB });
  try {
    if (source.quarantined > 0)
      process.stderr.write(
        `note: ${source.quarantined} rows were quarantined and left out; run ledger-lens check for the reasons\n`,
      );
    const config = source.config ?? (await storedConfig(source.db));
    const result = privacy(
      await simulate(source.db, { period: { from: period.from, to: period.to }, scenario, config }),
    );
    if (values.json) printJson(result);
    else process.stdout.write(simulationText(result));
  } finally {
    source.db.close();
  }
  return 0;
}
