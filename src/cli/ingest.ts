import { existsSync } from 'node:fs';
import { loadConfig } from '../config.ts';
import { Database } from '../db/database.ts';
import { importAccounts, importLedger, importRules, type ImportSummary } from '../ledger/import.ts';
import type { Progress } from '../db/ingest/progress.ts';
import { DEFAULT_DB, parse, printJson, sourceOptions } from './args.ts';
import { UserError } from '../errors.ts';

const HELP = (cmd: string) => `Usage: ledger-lens ${cmd} <file> [options]

${cmd === 'import' ? 'Validates a ledger export and adds it to the database in one transaction.' : 'Validates a ledger export exactly as import would, and writes nothing.'}
Every row is accepted, quarantined with its line and reasons, or counted as a duplicate:
rows_read = accepted + quarantined + duplicates.

Options:
  --db PATH          database file (default ${DEFAULT_DB})
  --accounts FILE    accounts roster (account_id, joined_at, left_at, department, …)
  --rules FILE       rules table (rule_id, name, tier, points, daily_cap)
  --mapping FILE     column mapping: JSON/YAML {"columns": {...}, "values": {...}} or an SQL SELECT over raw
  --config FILE      program settings (timezone, point_value, expiry_months, …), JSON or YAML
  --encoding NAME    utf-8 or gbk (default: detected)
  --json             print one JSON document on stdout
`;

function progressPrinter(file: string) {
  return (p: Progress) => {
    const n = (x: number) => Math.round(x).toLocaleString('en');
    const rows =
      p.rows === undefined ? '' : ` · ${n(p.rows)} of ${n(p.total ?? 0)} rows · ${n(p.rowsPerSecond ?? 0)} rows/s`;
    // On a terminal the line is rewritten in place; in a log each report is a line of its own.
    const line = `${file}: ${p.stage} ${p.percent.toFixed(0)}%${rows}`;
    process.stderr.write(process.stderr.isTTY ? `\r${line}\x1b[K` : `${line}\n`);
  };
}

function printHuman(s: ImportSummary, verb: string) {
  const n = (x: number) => x.toLocaleString('en');
  const out = [
    `${verb} ${s.kind} ${s.file} (${s.format}, ${s.encoding})${s.import_id ? ` as import #${s.import_id}` : ''}`,
    `  rows read ${n(s.rows_read)} = accepted ${n(s.accepted)} + quarantined ${n(s.quarantined)} + duplicates ${n(s.duplicates)}`,
    `  columns   ${Object.entries(s.mapping)
      .map(([c, src]) => (c === src ? c : `${c} ← ${src}`))
      .join(', ')}`,
    ...s.warnings.map((w) => `  warning   ${w}`),
    ...s.quarantine.map((q) => `  line ${q.line}: ${q.reasons.join('; ')}`),
  ];
  if (s.quarantined > s.quarantine.length)
    out.push(
      `  … ${n(s.quarantined - s.quarantine.length)} more quarantined rows: ledger-lens quarantine${s.import_id ? ` --import ${s.import_id}` : ''}`,
    );
  process.stdout.write(`${out.join('\n')}\n`);
}

/** `import` and `check` share everything but the final commit. */
export async function ingest(cmd: 'import' | 'check', argv: string[]): Promise<number> {
  const { values, positionals } = parse(cmd, argv, sourceOptions);
  if (values.help) {
    process.stdout.write(HELP(cmd));
    return 0;
  }
  if (positionals.length !== 1)
    throw new UserError('bad_usage', `ledger-lens ${cmd}: give exactly one ledger file (got ${positionals.length})`, {
      hint: `Run \`ledger-lens ${cmd} --help\`.`,
    });
  const file = positionals[0];
  const config = values.config ? loadConfig(values.config) : undefined;
  const dryRun = cmd === 'check';
  const dbPath = values.db ?? DEFAULT_DB;
  // check writes nothing: it compares with an existing database but never creates one.
  const db = await Database.open(dryRun && !existsSync(dbPath) ? ':memory:' : dbPath);
  try {
    const common = { encoding: values.encoding, config, dryRun };
    // The roster and rules are checked first, so a bad one stops the command before the ledger is committed.
    if (!dryRun) {
      if (values.accounts) await importAccounts(db, { ...common, dryRun: true, file: values.accounts });
      if (values.rules) await importRules(db, { ...common, dryRun: true, file: values.rules });
    }
    const ledger = await importLedger(db, {
      ...common,
      file,
      mapping: values.mapping,
      onProgress: values.json ? undefined : progressPrinter(file),
    });
    if (!values.json && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    const accounts = values.accounts ? await importAccounts(db, { ...common, file: values.accounts }) : undefined;
    const rules = values.rules ? await importRules(db, { ...common, file: values.rules }) : undefined;
    if (values.json) printJson({ ...ledger, accounts, rules });
    else for (const s of [ledger, accounts, rules]) if (s) printHuman(s, dryRun ? 'checked' : 'imported');
    return 0;
  } finally {
    db.close();
  }
}
