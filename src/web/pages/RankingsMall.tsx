import { useMemo } from 'react';
import type { Economics } from '../../economics/schema.ts';
import {
  formatDate,
  formatFixed,
  formatMoney,
  formatMonth,
  formatNumber,
  formatPercent,
  formatPoints,
} from '../../i18n/format.ts';
import { apiPath, useApi } from '../app/api.ts';
import { useT } from '../app/lang.ts';
import { useMeta } from '../app/meta.ts';
import type { useUrl } from '../app/url.ts';
import { monthsOf, periodParams, viewOf } from '../app/view.ts';
import { barsSpec } from '../charts/bars.ts';
import { mallMonthlySpec } from '../charts/mall-monthly.ts';
import { Async } from '../components/Async.tsx';
import { Chart } from '../components/Chart.tsx';
import { chartCsv } from '../reshape.ts';
import { DataTable } from '../components/DataTable.tsx';

import { budgetColumns, type Cash, categoryColumns, itemColumns } from './RankingsMallColumns.ts';

/** The points mall of a quarter or month: what redemptions cost, by category and item, per month, against budget. */
export function MallSection({ url }: { url: ReturnType<typeof useUrl> }) {
  const { lang, tr } = useT();
  const meta = useMeta();
  const view = viewOf(url.params, meta);
  const economics = useApi(apiPath('/api/economics', periodParams(view)));
  return (
    <section data-section="mall">
      <h2>{tr('mall.title')}</h2>
      <div className="controls">
        <label>
          {tr('picker.quarter')}
          <select
            value={view.quarter ?? ''}
            onChange={(e) => url.set({ quarter: e.target.value, month: null })}
            data-testid="mall-quarter"
          >
            {meta.quarters.map((q) => (
              <option key={q} value={q}>
                {tr('report.quarter', { year: q.slice(0, 4), q: q.slice(5) })}
              </option>
            ))}
          </select>
        </label>
        {view.quarter ? (
          <label>
            {tr('picker.month')}
            <select
              value={view.month ?? ''}
              onChange={(e) => url.set({ month: e.target.value || null })}
              data-testid="mall-month"
            >
              <option value="">{tr('picker.month.all')}</option>
              {monthsOf(view.quarter)
                .filter((m) => meta.months.includes(m))
                .map((m) => (
                  <option key={m} value={m}>
                    {formatMonth(lang, m)}
                  </option>
                ))}
            </select>
          </label>
        ) : null}
      </div>
      <Async loaded={economics}>{(e) => <Mall e={e} />}</Async>
    </section>
  );
}

function Mall({ e }: { e: Economics }) {
  const { lang, tr } = useT();
  const money = (v: number | null) => formatMoney(lang, v, e.currency);
  // Tables show cents always, so amounts line up; the column titles carry the currency.
  const cash: Cash = { show: (v) => formatFixed(lang, v, 2), title: (h) => `${h} (${e.currency})` };
  const t = e.totals;
  const last = new Date(Date.parse(`${e.period.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const cards = [
    {
      key: 'cost',
      label: tr('mall.kpi.cost'),
      value: money(t.cost),
      raw: t.cost,
      help: tr('mall.kpi.cost.help', {
        redemptions: formatNumber(lang, t.redemptions, 0),
        points: formatPoints(lang, t.points),
        accounts: formatNumber(lang, t.accounts, 0),
        point_value: e.point_value,
      }),
    },
    {
      key: 'cost_per_active',
      label: tr('mall.kpi.per_active'),
      value: money(t.cost_per_active),
      raw: t.cost_per_active,
      help: tr('mall.kpi.per_active.help', { active: formatNumber(lang, t.active, 0) }),
    },
    {
      key: 'cost_per_redemption',
      label: tr('mall.kpi.per_redemption'),
      value: money(t.cost_per_redemption),
      raw: t.cost_per_redemption,
      help: '',
    },
  ];
  const catSpec = useMemo(
    () =>
      e.by_category.length === 0
        ? null
        : barsSpec(
            lang,
            e.by_category.map((c) => ({
              key: c.category ?? '\u0000',
              label: c.category ?? tr('mall.none'),
              value: c.cost,
              note: formatPercent(lang, c.cost_share, 1),
            })),
            tr('mall.categories.x', { currency: e.currency }),
          ),
    [lang, tr, e],
  );
  const monthSpec = useMemo(() => mallMonthlySpec(lang, e.monthly), [lang, e]);
  const mallSpan = `${formatDate(lang, e.period.from)} – ${formatDate(lang, last)}`;
  return (
    <>
      <p className="period" data-testid="mall-span">
        {mallSpan}
      </p>
      <div className="kpis">
        {cards.map((k) => (
          <div className="kpi" key={k.key} data-kpi={`mall-${k.key}`} data-raw={k.raw ?? ''}>
            <div className="kpi-label">{k.label}</div>
            <div className="kpi-value">{k.value}</div>
            {k.help ? <p className="kpi-help">{k.help}</p> : null}
          </div>
        ))}
      </div>
      <div className="grid-2">
        <Chart
          id="mall-categories"
          shown={mallSpan}
          title={tr('mall.categories')}
          spec={catSpec}
          csv={chartCsv(e.by_category, ['category', 'redemptions', 'points', 'accounts', 'cost', 'cost_share'], {
            labels: [
              tr('mall.col.category'),
              tr('mall.col.redemptions'),
              tr('mall.col.points'),
              tr('mall.col.accounts'),
              tr('mall.col.cost'),
              tr('mall.col.cost_share'),
            ],
            types: ['string', 'integer', 'number', 'integer', 'number', 'percent'],
          })}
        />
        <Chart
          id="mall-monthly"
          shown={mallSpan}
          title={tr('mall.monthly')}
          spec={monthSpec}
          csv={chartCsv(
            e.monthly,
            ['month', 'redemptions', 'redeemed', 'cost', 'outstanding_start', 'share_of_outstanding'],
            { types: ['month', 'integer', 'number', 'number', 'number', 'percent'] },
          )}
        />
      </div>
      <DataTable
        id="mall-category-table"
        title={tr('mall.categories.table')}
        columns={categoryColumns(lang, tr, cash)}
        rows={e.by_category}
        rowKey={(c) => c.category ?? '\u0000'}
      />
      <DataTable
        id="mall-items"
        title={tr('mall.items')}
        columns={itemColumns(lang, tr, cash)}
        rows={e.by_item}
        rowKey={(i, n) => `${i.item_id ?? ''}-${n}`}
      />
      {e.never_redeemed === null ? (
        <p className="caption" data-testid="never-note">
          {tr('mall.never.no_catalog', { command: '\u0000' })
            .split('\u0000')
            .flatMap((part, i) =>
              i === 0
                ? [part]
                : [
                    // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one translated sentence, in a fixed order.
                    <code key={i} translate="no">
                      ledger-lens economics --items F
                    </code>,
                    part,
                  ],
            )}
        </p>
      ) : e.never_redeemed.length === 0 ? (
        <p className="caption" data-testid="never-note">
          {tr('mall.never.none')}
        </p>
      ) : (
        <DataTable
          id="mall-never"
          title={tr('mall.never')}
          columns={itemColumns(lang, tr, cash).filter((c) =>
            ['item_id', 'name', 'category', 'catalog_points', 'catalog_cash_value'].includes(c.key),
          )}
          rows={e.never_redeemed}
          rowKey={(i, n) => `${i.item_id ?? ''}-${n}`}
        />
      )}
      {e.budget ? (
        <>
          <DataTable
            id="mall-budget"
            title={tr('mall.budget')}
            columns={budgetColumns(lang, tr, cash)}
            rows={e.budget.lines}
            rowKey={(b) => b.line}
            rowClass={(b) => (b.over ? 'outside' : undefined)}
          />
          <p className="caption">{tr('mall.budget.over', { n: e.budget.over, total: e.budget.lines.length })}</p>
        </>
      ) : null}
    </>
  );
}
