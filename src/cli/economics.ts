import { writeFileSync } from 'node:fs';
import { UserError } from '../errors.ts';
import { redemptionEconomics } from '../economics/economics.ts';
import { readBudgetFile, readItemsFile } from '../economics/input-files.ts';
import type { Economics } from '../economics/schema.ts';
import { economicsXlsx } from '../export/economics-xlsx.ts';
import { textTable } from '../export/text-table.ts';
import { isLang } from '../i18n/index.ts';
import { toCsv } from '../csv.ts';
import { parseRange } from '../periods/quarters.ts';
import { openSource } from './source.ts';
import { DEFAULT_DB, parse, printJson, requireString, sourceOptions } from './args.ts';

export const summary =
  'redemption economics: cost by category and item, per participant, budget lines (--items F, --budget F)';

const options = {
  ...sourceOptions,
  from: { type: 'string' },
  to: { type: 'string' },
  items: { type: 'string' },
  budget: { type: 'string' },
  csv: { type: 'string' },
  xlsx: { type: 'string' },
  lang: { type: 'string' },
} as const;

const HELP = `Usage: ledger-lens economics --from DATE --to DATE [--items F] [--budget F]
                             [--db P | --ledger F [--accounts F --rules F --mapping F --config F --encoding E]]
                             [--json | --csv F | --xlsx F] [--lang zh-CN|en]

What the points mall costs in [--from, --to) (--to exclusive, YYYY-MM-DD).
  Cost of a redemption: its cash_value, else points × point_value (program config).
  Tables: totals (cost per active participant), by category, by item (the redeem row's rule_id), monthly share
  of the outstanding points redeemed.
  --items F     the mall's catalogue, CSV item_id,name,category,points,cash_value: names the items, fills missing
                categories and lists the items nobody redeemed in the period
  --budget F    budget lines, CSV line,category,rule,from,to,amount (README, "Budget file"): spend against each
                line in its own period; lines running over are marked
  --json        print everything as one JSON document
  --csv F       write the by-item table as CSV (UTF-8 with BOM, for Excel)
  --xlsx F      write an Excel workbook with every table (--lang, default zh-CN)
`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse('economics', argv, options);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const period = parseRange(
    requireString('economics', 'from', values.from),
    requireString('economics', 'to', values.to),
  );
  const lang = values.lang ?? 'zh-CN';
  if (!isLang(lang))
    throw new UserError('bad_usage', `--lang "${lang}" is not supported`, { hint: 'Use --lang zh-CN or --lang en.' });

  const source = await openSource({ ...values, db: values.db ?? DEFAULT_DB });
  let result: Economics;
  try {
    if (source.quarantined > 0)
      process.stderr.write(
        `note: ${source.quarantined} rows were quarantined and left out; run ledger-lens check for the reasons\n`,
      );
    const items = values.items ? await readItemsFile(source.db, values.items) : undefined;
    const budget = values.budget ? await readBudgetFile(source.db, values.budget) : undefined;
    result = await redemptionEconomics(source.db, {
      from: period.from,
      to: period.to,
      items,
      budget,
      config: source.config,
    });
  } finally {
    source.db.close();
  }

  if (values.csv)
    writeFileSync(
      values.csv,
      toCsv(
        [...ITEM_KEYS],
        [...result.by_item, ...(result.never_redeemed ?? [])].map((r) => ITEM_KEYS.map((k) => r[k])),
      ),
    );
  if (values.xlsx) writeFileSync(values.xlsx, await economicsXlsx(result, lang));
  if (values.json) printJson(result);
  else if (!values.csv && !values.xlsx) process.stdout.write(text(result));
  return 0;
}

const ITEM_KEYS = ['item_id', 'name', 'category', 'in_catalog', 'redemptions', 'points', 'accounts', 'cost'] as const;

function text(e: Economics): string {
  const t = e.totals;
  const parts = [
    `${e.period.from} – ${e.period.to} (to exclusive): ${t.redemptions} redemptions, ${t.points ?? '—'} points, cost ${t.cost ?? '—'} ${e.currency}, ` +
      `${t.cost_per_active === null ? '—' : t.cost_per_active.toFixed(2)} per active participant (${t.active})\n`,
    textTable(
      ['category', 'redemptions', 'points', 'accounts', 'cost'],
      e.by_category.map((c) => [c.category ?? '(none)', c.redemptions, c.points, c.accounts, c.cost]),
    ),
  ];
  if (e.never_redeemed)
    parts.push(
      `never redeemed: ${e.never_redeemed.map((i) => `${i.item_id} ${i.name ?? ''}`.trim()).join(', ') || 'none'}\n`,
    );
  if (e.budget) {
    parts.push(
      textTable(
        ['budget line', 'amount', 'spent', 'remaining', 'over'],
        e.budget.lines.map((b) => [b.line, b.amount, b.spent, b.remaining, b.over ? 'OVER' : '']),
      ),
    );
  }
  return parts.join('\n');
}
