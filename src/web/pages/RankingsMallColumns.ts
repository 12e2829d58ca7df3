import type { z } from 'zod';
import type { BudgetRow, CategoryRow, ItemRow } from '../../economics/schema.ts';
import { formatDate, formatNumber, formatPercent, formatPoints } from '../../i18n/format.ts';
import type { useT } from '../app/lang.ts';
import type { Column } from '../components/DataTable.tsx';

/** The mall tables' columns (category, item, budget): titles in the page's language, money through `cash`. */
type Category = z.infer<typeof CategoryRow>;
type Item = z.infer<typeof ItemRow>;
type Budget = z.infer<typeof BudgetRow>;
type Tr = ReturnType<typeof useT>['tr'];
type Lang = ReturnType<typeof useT>['lang'];
export type Cash = { show: (v: number | null) => string; title: (header: string) => string };

export function categoryColumns(lang: Lang, tr: Tr, cash: Cash): Column<Category>[] {
  return [
    {
      key: 'category',
      header: tr('mall.col.category'),
      type: 'string',
      value: (c) => c.category,
      show: (c) => c.category ?? tr('mall.none'),
    },
    {
      key: 'redemptions',
      header: tr('mall.col.redemptions'),
      type: 'integer',
      value: (c) => c.redemptions,
      show: (c) => formatNumber(lang, c.redemptions, 0),
      num: true,
    },
    {
      key: 'points',
      header: tr('mall.col.points'),
      type: 'number',
      value: (c) => c.points,
      show: (c) => formatPoints(lang, c.points),
      num: true,
    },
    {
      key: 'accounts',
      header: tr('mall.col.accounts'),
      type: 'integer',
      value: (c) => c.accounts,
      show: (c) => formatNumber(lang, c.accounts, 0),
      num: true,
    },
    {
      key: 'cost',
      header: cash.title(tr('mall.col.cost')),
      type: 'number',
      value: (c) => c.cost,
      show: (c) => cash.show(c.cost),
      num: true,
    },
    {
      key: 'cost_share',
      header: tr('mall.col.cost_share'),
      type: 'percent',
      value: (c) => c.cost_share,
      show: (c) => formatPercent(lang, c.cost_share, 1),
      num: true,
    },
  ];
}

export function itemColumns(lang: Lang, tr: Tr, cash: Cash): Column<Item>[] {
  return [
    {
      key: 'item_id',
      header: tr('mall.col.item'),
      type: 'string',
      value: (i) => i.item_id,
      show: (i) => i.item_id ?? tr('mall.none'),
    },
    { key: 'name', header: tr('mall.col.name'), type: 'string', value: (i) => i.name, show: (i) => i.name ?? '—' },
    {
      key: 'category',
      header: tr('mall.col.category'),
      type: 'string',
      value: (i) => i.category,
      show: (i) => i.category ?? tr('mall.none'),
    },
    {
      key: 'redemptions',
      header: tr('mall.col.redemptions'),
      type: 'integer',
      value: (i) => i.redemptions,
      show: (i) => formatNumber(lang, i.redemptions, 0),
      num: true,
    },
    {
      key: 'points',
      header: tr('mall.col.points'),
      type: 'number',
      value: (i) => i.points,
      show: (i) => formatPoints(lang, i.points),
      num: true,
    },
    {
      key: 'accounts',
      header: tr('mall.col.accounts'),
      type: 'integer',
      value: (i) => i.accounts,
      show: (i) => formatNumber(lang, i.accounts, 0),
      num: true,
    },
    {
      key: 'cost',
      header: cash.title(tr('mall.col.cost')),
      type: 'number',
      value: (i) => i.cost,
      show: (i) => cash.show(i.cost),
      num: true,
    },
    {
      key: 'catalog_points',
      header: tr('mall.col.catalog_points'),
      type: 'number',
      value: (i) => i.catalog_points,
      show: (i) => formatPoints(lang, i.catalog_points),
      num: true,
    },
    {
      key: 'catalog_cash_value',
      header: cash.title(tr('mall.col.catalog_cash')),
      type: 'number',
      value: (i) => i.catalog_cash_value,
      show: (i) => cash.show(i.catalog_cash_value),
      num: true,
    },
  ];
}

export function budgetColumns(lang: Lang, tr: Tr, cash: Cash): Column<Budget>[] {
  return [
    { key: 'line', header: tr('mall.col.line'), type: 'string', value: (b) => b.line },
    {
      key: 'category',
      header: tr('mall.col.category'),
      type: 'string',
      value: (b) => b.category,
      show: (b) => b.category ?? '—',
    },
    { key: 'rule', header: tr('mall.col.item'), type: 'string', value: (b) => b.rule, show: (b) => b.rule ?? '—' },
    {
      key: 'from',
      header: tr('mall.col.from'),
      type: 'date',
      value: (b) => b.from,
      show: (b) => formatDate(lang, b.from),
    },
    { key: 'to', header: tr('mall.col.to'), type: 'date', value: (b) => b.to, show: (b) => formatDate(lang, b.to) },
    {
      key: 'amount',
      header: cash.title(tr('mall.col.amount')),
      type: 'number',
      value: (b) => b.amount,
      show: (b) => cash.show(b.amount),
      num: true,
    },
    {
      key: 'spent',
      header: cash.title(tr('mall.col.spent')),
      type: 'number',
      value: (b) => b.spent,
      show: (b) => cash.show(b.spent),
      num: true,
    },
    {
      key: 'remaining',
      header: cash.title(tr('mall.col.remaining')),
      type: 'number',
      value: (b) => b.remaining,
      show: (b) => cash.show(b.remaining),
      num: true,
    },
    {
      key: 'used_share',
      header: tr('mall.col.used'),
      type: 'percent',
      value: (b) => b.used_share,
      show: (b) => formatPercent(lang, b.used_share, 1),
      num: true,
    },
    {
      key: 'over',
      header: tr('mall.col.over'),
      type: 'boolean',
      value: (b) => b.over,
      show: (b) => (b.over ? tr('mall.over') : ''),
      num: false,
    },
  ];
}
