import { writeFileSync } from 'node:fs';
import { UserError } from '../errors.ts';
import type { ReportOptions } from '../report/build.ts';
import { reportCsv, reportCsvRows } from '../report/report-csv.ts';
import type { Report } from '../report/schema.ts';
import { type OpenedSource, openSource } from './source.ts';
import { parseScope } from '../db/scope.ts';
import { DEFAULT_DB, parse, printJson, sourceOptions, CLICKHOUSE_HELP } from './args.ts';
import { pseudonymizeOption } from '../privacy/key.ts';
import { startBootstrapThread } from '../stats/bootstrap-thread.ts';

export const summary = 'quarterly health and fairness report (--quarter 2026Q1, --json, --csv F, --html F, --xlsx F)';

const options = {
  ...sourceOptions,
  quarter: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  by: { type: 'string' },
  reference: { type: 'string' },
  filter: { type: 'string' },
  csv: { type: 'string' },
  html: { type: 'string' },
  xlsx: { type: 'string' },
  lang: { type: 'string' },
  seed: { type: 'string' },
  benefit: { type: 'string' },
  pseudonymize: { type: 'boolean' },
} as const;

const HELP = `Usage: ledger-lens report [--quarter 2026Q1 | --from DATE --to DATE] [--by ATTRIBUTE [--reference VALUE]] [--filter A=VALUE]
                          [--db P | --ledger F [--accounts F --rules F --mapping F --config F --encoding E]]
                          [--json | --csv F | --html F | --xlsx F] [--lang zh-CN|en] [--seed N] [--benefit AMOUNT]

The health and fairness numbers of a period beside those of the period before (definitions: queries/README.md).
  --quarter 2026Q1     a calendar quarter; default: the latest complete quarter in the data
  --from/--to DATE     a range, YYYY-MM-DD, --to exclusive
  --by ATTRIBUTE       split the fairness population by an attribute (department, region, …)
  --reference VALUE    compare group means with this group instead of the overall mean
  --filter A=VALUE     only the accounts whose attribute A is VALUE (e.g. department=生产部), as the dashboard's filter
  --db P               a database written by \`ledger-lens import\` (default ./ledger-lens.duckdb)
  --ledger F           read a ledger file directly (validated like import; quarantined rows left out)
  --json               print the report as one JSON document
  --csv F              write metric,current,previous,change rows (UTF-8 with BOM, for Excel)
  --html F             write a printable one-page report (--lang zh-CN or en; default zh-CN)
  --xlsx F             write an Excel workbook: the metrics and every table, headers in --lang (default zh-CN)
  --seed N             seed of the Gini bootstrap interval (default 1)
  --benefit AMOUNT     the benefit of the program in the period, for ROI = (benefit − cost) / cost
  --pseudonymize       replace account ids with keyed pseudonyms P-… (key: LEDGER_LENS_PSEUDONYM_KEY or privacy.pseudonym_key in --config)
${CLICKHOUSE_HELP}`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse('report', argv, options);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const privacy = pseudonymizeOption(values);
  const lang = values.lang ?? 'zh-CN';
  if (lang !== 'zh-CN' && lang !== 'en')
    throw new UserError('bad_usage', `--lang "${lang}" is not supported`, { hint: 'Use --lang zh-CN or --lang en.' });
  const reportOpts: ReportOptions = {
    period: periodOption(values.quarter, values.from, values.to),
    by: values.by,
    reference: values.reference,
    filter: values.filter ? parseScope(values.filter, '--filter') : undefined,
    bootstrap: values.seed === undefined ? undefined : { seed: integerOption('seed', values.seed) },
    benefit: values.benefit === undefined ? null : numberOption('benefit', values.benefit),
    // The period before runs on a second connection at the same time (a file read directly gives its forks the macro
    // that says its rollups are views: Database.everyConnection). Not for a cluster (rows made present per query).
    parallel: values.source === undefined,
  };
  if (values.reference && !values.by)
    throw new UserError('bad_usage', '--reference needs --by', { hint: 'e.g. --by department --reference Sales' });
  // Load the renderer before the (slow) report so a missing one fails fast; only when asked for: the HTML charts and
  // the workbook writer cost more CPU to load than `report --json` spends on the report itself.
  const render = values.html ? (await import('../report/html/render.ts')).renderReportHtml : undefined;
  const workbook = values.xlsx ? (await import('../export/report-xlsx.ts')).reportXlsx : undefined;

  // The intervals' thread starts while the database opens (buildReport would start it a little later).
  startBootstrapThread();
  // The report's own modules load while the database opens and the file is read, on the core those leave free: as a
  // static import they took about 0.15 s of one core before the read could start.
  const builder = import('../report/build.ts');
  const open = (fullRead: boolean) =>
    openSource({ ...values, db: values.db ?? DEFAULT_DB }, { reportOnly: true, fullRead });
  const report = await reportOf(open, async (source) => {
    if (source.quarantined > 0)
      process.stderr.write(
        `note: ${source.quarantined} rows were quarantined and left out; run ledger-lens check for the reasons\n`,
      );
    const { buildReport } = await builder;
    return privacy(await buildReport(source.db, { ...reportOpts, config: source.config }));
  });

  for (const w of report.warnings ?? []) process.stderr.write(`warning: ${w}\n`);
  if (values.csv) writeFileSync(values.csv, reportCsv(report));
  if (values.html && render) writeFileSync(values.html, render(report, lang));
  if (values.xlsx && workbook) writeFileSync(values.xlsx, await workbook(report, lang));
  if (values.json) printJson(report);
  else if (!values.csv && !values.html && !values.xlsx) process.stdout.write(textSummary(report));
  return 0;
}

/**
 * The report of the opened source. A --ledger read the one-shot way is still being checked while the report is
 * computed (OpenedSource.checked); when the checks find the file needs the full import, that report is dropped
 * (and any error it met with it) and the file is read again the full way.
 */
async function reportOf(
  open: (fullRead: boolean) => Promise<OpenedSource>,
  make: (source: OpenedSource) => Promise<Report>,
): Promise<Report> {
  const source = await open(false);
  const made = make(source).then(
    (report) => ({ report }),
    (error: unknown) => ({ error }),
  );
  const [outcome, checked] = await Promise.all([made, source.checked ?? true]);
  source.db.close();
  if (!checked) {
    const full = await open(true);
    try {
      return await make(full);
    } finally {
      full.db.close();
    }
  }
  if ('error' in outcome) throw outcome.error;
  return outcome.report;
}

function periodOption(
  quarter: string | undefined,
  from: string | undefined,
  to: string | undefined,
): ReportOptions['period'] {
  if (quarter && (from || to))
    throw new UserError('bad_usage', '--quarter cannot be combined with --from/--to', {
      hint: 'Give either --quarter 2026Q1 or --from DATE --to DATE.',
    });
  if (quarter) return { quarter };
  if (from || to) return { from: from ?? '', to: to ?? '' };
  return undefined;
}

function integerOption(name: string, text: string): number {
  const n = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(n))
    throw new UserError('bad_usage', `--${name} "${text}" is not an integer`, { hint: `e.g. --${name} 42` });
  return n;
}

function numberOption(name: string, text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n))
    throw new UserError('bad_usage', `--${name} "${text}" is not a number`, { hint: `e.g. --${name} 250000` });
  return n;
}

/** Without --json/--csv/--html/--xlsx: the numbers as an aligned table for a terminal. */
function textSummary(report: Report): string {
  const rows = reportCsvRows(report).map((r) =>
    r.map((v) => (v === null || v === undefined ? '—' : typeof v === 'number' ? format(v) : String(v))),
  );
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), 6));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return `${[line(['metric', 'current', 'previous', 'change']), ...rows.map(line)].join('\n')}\n`;
}

function format(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}
