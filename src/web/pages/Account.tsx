import { useEffect, useMemo } from 'react';
import type { z } from 'zod';
import type { AccountAnswer } from '../../api/schema.ts';
import { flagExplanation } from '../../i18n/audit-reasons.ts';
import { formatDate, formatNumber, formatPercent, formatPoints } from '../../i18n/format.ts';
import { apiPath, useApi } from '../app/api.ts';
import { useT } from '../app/lang.ts';
import { useMeta } from '../app/meta.ts';
import type { useUrl } from '../app/url.ts';
import { periodParams, viewOf } from '../app/view.ts';
import { lastDay } from '../../dates.ts';
import { accountMonthsSpec } from '../charts/account-months.ts';
import { AccountLink } from '../components/AccountLink.tsx';
import { Async } from '../components/Async.tsx';
import { Chart } from '../components/Chart.tsx';
import { chartCsv } from '../reshape.ts';
import { Controls } from '../components/Controls.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { checkName } from './check-name.ts';
import { caseStatus } from './CasePanel.tsx';

type Answer = z.infer<typeof AccountAnswer>;
type AccountFlag = Answer['flags'][number];
type Counterpart = Answer['counterparts'][number];
type Tr = ReturnType<typeof useT>['tr'];
type LangOf = ReturnType<typeof useT>['lang'];

/**
 * Everything about one account on one page: its flags across quarters with their case marks, its ranks, whom it gave
 * to and received from (with shares, so a favourite stands out), and its months. Every account id links here.
 */
export function AccountPage({ id, url }: { id: string; url: ReturnType<typeof useUrl> }) {
  const { tr } = useT();
  const meta = useMeta();
  const view = { ...viewOf(url.params, meta), filter: null };
  const period = periodParams(view);
  const data = useApi(apiPath('/api/account', { account_id: id, ...period }));
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new account is a new page: start it at the top
  useEffect(() => {
    scrollTo(0, 0);
  }, [id]);
  return (
    <div className="page" data-page="account">
      <div className="page-head">
        <h1>{tr('account.title', { id })}</h1>
        <a
          href={`/audit${location.search}`}
          onClick={(e) => {
            e.preventDefault();
            url.navigate('/audit');
          }}
        >
          {tr('account.back')}
        </a>
      </div>
      <Controls view={view} set={url.set} filters={false} />
      <Async loaded={data} minHeight={260}>
        {(a) => <AccountBody a={a} url={url} />}
      </Async>
    </div>
  );
}

function AccountBody({ a, url }: { a: Answer; url: ReturnType<typeof useUrl> }) {
  const { lang, tr } = useT();
  const spec = useMemo(() => accountMonthsSpec(lang, a.months), [lang, a.months]);
  const side = (direction: 'out' | 'in') => a.counterparts.filter((c) => c.direction === direction);
  return (
    <>
      <p className="period" data-testid="account-summary">
        {tr('account.summary', {
          department: a.summary.department ?? '—',
          rows: formatNumber(lang, a.summary.rows, 0),
          first: formatDate(lang, a.summary.first_day),
          last: formatDate(lang, a.summary.last_day),
        })}
      </p>
      <DataTable
        id="account-flags"
        title={tr('account.quarters', { n: a.quarters.length })}
        columns={flagColumns(lang, tr, url)}
        rows={a.flags}
        rowKey={(f) => f.flag_id}
        testId="account-flags"
      />
      {a.flags.length === 0 ? <p className="caption">{tr('account.flags.none')}</p> : null}
      <DataTable
        id="account-rankings"
        title={tr('account.rankings')}
        columns={rankColumns(lang, tr)}
        rows={a.rankings}
        rowKey={(r) => r.period_kind}
        testId="account-rankings"
      />
      <p className="caption">{tr('account.transfers.help')}</p>
      <div className="grid-2">
        {(['out', 'in'] as const).map((d) => (
          <div key={d}>
            <DataTable
              id={`account-${d}`}
              title={tr(`account.transfers.${d}`)}
              columns={counterpartColumns(lang, tr)}
              rows={side(d)}
              rowKey={(c) => `${c.kind}\u0000${c.counterparty_id}`}
              testId={`account-${d}`}
            />
            {side(d).length === 0 ? <p className="caption">{tr('account.transfers.none')}</p> : null}
          </div>
        ))}
      </div>
      <Chart
        id="account-months"
        title={tr('account.timeline')}
        spec={spec}
        legend={[
          { label: tr('account.timeline.earned'), color: '#0072B2', shape: 'box' },
          { label: tr('account.timeline.spent'), color: '#E69F00', shape: 'box' },
        ]}
        csv={chartCsv(a.months, ['month', 'points_in', 'points_out', 'n'], {
          labels: [
            tr('account.col.period'),
            tr('account.timeline.earned'),
            tr('account.timeline.spent'),
            tr('account.col.count'),
          ],
          types: ['month', 'number', 'number', 'integer'],
        })}
      />
    </>
  );
}

function flagColumns(lang: LangOf, tr: Tr, url: ReturnType<typeof useUrl>): Column<AccountFlag>[] {
  const window = (f: AccountFlag) =>
    f.from === lastDay(f.to)
      ? formatDate(lang, f.from)
      : `${formatDate(lang, f.from)} – ${formatDate(lang, lastDay(f.to))}`;
  return [
    {
      key: 'quarter',
      header: tr('account.col.quarter'),
      type: 'string',
      value: (f) => tr('report.quarter', { year: f.quarter.slice(0, 4), q: f.quarter.slice(5) }),
    },
    {
      key: 'check',
      header: tr('audit.col.check'),
      type: 'string',
      value: (f) => checkName(tr, f.check),
      show: (f) => (
        <a
          href={`/audit?quarter=${f.quarter}&flag=${encodeURIComponent(f.flag_id)}`}
          onClick={(e) => {
            e.preventDefault();
            url.navigate('/audit', { quarter: f.quarter, month: null, flag: f.flag_id });
          }}
        >
          {checkName(tr, f.check)}
        </a>
      ),
    },
    {
      key: 'severity',
      header: tr('audit.col.severity'),
      type: 'string',
      value: (f) => tr(`audit.severity.${f.severity}`),
      show: (f) => <span className={`badge ${f.severity}`}>{tr(`audit.severity.${f.severity}`)}</span>,
    },
    {
      key: 'status',
      header: tr('case.status'),
      type: 'string',
      value: (f) => tr(`case.status.${caseStatus(f)}`),
      show: (f) => <span className={`case case-${caseStatus(f)}`}>{tr(`case.status.${caseStatus(f)}`)}</span>,
    },
    { key: 'note', header: tr('case.note'), type: 'string', value: (f) => f.mark?.note || null },
    { key: 'by', header: tr('case.by'), type: 'string', value: (f) => f.mark?.by ?? null },
    { key: 'window', header: tr('audit.col.window'), type: 'string', value: window },
    {
      key: 'explanation',
      header: tr('audit.col.explanation'),
      type: 'string',
      value: (f) => flagExplanation(lang, f, (v) => formatNumber(lang, v, 3)),
    },
  ];
}

function rankColumns(lang: LangOf, tr: Tr): Column<Answer['rankings'][number]>[] {
  return [
    {
      key: 'period',
      header: tr('account.col.period'),
      type: 'string',
      value: (r) =>
        `${tr(`account.rank.period.${r.period_kind}`)} (${formatDate(lang, r.from)} – ${formatDate(lang, lastDay(r.to))})`,
    },
    {
      key: 'rank',
      header: tr('account.col.rank'),
      type: 'string',
      value: (r) => (r.rank === null ? tr('account.rank.none') : `${r.rank} / ${r.ranked}`),
      show: (r) =>
        r.rank === null
          ? tr('account.rank.none')
          : `${formatNumber(lang, r.rank, 0)} / ${formatNumber(lang, r.ranked, 0)}`,
      num: true,
    },
    {
      key: 'issued',
      header: tr('account.col.issued'),
      type: 'number',
      value: (r) => r.issued,
      show: (r) => formatPoints(lang, r.issued),
      num: true,
    },
    {
      key: 'share',
      header: tr('account.col.share'),
      type: 'percent',
      value: (r) => r.share,
      show: (r) => formatPercent(lang, r.share, 2),
      num: true,
    },
  ];
}

function counterpartColumns(lang: LangOf, tr: Tr): Column<Counterpart>[] {
  return [
    {
      key: 'counterparty_id',
      header: tr('account.col.counterpart'),
      type: 'string',
      value: (c) => c.counterparty_id,
      show: (c) => <AccountLink id={c.counterparty_id} />,
    },
    { key: 'kind', header: tr('account.col.kind'), type: 'string', value: (c) => tr(`account.kind.${c.kind}`) },
    {
      key: 'points',
      header: tr('account.col.points'),
      type: 'number',
      value: (c) => c.points,
      show: (c) => formatPoints(lang, c.points),
      num: true,
    },
    { key: 'n', header: tr('account.col.count'), type: 'integer', value: (c) => c.n, num: true },
    {
      key: 'share',
      header: tr('account.col.share_of'),
      type: 'percent',
      value: (c) => c.share,
      show: (c) => (
        <span className="share-cell" data-share={c.share}>
          <span className="share-bar" style={{ width: `${Math.round(c.share * 100)}%` }} />
          {formatPercent(lang, c.share, 1)}
        </span>
      ),
      num: true,
    },
  ];
}
