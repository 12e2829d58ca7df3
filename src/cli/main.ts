import { isUserError } from '../errors.ts';
import { QueryError } from '../db/run.ts';

type Command = { run(argv: string[]): Promise<number>; summary: string };

// Loaded lazily so `ledger-lens --help` and small commands start fast.
const commands: Record<string, () => Promise<Command>> = {
  import: () => import('./import.ts'),
  check: () => import('./check.ts'),
  quarantine: () => import('./quarantine.ts'),
  sample: () => import('./sample.ts'),
  report: () => import('./report.ts'),
  audit: () => import('./audit.ts'),
  'audit-sample': () => import('./audit-sample.ts'),
  ab: () => import('./ab.ts'),
  simulate: () => import('./simulate.ts'),
  rank: () => import('./rank.ts'),
  economics: () => import('./economics.ts'),
  serve: () => import('./serve.ts'),
  users: () => import('./users.ts'),
  'access-log': () => import('./access-log.ts'),
  cases: () => import('./cases.ts'),
  rollups: () => import('./rollups.ts'),
};

function usage(): string {
  return [
    'ledger-lens — analytics and fairness audit over points ledgers',
    '',
    'Usage: ledger-lens <command> [options]   (every command takes --help and --json)',
    '',
    '  import <file>   validate a ledger export and add it to the database',
    '  check  <file>   validate only, write nothing',
    '  quarantine      list or export the rows an import quarantined (--csv F)',
    '  report          quarterly health and fairness report (--quarter 2026Q1, --json, --csv F, --html F)',
    '  audit           audit checks with evidence rows (--from --to, --check NAME, --json, --csv F)',
    "  audit-sample    seeded random spot check of a period's rows (--rate 0.1, --seed N, --by A, --csv F)",
    '  ab              compare the arms of a rule experiment (--experiment ID [--assignments F])',
    '  simulate        what-if: replay a period under a daily cap, a multiplier or a rule switched off',
    '  sample --out D  write the seeded sample ledger, roster, rules and labels',
    '  rank            top earners per period with rank movement (--period month --by department)',
    '  economics       redemption cost by category and item, budget lines (--from --to --items F --budget F)',
    '  serve           start the dashboard server',
    '  users add NAME  add a person with a role to a users file (--role, --scope, --users F), print the token once',
    '  access-log      who looked at what on the server (--db, --json)',
    "  cases           the auditor's case list: marked flags, status, note, who, when (--db, --json)",
    '  rollups         rebuild the rollup tables of a database written by an older version (--db PATH)',
    '',
    'Exit codes: 0 done, 2 bad usage or unusable input, 1 anything else.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`ledger-lens: unknown command "${name}"\n\n${usage()}\n`);
    return 2;
  }
  return (await load()).run(rest);
}

function report(e: unknown): number {
  if (isUserError(e)) {
    process.stderr.write(`error: ${e.message}\n${e.hint ? `hint: ${e.hint}\n` : ''}`);
    if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(e.toJSON(), null, 2)}\n`);
    return e.exitCode;
  }
  if (e instanceof QueryError) {
    process.stderr.write(`error: query ${e.queryId} failed: ${e.message}\n`);
    return 1;
  }
  process.stderr.write(`error: ${(e as Error)?.message ?? String(e)}\n`);
  if (process.env.LEDGER_LENS_DEBUG) process.stderr.write(`${(e as Error)?.stack}\n`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.exitCode = report(e);
  },
);
