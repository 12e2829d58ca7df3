import { writeFileSync } from 'node:fs';
import { CHECK_NAMES } from '../audit/checks/index.ts';
import { auditPeriod } from '../audit/period.ts';
import { readCampaigns, withCampaigns } from '../audit/campaigns.ts';
import { runAudit } from '../audit/run.ts';
import { storedAuditSettings } from '../audit/settings.ts';
import type { AuditResult, CaseMark } from '../audit/schema.ts';
import { readMarks, withMarks } from '../audit/marks.ts';
import { toCsv } from '../csv.ts';
import { parseQuarter } from '../periods/quarters.ts';
import { UserError } from '../errors.ts';
import { openSource } from './source.ts';
import { DEFAULT_DB, parse, printJson, sourceOptions, CLICKHOUSE_HELP } from './args.ts';
import { pseudonymizeOption } from '../privacy/key.ts';

export const summary =
  'audit checks: spikes, caps, duplicates, self-approval, rings, off-hours, Benford, … (--json, --csv F)';

const options = {
  ...sourceOptions,
  quarter: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  check: { type: 'string', multiple: true },
  csv: { type: 'string' },
  campaigns: { type: 'string' },
  pseudonymize: { type: 'boolean' },
} as const;

const HELP = `Usage: ledger-lens audit [--quarter 2026Q1 | --from DATE --to DATE] [--check NAME ...] [--campaigns F] [--json | --csv F]
                         [--db P | --ledger F [--accounts F --rules F --mapping F --config F --encoding E]]

Runs the audit checks over a period and lists every flag with its evidence rows (README.md, "Audit checks").
  --quarter 2026Q1   a calendar quarter, as \`report --quarter\`
  --from/--to DATE   the period, YYYY-MM-DD, --to exclusive; default: the latest complete quarter in the data
  --check NAME       run only this check (repeatable): ${CHECK_NAMES.join(', ')}
  --campaigns F      planned campaigns, CSV from,to,rule,label[,multiplier] (days included; rule empty = all rules;
                     multiplier default 2): a spike inside one is a note "expected (campaign: label)", not a flag,
                     unless it exceeds even the multiplier. Added to the config's audit.campaigns.
  --db P             a database written by \`ledger-lens import\` (default ./ledger-lens.duckdb)
  --ledger F         read a ledger file directly (validated like import; quarantined rows left out)
  --json             print {period, checks[], flags[]} as one JSON document; each flag has its stable flag_id and
                     its case mark (status, note, by, at; null when never marked on the Audit page)
  --csv F            write one row per flag (UTF-8 with BOM, for Excel)
  --pseudonymize     replace account ids with keyed pseudonyms P-… (key: LEDGER_LENS_PSEUDONYM_KEY or privacy.pseudonym_key in --config)
Thresholds: the program config's "audit" section; every default is listed in src/audit/settings.ts.
${CLICKHOUSE_HELP}`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse('audit', argv, options);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.quarter && (values.from || values.to))
    throw new UserError('bad_usage', '--quarter cannot be combined with --from/--to', {
      hint: 'Give either --quarter 2026Q1 or --from DATE --to DATE.',
    });
  const privacy = pseudonymizeOption(values);
  // Read before the database opens: a bad calendar stops the run at once, with its line and column.
  const campaigns = values.campaigns ? readCampaigns(values.campaigns) : [];
  const source = await openSource({ ...values, db: values.db ?? DEFAULT_DB });
  let result: MarkedResult;
  try {
    if (source.quarantined > 0)
      process.stderr.write(
        `note: ${source.quarantined} rows were quarantined and left out; run ledger-lens check for the reasons\n`,
      );
    const q = values.quarter ? parseQuarter(values.quarter) : null;
    const period = q ? { from: q.from, to: q.to } : await auditPeriod(source.db, values.from, values.to);
    const settings = withCampaigns(await storedAuditSettings(source.db), campaigns);
    const audit = await runAudit(source.db, { ...period, checks: values.check, config: source.config, settings });
    // The case list's marks (set on the Audit page) travel with their flags; a file or ClickHouse source has none.
    result = privacy({ ...audit, flags: withMarks(audit.flags, await readMarks(source.db)) });
  } finally {
    source.db.close();
  }
  if (values.csv) {
    writeFileSync(values.csv, auditCsv(result));
    process.stderr.write(`${result.flags.length} flag(s) written to ${values.csv}\n`);
  }
  if (values.json) printJson(result);
  else if (!values.csv) process.stdout.write(textSummary(result));
  return 0;
}

type MarkedResult = Omit<AuditResult, 'flags'> & {
  flags: (AuditResult['flags'][number] & { mark: CaseMark | null })[];
};

export const AUDIT_CSV_HEADER = [
  'check',
  'severity',
  'account_id',
  'accounts',
  'from',
  'to',
  'value',
  'baseline',
  'score',
  'threshold',
  'threshold_name',
  'explanation',
  'event_count',
  'event_ids',
  'flag_id',
  'mark_status',
  'mark_note',
  'mark_by',
  'mark_at',
];

/** One row per flag; lists (accounts, event_ids) space-separated in one cell. */
export function auditCsv(r: MarkedResult): string {
  return toCsv(
    AUDIT_CSV_HEADER,
    r.flags.map((f) => [
      f.check,
      f.severity,
      f.account_id,
      f.accounts.join(' '),
      f.from,
      f.to,
      f.value,
      f.baseline,
      f.score,
      f.threshold,
      f.threshold_name,
      f.explanation,
      f.event_count,
      f.event_ids.join(' '),
      f.flag_id,
      f.mark?.status ?? null,
      f.mark?.note ?? null,
      f.mark?.by ?? null,
      f.mark?.at ?? null,
    ]),
  );
}

function textSummary(r: AuditResult): string {
  const lines = [`audit ${r.period.from} – ${r.period.to} (to exclusive): ${r.flags.length} flag(s)`, ''];
  for (const c of r.checks)
    lines.push(`  ${c.check.padEnd(20)} ${c.ran ? `${c.flags} flag(s)` : `skipped: ${c.skipped_reason}`}`);
  // Campaign and experiment days the spike checks let pass: the auditor sees what was judged expected.
  const expected = r.checks.filter((c) => c.check.endsWith('_spike')).flatMap((c) => c.notes);
  if (expected.length) lines.push('', ...expected.map((n) => `  note: ${n}`));
  lines.push('');
  for (const f of r.flags) lines.push(`[${f.severity}] ${f.check} ${f.from}: ${f.explanation}`);
  return `${lines.join('\n')}\n`;
}
