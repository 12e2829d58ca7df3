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
    throw new UserError(
      'bad_usage',
      `ledger-lens ${command}: ${usageMessage(e as Error & { code?: string }, Object.keys(options))}`,
      { hint: `Run \`ledger-lens ${command} --help\` for the options.` },
    );
  }
}

/** Node's parseArgs messages in our words (its "place it at the end after '--'" advice does not apply here). */
function usageMessage(e: Error & { code?: string }, known: string[]): string {
  const option = /'(-{1,2}[^'\s]+)/.exec(e.message)?.[1];
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    const near = closest(option.replace(/^-+/, ''), known);
    return `unknown option ${option}${near ? ` (did you mean --${near}?)` : ''}`;
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    const name = option.split(' ')[0];
    return /argument missing/.test(e.message) ? `${name} needs a value` : `${name} takes no value`;
  }
  if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
    return `unexpected argument ${/'([^']*)'/.exec(e.message)?.[1] ?? ''}`.trim();
  return e.message;
}

/** The known option nearest to a mistyped one (edit distance ≤ 2), if any. */
function closest(typed: string, known: string[]): string | null {
  let best: { name: string; d: number } | null = null;
  for (const name of known) {
    const d = editDistance(typed, name);
    if (d <= 2 && (!best || d < best.d)) best = { name, d };
  }
  return best?.name ?? null;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

export function requireString(command: string, name: string, v: unknown): string {
  if (typeof v !== 'string' || v === '')
    throw new UserError('bad_usage', `ledger-lens ${command}: --${name} is required`, {
      hint: `Run \`ledger-lens ${command} --help\`.`,
    });
  return v;
}

/** One JSON document on stdout and nothing else there (cli.md). */
export function printJson(value: unknown) {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
