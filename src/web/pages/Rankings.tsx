import { useMemo, useRef } from 'react';
import { AccountLink } from '../components/AccountLink.tsx';
import type { Answer } from '../../api/schema.ts';
import { formatDate, formatNumber, formatPercent, formatPoints } from '../../i18n/format.ts';
import { attributeLabel } from '../../i18n/index.ts';
import { isRankPeriod, RANK_PERIODS, type RankPeriodKind } from '../../periods/ranking.ts';
import type { Period } from '../../periods/quarters.ts';
import type { RankRow } from '../../rank/schema.ts';
import { apiPath, useApi } from '../app/api.ts';
import { useT } from '../app/lang.ts';
import { useMeta } from '../app/meta.ts';
import type { useUrl } from '../app/url.ts';
import { rankBarsSpec } from '../charts/rank-bars.ts';
import { Async } from '../components/Async.tsx';
import { Chart } from '../components/Chart.tsx';
import { chartCsv } from '../reshape.ts';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { MallSection } from './RankingsMall.tsx';

type RankAnswer = Answer<'/api/rank'>;

const TOPS = [10, 20, 50, 100];
/** Bars drawn at most: a chart of 100 accounts is a table, and the table is right below. */
const MAX_BARS = 25;

/** Top earners of a period with rank movement and concentration, then the points mall's economics. */
export function RankingsPage({ url }: { url: ReturnType<typeof useUrl> }) {
  const { lang, tr } = useT();
  const meta = useMeta();
  const p = url.params;
  const kind: RankPeriodKind = isRankPeriod(p.get('period')) ? (p.get('period') as RankPeriodKind) : 'month';
  const by = meta.attributes.some((a) => a.attribute === p.get('by')) ? p.get('by') : null;
  const top = TOPS.includes(Number(p.get('top'))) ? Number(p.get('top')) : 10;
  const at = kind === 'all' ? null : p.get('at');
  const rank = useApi(apiPath('/api/rank', { period: kind, at, by, top: String(top) }));
  // The periods of a kind arrive with its first answer; kept so the picker does not blink while the next one loads.
  const periods = useRef<Partial<Record<RankPeriodKind, Period[]>>>({});
  if (rank.state === 'done') periods.current[rank.data.period_kind] = rank.data.periods;
  const shown = rank.state === 'done' ? rank.data.period.from : at;
  const known = periods.current[kind];

  return (
    <div className="page" data-page="rankings">
      <div className="page-head">
        <h1>{tr('rank.title')}</h1>
      </div>
      <div className="controls">
        <label>
          {tr('rank.picker.period')}
          <select
            value={kind}
            onChange={(e) => url.set({ period: e.target.value, at: null })}
            data-testid="rank-period"
          >
            {RANK_PERIODS.map((k) => (
              <option key={k} value={k}>
                {tr(`rank.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {kind !== 'all' ? (
          <label>
            {tr('rank.picker.at')}
            <select
              value={shown ?? ''}
              onChange={(e) => url.set({ at: e.target.value })}
              disabled={!known}
              data-testid="rank-at"
            >
              {(known ?? (shown ? [{ from: shown, to: shown }] : [])).map((d) => (
                <option key={d.from} value={d.from}>
                  {periodLabel(lang, kind, d)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          {tr('rank.picker.by')}
          <select value={by ?? ''} onChange={(e) => url.set({ by: e.target.value || null })} data-testid="rank-by">
            <option value="">{tr('rank.by.none')}</option>
            {meta.attributes.map((a) => (
              <option key={a.attribute} value={a.attribute}>
                {attributeLabel(lang, a.attribute)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tr('rank.picker.top')}
          <select value={top} onChange={(e) => url.set({ top: e.target.value })} data-testid="rank-top">
            {TOPS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Async loaded={rank}>{(r) => <Leaderboard result={r} />}</Async>
      <MallSection url={url} />
    </div>
  );
}

/** A period as people name it: "2026-W14", "Mar 2026", "2026 Q1", "2026". */
function periodLabel(lang: ReturnType<typeof useT>['lang'], kind: RankPeriodKind, d: Period): string {
  const y = d.from.slice(0, 4);
  const m = Number(d.from.slice(5, 7));
  if (kind === 'year') return y;
  if (kind === 'quarter') return `${y} Q${Math.ceil(m / 3)}`;
  if (kind === 'month')
    return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(
      new Date(`${d.from}T00:00:00Z`),
    );
  const last = new Date(Date.parse(`${d.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return `${formatDate(lang, d.from)} – ${formatDate(lang, last)}`;
}

function Leaderboard({ result }: { result: RankAnswer }) {
  const { lang, tr } = useT();
  const c = result.concentration;
  const last = (d: Period) => new Date(Date.parse(`${d.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const span = (d: Period) => ({ from: formatDate(lang, d.from), to: formatDate(lang, last(d)) });
  const prev = result.previous_period;
  const grouped = result.by !== null;
  const bars = Math.min(result.top, MAX_BARS);
  const spec = useMemo(() => rankBarsSpec(lang, result.rows, bars, grouped), [lang, result, bars, grouped]);
  const cards = [
    {
      key: 'top10_share',
      label: tr('rank.conc.top10'),
      value: formatPercent(lang, c.top10_share, 1),
      help: tr('rank.conc.top10.help'),
    },
    {
      key: 'top1pct_share',
      label: tr('rank.conc.top1pct'),
      value: formatPercent(lang, c.top1pct_share, 1),
      help: tr('rank.conc.top1pct.help', { n: c.top1pct_n, population: formatNumber(lang, c.population, 0) }),
    },
    {
      key: 'top10_overlap_previous',
      label: tr('rank.conc.overlap'),
      value:
        c.top10_overlap_previous === null
          ? '—'
          : tr('rank.conc.overlap.value', { n: c.top10_overlap_previous, of: c.top10_accounts }),
      help: c.top10_overlap_previous === null ? tr('rank.conc.overlap.none') : tr('rank.conc.overlap.help'),
    },
    {
      key: 'earners',
      label: tr('rank.conc.earners'),
      value: formatNumber(lang, c.earners, 0),
      help: tr('rank.conc.earners.help', {
        earners: formatNumber(lang, c.earners, 0),
        population: formatNumber(lang, c.population, 0),
        issued: formatPoints(lang, c.issued),
      }),
    },
  ];
  const periodLine = prev
    ? tr('rank.period', { ...span(result.period), prev_from: span(prev).from, prev_to: span(prev).to })
    : tr('rank.period.all', span(result.period));
  return (
    <>
      <p className="period" data-testid="rank-span">
        {periodLine}
      </p>
      <div className="kpis">
        {cards.map((k) => (
          <div
            className="kpi"
            key={k.key}
            data-kpi={k.key}
            data-raw={String((c as Record<string, unknown>)[k.key] ?? '')}
          >
            <div className="kpi-label">{k.label}</div>
            <div className="kpi-value">{k.value}</div>
            <p className="kpi-help">{k.help}</p>
          </div>
        ))}
      </div>
      <p className="caption" data-testid="tie-rule">
        {tr('rank.ties')}
      </p>
      {result.rows.length === 0 ? (
        <p className="chart-empty">{tr('rank.empty')}</p>
      ) : (
        <>
          <DataTable
            id="rankings"
            title={tr('rank.table')}
            columns={rankColumns(lang, tr, grouped, result.by)}
            rows={result.rows}
            rowKey={(r) => `${r.group ?? ''}\u0000${r.account_id}`}
            testId="rank-table"
          />
          <Chart
            id="rank-bars"
            shown={periodLine}
            title={tr('rank.chart', { n: Math.min(bars, result.rows.length) })}
            spec={spec}
            csv={chartCsv(
              result.rows,
              ['rank', 'account_id', 'group', 'issued', 'share', 'previous_rank', 'movement'],
              {
                labels: [
                  tr('rank.col.rank'),
                  tr('rank.col.account'),
                  tr('rank.col.group'),
                  tr('rank.col.issued'),
                  tr('rank.col.share'),
                  tr('rank.col.previous'),
                  tr('rank.col.movement'),
                ],
                types: ['integer', 'string', 'string', 'number', 'percent', 'integer', 'integer'],
              },
            )}
          />
        </>
      )}
    </>
  );
}

function rankColumns(
  lang: ReturnType<typeof useT>['lang'],
  tr: ReturnType<typeof useT>['tr'],
  grouped: boolean,
  by: string | null,
): Column<RankRow>[] {
  const cols: (Column<RankRow> | null)[] = [
    { key: 'rank', header: tr('rank.col.rank'), type: 'integer', value: (r) => r.rank, num: true },
    {
      key: 'account_id',
      header: tr('rank.col.account'),
      type: 'string',
      value: (r) => r.account_id,
      show: (r) => <AccountLink id={r.account_id} />,
    },
    grouped
      ? {
          key: 'group',
          header: by ? attributeLabel(lang, by) : tr('rank.col.group'),
          type: 'string',
          value: (r) => r.group,
          show: (r) => r.group ?? tr('rank.group.none'),
        }
      : null,
    {
      key: 'issued',
      header: tr('rank.col.issued'),
      type: 'number',
      value: (r) => r.issued,
      show: (r) => formatPoints(lang, r.issued),
      num: true,
    },
    {
      key: 'share',
      header: tr('rank.col.share'),
      type: 'percent',
      value: (r) => r.share,
      show: (r) => formatPercent(lang, r.share, 1),
      num: true,
    },
    grouped
      ? {
          key: 'group_share',
          header: tr('rank.col.group_share'),
          type: 'percent',
          value: (r) => r.group_share,
          show: (r) => formatPercent(lang, r.group_share, 1),
          num: true,
        }
      : null,
    {
      key: 'previous_rank',
      header: tr('rank.col.previous'),
      type: 'integer',
      value: (r) => r.previous_rank,
      show: (r) => (r.previous_rank === null ? '—' : String(r.previous_rank)),
      num: true,
    },
    {
      key: 'movement',
      header: tr('rank.col.movement'),
      type: 'integer',
      value: (r) => r.movement,
      show: (r) => <Movement row={r} />,
    },
  ];
  return cols.filter((c): c is Column<RankRow> => c !== null);
}

function Movement({ row }: { row: RankRow }) {
  const { tr } = useT();
  const m = row.movement;
  if (m === null) return <span className="move new">{tr('rank.move.new')}</span>;
  if (m === 0) return <span className="move same">{tr('rank.move.same')}</span>;
  return (
    <span className={`move ${m > 0 ? 'up' : 'down'}`} style={{ color: m > 0 ? 'var(--good)' : 'var(--bad)' }}>
      {tr(m > 0 ? 'rank.move.up' : 'rank.move.down', { n: Math.abs(m) })}
    </span>
  );
}
