import { writeFileSync } from 'node:fs';
import { UserError } from '../errors.ts';
import { rankXlsx } from '../export/rank-xlsx.ts';
import { textTable } from '../export/text-table.ts';
import { isLang } from '../i18n/index.ts';
import { isRankPeriod, RANK_PERIODS } from '../periods/ranking.ts';
import { DEFAULT_TOP, rankings } from '../rank/rankings.ts';
import type { RankResult } from '../rank/schema.ts';
import { toCsv } from '../csv.ts';
import { openSource } from './source.ts';
import { DEFAULT_DB, parse, printJson, requireString, sourceOptions, CLICKHOUSE_HELP } from './args.ts';
import { pseudonymizeOption } from '../privacy/key.ts';
import { parseScope } from '../db/scope.ts';

export const summary =
  'top earners per week/month/quarter/year/all, with rank movement and concentration (--by, --xlsx F)';

const options = {
  ...sourceOptions,
  period: { type: 'string' },
  at: { type: 'string' },
  by: { type: 'string' },
  filter: { type: 'string' },
  top: { type: 'string' },
  csv: { type: 'string' },
  xlsx: { type: 'string' },
  lang: { type: 'string' },
  pseudonymize: { type: 'boolean' },
} as const;

const HELP = `Usage: ledger-lens rank --period week|month|quarter|year|all [--at DATE] [--by ATTRIBUTE] [--top N] [--filter A=VALUE]
                        [--db P | --ledger F [--accounts F --rules F --mapping F --config F --encoding E]]
                        [--json | --csv F | --xlsx F] [--lang zh-CN|en]

Top earners of a period by issued points (Σ earn rows), with each one's rank in the period before.
  --period KIND      week (ISO, Monday–Sunday), month, quarter, year (calendar), or all (the whole ledger)
  --at DATE          rank the period containing this day (YYYY-MM-DD); for all: everything up to this day.
                     Default: the latest COMPLETE period in the data (the last one ending by the day after the
                     last ledger row), or the period of the last row when none is complete.
  --by ATTRIBUTE     rank within each value of an attribute (department, region, role, …)
  --filter A=VALUE   rank only the accounts whose attribute A is VALUE (ranks 1..n and shares among them), as a
                     manager with that scope sees it
  --top N            list the accounts ranked N or better in their group (default ${DEFAULT_TOP}; ties at N all listed)
  --json             print rows[{rank, account_id, group, issued, share, previous_rank, movement}], concentration
  --csv F            write the ranked rows as CSV (UTF-8 with BOM, for Excel)
  --xlsx F           write an Excel workbook: the rankings and the concentration (--lang, default zh-CN)
  --pseudonymize     replace account ids with keyed pseudonyms P-… (key: LEDGER_LENS_PSEUDONYM_KEY or privacy.pseudonym_key in --config)

Ties: competition ranking ("1224"): accounts with equal issued points share the better rank and the next rank
skips; within a tie they are listed by account id. The previous period is ranked the same way, within the same
group. movement = previous rank − rank (positive = moved up; empty for a newcomer).
Concentration (overall, never per group): the share of issued held by the 10 largest accounts and by the top 1 %
of the fairness population, and how many of this period's top 10 were in the top 10 of the period before.
${CLICKHOUSE_HELP}`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse('rank', argv, options);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const period = requireString('rank', 'period', values.period);
  if (!isRankPeriod(period))
    throw new UserError('bad_usage', `--period "${period}" is not one of ${RANK_PERIODS.join(', ')}`, {
      hint: 'e.g. --period month',
    });
  const lang = values.lang ?? 'zh-CN';
  if (!isLang(lang))
    throw new UserError('bad_usage', `--lang "${lang}" is not supported`, { hint: 'Use --lang zh-CN or --lang en.' });
  const top = values.top === undefined ? undefined : positiveInteger('top', values.top);

  const filter = values.filter ? parseScope(values.filter, '--filter') : undefined;
  const privacy = pseudonymizeOption(values);
  const source = await openSource({ ...values, db: values.db ?? DEFAULT_DB });
  let result: RankResult;
  try {
    if (source.quarantined > 0)
      process.stderr.write(
        `note: ${source.quarantined} rows were quarantined and left out; run ledger-lens check for the reasons\n`,
      );
    result = privacy(await rankings(source.db, { period, at: values.at, by: values.by, top, filter }));
  } finally {
    source.db.close();
  }

  if (values.csv)
    writeFileSync(
      values.csv,
      toCsv(
        [...CSV_KEYS],
        result.rows.map((r) => CSV_KEYS.map((k) => r[k])),
      ),
    );
  if (values.xlsx) writeFileSync(values.xlsx, await rankXlsx(result, lang));
  if (values.json) printJson(result);
  else if (!values.csv && !values.xlsx) process.stdout.write(text(result));
  return 0;
}

const CSV_KEYS = [
  'rank',
  'account_id',
  'group',
  'issued',
  'share',
  'group_share',
  'previous_issued',
  'previous_rank',
  'movement',
] as const;

function positiveInteger(name: string, text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1)
    throw new UserError('bad_usage', `--${name} "${text}" is not a positive whole number`, {
      hint: `e.g. --${name} 10`,
    });
  return n;
}

function text(r: RankResult): string {
  const c = r.concentration;
  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
  const head = `${r.period_kind} ${r.period.from} – ${r.period.to} (to exclusive)${r.previous_period ? `, previous ${r.previous_period.from} – ${r.previous_period.to}` : ''}\n`;
  const table = textTable(
    ['rank', 'account', ...(r.by ? [r.by] : []), 'issued', 'share', 'previous', 'move'],
    r.rows.map((x) => [
      x.rank,
      x.account_id,
      ...(r.by ? [x.group ?? '(none)'] : []),
      x.issued,
      pct(x.share),
      x.previous_rank,
      x.movement === null ? 'new' : x.movement,
    ]),
  );
  const tail = `top 10 share ${pct(c.top10_share)}, top 1 % (${c.top1pct_n}) share ${pct(c.top1pct_share)}, top 10 also top 10 before: ${c.top10_overlap_previous ?? '—'}\n`;
  return head + table + tail;
}
