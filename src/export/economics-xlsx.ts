import type { Economics } from '../economics/schema.ts';
import type { Lang } from '../i18n/index.ts';
import { columns, header, type HeaderKey } from './headers.ts';
import { toXlsx, type XlsxCellType, type XlsxSheet } from './xlsx.ts';

const ITEM_COLUMNS: [HeaderKey, XlsxCellType][] = [
  ['item_id', 'string'],
  ['name', 'string'],
  ['category', 'string'],
  ['in_catalog', 'boolean'],
  ['catalog_points', 'number'],
  ['catalog_cash_value', 'number'],
  ['redemptions', 'integer'],
  ['points', 'number'],
  ['accounts', 'integer'],
  ['cost', 'number'],
];

/** Every table of the redemption economics as a sheet; never-redeemed items and budget only when present. */
export function economicsSheets(e: Economics, lang: Lang): XlsxSheet[] {
  const sheets: XlsxSheet[] = [
    {
      name: header('sheet.totals', lang),
      columns: columns(lang, [
        ['period_from', 'date'],
        ['period_to', 'date'],
        ['rows', 'integer'],
        ['redemptions', 'integer'],
        ['points', 'number'],
        ['accounts', 'integer'],
        ['cost', 'number'],
        ['valued_by_cash', 'integer'],
        ['active', 'integer'],
        ['cost_per_active', 'number'],
        ['cost_per_redemption', 'number'],
      ]),
      rows: [{ period_from: e.period.from, period_to: e.period.to, ...e.totals }],
    },
    {
      name: header('sheet.categories', lang),
      columns: columns(lang, [
        ['category', 'string'],
        ['redemptions', 'integer'],
        ['points', 'number'],
        ['accounts', 'integer'],
        ['cost', 'number'],
        ['cost_share', 'percent'],
      ]),
      rows: e.by_category,
    },
    { name: header('sheet.items', lang), columns: columns(lang, ITEM_COLUMNS), rows: e.by_item },
    {
      name: header('sheet.monthly', lang),
      columns: columns(lang, [
        ['month', 'month'],
        ['redemptions', 'integer'],
        ['redeemed', 'number'],
        ['cost', 'number'],
        ['outstanding_start', 'number'],
        ['share_of_outstanding', 'percent'],
      ]),
      rows: e.monthly,
    },
  ];
  if (e.never_redeemed)
    sheets.push({
      name: header('sheet.never_redeemed', lang),
      columns: columns(lang, ITEM_COLUMNS),
      rows: e.never_redeemed,
    });
  if (e.budget) {
    sheets.push({
      name: header('sheet.budget', lang),
      columns: columns(lang, [
        ['line', 'string'],
        ['category', 'string'],
        ['rule', 'string'],
        ['period_from', 'date'],
        ['period_to', 'date'],
        ['amount', 'number'],
        ['redemptions', 'integer'],
        ['spent', 'number'],
        ['remaining', 'number'],
        ['used_share', 'percent'],
        ['over', 'boolean'],
      ]),
      rows: e.budget.lines.map(({ from, to, ...b }) => ({ ...b, period_from: from, period_to: to })),
    });
  }
  return sheets;
}

export const economicsXlsx = (e: Economics, lang: Lang): Promise<Buffer> => toXlsx(economicsSheets(e, lang));
