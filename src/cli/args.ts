import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from '../errors.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every analysis command shares (cli.md): where the data comes from and how to print. */
export const sourceOptions = {
  db: { type: 'string' },
  ledger: { type: 'string' },
  accounts: { type: 'string' },
  rules: { type: 'string' },
  mapping: { type: 'string' },
  config: { type: 'string' },
  encoding: { type: 'string' },
  source: { type: 'string' },
  'accounts-table': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies Options;

export const DEFAULT_DB = './ledger-lens.duckdb';

/** Help lines of the ClickHouse source, shared by every command that takes it. */
export const CLICKHOUSE_HELP = `
Reading a ClickHouse table instead (README, "Beyond one machine"):
  --source clickhouse://HOST:PORT/DATABASE.TABLE   the ledger table (HTTP port); credentials from
                       LEDGER_LENS_CLICKHOUSE_USER / LEDGER_LENS_CLICKHOUSE_PASSWORD, never in the URL
  --accounts-table DATABASE.TABLE                  the roster table beside it (--rules F and --config F stay local files)
`;

/** parseArgs with messages that name the command and point at --help instead of a stack trace. */
export function parse<O extends Options>(command: string, argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UserError('bad_usage', `ledger-lens ${command}: ${(e as Error).message}`, { hint: `Run \`ledger-lens ${command} --help\` for the options.` });
  }
}

export function requireString(command: string, name: string, v: unknown): string {
  if (typeof v !== 'string' || v === '') throw new UserError('bad_usage', `ledger-lens ${command}: --${name} is required`, { hint: `Run \`ledger-lens ${command} --help\`.` });
  return v;
}

/** One JSON document on stdout and nothing else there (cli.md). */
export function printJson(value: unknown) {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
