import * as Plot from '@observablehq/plot';
import { useDeferredValue, useMemo } from 'react';
import { flowSeries, flowsSpec, outstandingSpec } from '../../charts/trends.ts';
import { tierName, tiersLegend, tiersSpec } from '../../charts/tiers.ts';
import { formatDate, formatFixed, formatMonth, formatPoints } from '../../i18n/format.ts';
import type { Report } from '../../report/schema.ts';
import { answered, apiPath, type Loaded, type RoutePath, useApi, withToken } from '../app/api.ts';
import { useT } from '../app/lang.ts';
import { useMeta } from '../app/meta.ts';
import type { useUrl } from '../app/url.ts';
import { periodParams, splitFilter, viewOf } from '../app/view.ts';
import { lastDay, quarterOf } from '../../dates.ts';
import { barsSpec } from '../charts/bars.ts';
import { sizeLabel } from '../../charts/disparity.ts';
import { cohortMinWidth, cohortSpec, type CohortCell } from '../charts/cohorts.ts';
import { dailyLegend, dailySpec, type DayPoint } from '../charts/daily.ts';
import { Async } from '../components/Async.tsx';
import { Chart } from '../components/Chart.tsx';
import { chartCsv } from '../reshape.ts';
import { Controls } from '../components/Controls.tsx';
import { KpiGrid } from '../components/KpiGrid.tsx';
import { GiniInterval } from '../components/GiniInterval.tsx';

/** What a deferred part shows until its render comes (one object, so React sees the same value each time). */
const NOT_YET: Loaded<never> = { state: 'loading' };

/** Management's page: is the program healthy this quarter, against the last one? */
export function HealthPage({ url }: { url: ReturnType<typeof useUrl> }) {
  const { lang, tr } = useT();
  const meta = useMeta();
  const view = viewOf(url.params, meta);
  const period = periodParams(view);
  // Without a filter both ask for the department split, one request (the server shares it). The department bars are
  // never narrowed by the filter, because they are where it is chosen: a filtered report is asked without the split,
  // which within a filter is one group the page never draws and cost that report its largest query.
  // A filter of nobody: the one message is in Controls; the filtered parts are not asked for (five identical errors).
  const ask = <P extends string>(path: RoutePath<P>) => (view.filterUnknown ? null : path);
  const split = view.filter ? {} : { by: 'department' };
  const reportPath = ask(apiPath('/api/report', { ...period, ...split, filter: view.filter }));
  const report = useApi(reportPath);
  // The report's other charts are drawn in a render of their own, after the KPI cards and the monthly charts have
  // been painted: the first paint waits for those alone.
  const rest = useDeferredValue(report, NOT_YET);
  const byDept = useDeferredValue(useApi(apiPath('/api/report', { ...period, by: 'department' })), NOT_YET);
  // Numbers first: the KPI cards and the monthly chart wait for the report alone, so the daily chart and the cohorts
  // are asked once it has answered for this view; on a view nobody asked before the report then has the cores.
  const afterReport = <P extends string>(path: RoutePath<P> | null) => (answered(report, reportPath) ? path : null);
  const cohorts = useApi(afterReport(ask(apiPath('/api/cohorts', { ...period, filter: view.filter }))));
  const daily = useApi(afterReport(ask(apiPath('/api/daily', { ...period, filter: view.filter }))));
  // The whole program's KPIs beside the scope's, for a manager the settings allow them (src/server/access.ts).
  const program = useApi(meta.access?.program_totals ? apiPath('/api/program-totals', period) : null);
  const selected = splitFilter(view.filter);
  const pickMonth = (d: unknown) => {
    const month = (d as { month?: string }).month;
    if (month && meta.months.includes(month)) url.set({ quarter: quarterOf(month), month });
  };

  return (
    <div className="page" data-page="health">
      <div className="page-head">
        <h1>{tr('health.title')}</h1>
        <a
          className="report-link"
          href={withToken(apiPath('/report.html', { ...period, filter: view.filter, lang }))}
          target="_blank"
          rel="noreferrer"
        >
          {tr('app.report_link')}
        </a>
      </div>
      <Controls view={view} set={url.set} />
      {view.filterUnknown ? null : (
        <>
          <Async loaded={report} minHeight={300}>
            {(r) => (
              <>
                <p className="period" data-testid="period">
                  {tr('health.period', {
                    from: formatDate(lang, r.period.from),
                    to: formatDate(lang, lastDay(r.period.to)),
                    prev_from: formatDate(lang, r.previous.period.from),
                    prev_to: formatDate(lang, lastDay(r.previous.period.to)),
                  })}
                </p>
                <section aria-label={tr('health.kpis')}>
                  <KpiGrid report={r} program={program.state === 'done' ? program.data.program : undefined} />
                  <GiniInterval report={r} params={{ ...period, filter: view.filter }} />
                </section>
                <div className="grid-2">
                  <FlowsChart report={r} onPick={pickMonth} />
                  <OutstandingChart report={r} onPick={pickMonth} />
                </div>
              </>
            )}
          </Async>
          <Async loaded={daily}>{(d) => <DailyChart days={d.days} threshold={d.threshold} />}</Async>
        </>
      )}
      <div className="grid-2">
        <Async loaded={byDept}>
          {(r) => (
            <DepartmentChart
              report={r}
              selected={selected?.attribute === 'department' ? selected.value : null}
              onPick={(value) => url.set({ filter: `department=${value}` })}
            />
          )}
        </Async>
        {view.filterUnknown ? null : <Async loaded={rest}>{(r) => <TiersChart report={r} />}</Async>}
      </div>
      {view.filterUnknown ? null : (
        <>
          <Async loaded={rest}>{(r) => <RulesChart report={r} />}</Async>
          <Async loaded={rest}>{(r) => <ExpiringChart report={r} />}</Async>
          <Async loaded={cohorts}>{(c) => <CohortChart cells={c.cells} suppressed={c.suppressed} />}</Async>
        </>
      )}
    </div>
  );
}

function FlowsChart({ report, onPick }: { report: Report; onPick: (d: unknown) => void }) {
  const { lang, tr } = useT();
  const monthly = report.series.monthly;
  const spec = useMemo(() => {
    if (monthly.length === 0) return null;
    const rows = monthly.map((m) => ({ ...m, date: new Date(`${m.month}-01T00:00:00Z`) }));
    const tip = Plot.tip(
      rows,
      Plot.pointerX({
        x: 'date',
        y: 'issued',
        title: (m: (typeof rows)[number]) =>
          `${formatMonth(lang, m.month)}\n${tr('series.issued')}: ${formatPoints(lang, m.issued)}\n${tr('series.redeemed')}: ${formatPoints(lang, m.redeemed)}\n${tr('series.expired')}: ${formatPoints(lang, m.expired)}`,
      }),
    );
    return flowsSpec(lang, monthly, report.period, [tip]);
  }, [lang, tr, monthly, report.period]);
  return (
    <Chart
      id="monthly-flows"
      title={tr('health.flows')}
      spec={spec}
      onPick={onPick}
      legend={flowSeries(lang).map((s) => ({ label: s.label, color: s.color, shape: s.dash ? 'dash' : 'line' }))}
      csv={chartCsv(monthly, ['month', 'issued', 'redeemed', 'expired'])}
    />
  );
}

function OutstandingChart({ report, onPick }: { report: Report; onPick: (d: unknown) => void }) {
  const { lang, tr } = useT();
  const monthly = report.series.monthly;
  const spec = useMemo(() => {
    if (monthly.length === 0) return null;
    const rows = monthly.map((m) => ({ ...m, date: new Date(`${m.month}-01T00:00:00Z`) }));
    return outstandingSpec(lang, monthly, report.period, [
      Plot.tip(
        rows,
        Plot.pointerX({
          x: 'date',
          y: 'outstanding',
          title: (m: (typeof rows)[number]) => `${formatMonth(lang, m.month)}\n${formatPoints(lang, m.outstanding)}`,
        }),
      ),
    ]);
  }, [lang, monthly, report.period]);
  return (
    <Chart
      id="outstanding"
      title={tr('health.outstanding')}
      spec={spec}
      onPick={onPick}
      csv={chartCsv(monthly, ['month', 'outstanding'])}
    />
  );
}

function DailyChart({ days, threshold }: { days: DayPoint[]; threshold: number }) {
  const { lang, tr } = useT();
  const spec = useMemo(() => (days.length === 0 ? null : dailySpec(lang, days)), [lang, days]);
  return (
    <Chart
      id="daily-issued"
      title={tr('health.daily')}
      spec={spec}
      legend={dailyLegend(lang)}
      caption={tr('health.daily.caption', { threshold: formatFixed(lang, threshold, 2) })}
      csv={chartCsv(days, [
        'day',
        { name: 'issued', from: 'value' },
        'expected',
        'lower',
        'upper',
        'z',
        'spike',
        { name: 'rule_spikes', from: 'rules', words: 'rule_id' },
        'drop',
        { name: 'rule_drops', from: 'drops', words: 'rule_id' },
        { name: 'campaigns', from: 'campaigns', words: true },
      ])}
    />
  );
}

function DepartmentChart({
  report,
  selected,
  onPick,
}: {
  report: Report;
  selected: string | null;
  onPick: (value: string) => void;
}) {
  const { lang, tr } = useT();
  const groups = report.by?.groups ?? [];
  const spec = useMemo(
    () =>
      groups.length === 0
        ? null
        : barsSpec(
            lang,
            groups
              .filter((g) => g.value !== null)
              .map((g) => ({
                key: g.value!,
                label: `${g.value} (${sizeLabel(lang, g)})`,
                value: g.total_issued ?? 0,
                accent: g.value === selected,
              })),
            tr('health.departments.x'),
          ),
    [lang, tr, groups, selected],
  );
  return (
    <Chart
      id="departments"
      title={tr('health.departments')}
      spec={spec}
      onPick={(d) => onPick((d as { key: string }).key)}
      csv={chartCsv(groups, [{ name: 'department', from: 'value' }, 'n', { name: 'issued', from: 'total_issued' }])}
    />
  );
}

function TiersChart({ report }: { report: Report }) {
  const { lang, tr } = useT();
  const tiers = report.series.tier_mix;
  const spec = useMemo(() => (tiers.length === 0 ? null : tiersSpec(lang, tiers)), [lang, tiers]);
  return (
    <Chart
      id="tier-mix"
      title={tr('health.tiers')}
      spec={spec}
      legend={tiersLegend(lang)}
      csv={chartCsv(tiers, [
        // The tiers' names in the page's language, joined on in the worker.
        { name: 'tier', from: 'tier', labels: Object.fromEntries(tiers.map((r) => [r.tier, tierName(lang, r.tier)])) },
        'issued',
        'share',
        'target',
      ])}
    />
  );
}

function RulesChart({ report }: { report: Report }) {
  const { lang, tr } = useT();
  // Redemption items also carry a rule_id (negative points); only catalogue rules and earning rules are rules here.
  const rules = (report.rule_usage ?? []).filter((r) => r.in_catalog || r.points > 0);
  const unused = rules.filter((r) => !r.used).length;
  const spec = useMemo(
    () =>
      rules.length === 0
        ? null
        : barsSpec(
            lang,
            rules.map((r) => ({
              key: r.rule_id,
              label: r.name ? `${r.rule_id} ${r.name}` : r.rule_id,
              value: r.points,
              accent: !r.used,
              note: r.used ? undefined : tr('health.rules.unused'),
            })),
            tr('health.rules.x'),
          ),
    [lang, tr, rules],
  );
  return (
    <Chart
      id="rule-usage"
      title={tr('health.rules')}
      spec={spec}
      caption={tr('health.rules.caption', { unused, total: rules.length })}
      csv={chartCsv(rules, ['rule_id', 'name', 'tier', 'rows', 'accounts', 'points', 'used'])}
    />
  );
}

function CohortChart({ cells, suppressed }: { cells: CohortCell[]; suppressed?: string }) {
  const { lang, tr } = useT();
  const spec = useMemo(() => (cells.length === 0 ? null : cohortSpec(lang, cells)), [lang, cells]);
  // A viewer's or a manager's cohorts of fewer than min_group_size people were left out by the server: say so.
  const left = suppressed ? ` ${tr('health.cohorts.suppressed', { n: suppressed.replace(/^\D+/, '') })}` : '';
  return (
    <Chart
      id="cohorts"
      title={tr('health.cohorts')}
      spec={spec}
      minWidth={cohortMinWidth(cells)}
      caption={`${tr('health.cohorts.y')}${left}`}
      csv={chartCsv(cells, ['cohort', 'k', 'cohort_size', 'active', 'share'])}
    />
  );
}

function ExpiringChart({ report }: { report: Report }) {
  const { lang, tr } = useT();
  const e = report.expiring;
  const rows = useMemo(
    () =>
      (e ?? { horizons: [] }).horizons.map((h) => ({
        key: String(h.horizon_days),
        label:
          h.horizon_days === 0 ? tr('health.expiring.overdue') : tr('health.expiring.within', { days: h.horizon_days }),
        value: h.points,
      })),
    [tr, e],
  );
  if (!e) return null;
  return (
    <Chart
      id="expiring"
      title={tr('health.expiring', { at: formatDate(lang, lastDay(e.at)) })}
      spec={rows.length ? barsSpec(lang, rows, tr('health.expiring.x')) : null}
      caption={tr('health.expiring.caption', { months: report.settings.expiry_months ?? '—' })}
      csv={chartCsv(e.horizons, ['horizon_days', 'points', 'accounts'])}
    />
  );
}
