import * as Plot from '@observablehq/plot';
import { useMemo } from 'react';
import { band, bandState, disparitySpec, verdict } from '../../charts/disparity.ts';
import { lorenzLegend, lorenzSpec } from '../../charts/lorenz.ts';
import { formatFixed, formatNumber, formatPercent } from '../../i18n/format.ts';
import { attributeLabel, attributeName } from '../../i18n/index.ts';
import type { FairnessView, PeriodMetrics } from '../../report/schema.ts';
import { apiPath, useApi } from '../app/api.ts';
import { useT } from '../app/lang.ts';
import { useMeta } from '../app/meta.ts';
import type { useUrl } from '../app/url.ts';
import { periodParams, viewOf } from '../app/view.ts';
import { giniTrendSpec, type GiniPoint } from '../charts/gini-trend.ts';
import { groupMeansSpec } from '../charts/group-means.ts';
import { theilSpec } from '../charts/theil.ts';
import { Async } from '../components/Async.tsx';
import { Chart } from '../components/Chart.tsx';
import { chartCsv } from '../reshape.ts';
import { Controls } from '../components/Controls.tsx';
import { tableSheet, TableTitle } from '../components/XlsxButton.tsx';
import { ScrollX } from '../components/ScrollX.tsx';
import { GiniInterval } from '../components/GiniInterval.tsx';

/** The auditors' fairness view: how unequal, how it moves, and which groups fall outside the band. */
export function FairnessPage({ url }: { url: ReturnType<typeof useUrl> }) {
  const { lang, tr } = useT();
  const meta = useMeta();
  const view = viewOf(url.params, meta);
  const attributes = meta.attributes.map((a) => a.attribute);
  const by = url.params.get('by') ?? (attributes.includes('department') ? 'department' : (attributes[0] ?? null));
  const period = periodParams({ ...view, month: null });
  // The page's own numbers (the report's inequality figures only): a view nobody asked before costs one pass.
  const report = useApi(
    by
      ? apiPath('/api/fairness', { ...period, by, filter: view.filter })
      : apiPath('/api/fairness', { ...period, filter: view.filter }),
  );
  const trend = useApi(apiPath('/api/gini-trend', { filter: view.filter }));
  // The whole program's inequality beside the scope's, for a manager the settings allow it (src/server/access.ts).
  const program = useApi(meta.access?.program_totals ? apiPath('/api/program-totals', period) : null);
  return (
    <div className="page" data-page="fairness">
      <div className="page-head">
        <h1>{tr('fairness.title')}</h1>
      </div>
      <Controls view={{ ...view, month: null }} set={url.set} months={false} />
      <label className="by-picker">
        {tr('picker.attribute')}
        <select value={by ?? ''} onChange={(e) => url.set({ by: e.target.value })} data-testid="by">
          {attributes.map((a) => (
            <option key={a} value={a}>
              {attributeLabel(lang, a)}
            </option>
          ))}
        </select>
      </label>
      <div className="grid-2 lorenz-row">
        <Async loaded={report}>
          {(r) => (
            <div>
              <LorenzChart report={r} />
              <GiniInterval report={r} params={{ ...period, filter: view.filter }} path="/api/fairness/intervals" />
              {program.state === 'done' ? <ProgramInequality program={program.data.program} /> : null}
            </div>
          )}
        </Async>
        <Async loaded={trend}>
          {(d) => <TrendChart points={d.quarters} warning={meta.settings.fairness.gini_warning} />}
        </Async>
      </div>
      <Async loaded={report}>
        {(r) =>
          r.by ? (
            <>
              <MeansChart report={r} />
              <DisparityChart report={r} />
              {r.by.theil_between_share !== null ? <TheilChart report={r} /> : null}
              <GroupTable report={r} />
            </>
          ) : null
        }
      </Async>
    </div>
  );
}

/** The company's Gini, Theil and top-10 % share for the same quarter, labelled as the whole program's. */
function ProgramInequality({ program }: { program: PeriodMetrics }) {
  const { lang, tr } = useT();
  return (
    <p className="kpi-program" data-testid="fairness-program">
      {tr('fairness.program', {
        gini: formatFixed(lang, program.gini, 3),
        theil: formatFixed(lang, program.theil, 3),
        top10: formatPercent(lang, program.top10_share, 1),
      })}
    </p>
  );
}

function LorenzChart({ report }: { report: FairnessView }) {
  const { lang, tr } = useT();
  const lorenz = report.series.lorenz;
  const spec = useMemo(
    () =>
      lorenz.length < 2
        ? null
        : lorenzSpec(lang, lorenz, [
            Plot.tip(
              lorenz,
              Plot.pointerX({
                x: 'p',
                y: 'l',
                title: (d: { p: number; l: number }) =>
                  `${formatPercent(lang, d.p, 0)} → ${formatPercent(lang, d.l, 1)}`,
              }),
            ),
          ]),
    [lang, lorenz],
  );
  return (
    <Chart
      id="lorenz"
      title={tr('fairness.lorenz')}
      spec={spec}
      legend={lorenzLegend(lang)}
      caption={
        report.gini === null ? undefined : tr('chart.lorenz.caption', { gini: formatNumber(lang, report.gini, 3) })
      }
      csv={chartCsv(lorenz, [
        { name: 'population_share', from: 'p' },
        { name: 'points_share', from: 'l' },
      ])}
    />
  );
}

function TrendChart({ points, warning }: { points: GiniPoint[]; warning: number }) {
  const { lang, tr } = useT();
  const spec = useMemo(
    () => (points.length === 0 ? null : giniTrendSpec(lang, points, warning)),
    [lang, points, warning],
  );
  return (
    <Chart
      id="gini-trend"
      title={tr('fairness.trend')}
      spec={spec}
      legend={[
        { label: tr('fairness.trend.all'), color: '#D55E00' },
        { label: tr('fairness.trend.nonzero'), color: '#0072B2' },
      ]}
      csv={chartCsv(points, ['quarter', 'n', 'gini', 'gini_nonzero', 'partial'])}
    />
  );
}

function MeansChart({ report }: { report: FairnessView }) {
  const { lang, tr } = useT();
  const by = report.by!;
  // The population's mean, which the disparities compare to (group_fairness.sql).
  const overall =
    report.population.n > 0 && report.population_issued !== null
      ? report.population_issued / report.population.n
      : null;
  const spec = useMemo(
    () => groupMeansSpec(lang, by.groups, overall, band(report.settings)),
    [lang, by, overall, report.settings],
  );
  return (
    <Chart
      id="group-means"
      title={tr('fairness.groups', { attribute: attributeName(lang, by.attribute) })}
      spec={spec}
      caption={tr('fairness.small_note', { n: report.settings.fairness?.min_group_size ?? 30 })}
      csv={chartCsv(by.groups, [
        { name: 'group', from: 'value' },
        'n',
        'mean_issued',
        { name: 'ci_low', from: 'mean_ci', end: 0 },
        { name: 'ci_high', from: 'mean_ci', end: 1 },
        'small',
      ])}
    />
  );
}

function DisparityChart({ report }: { report: FairnessView }) {
  const { lang, tr } = useT();
  const by = report.by!;
  const low = report.settings.fairness?.disparity_low ?? 0.8;
  const high = report.settings.fairness?.disparity_high ?? 1.25;
  const spec = useMemo(() => disparitySpec(lang, by, report.settings), [lang, by, report.settings]);
  return (
    <Chart
      id="disparity"
      title={tr('fairness.disparity', { low: formatNumber(lang, low, 2), high: formatNumber(lang, high, 2) })}
      spec={spec}
      caption={tr('chart.disparity.band', { low: formatNumber(lang, low, 2), high: formatNumber(lang, high, 2) })}
      csv={chartCsv(by.groups, [{ name: 'group', from: 'value' }, 'n', 'disparity', 'outside_band', 'small'])}
    />
  );
}

function TheilChart({ report }: { report: FairnessView }) {
  const { lang, tr } = useT();
  const by = report.by!;
  const spec = useMemo(() => theilSpec(lang, by.theil_between_share!), [lang, by]);
  return (
    <Chart
      id="theil"
      title={tr('fairness.theil')}
      spec={spec}
      caption={tr('chart.disparity.theil', {
        attribute: attributeName(lang, by.attribute),
        share: formatPercent(lang, by.theil_between_share, 1),
      })}
      csv={chartCsv([by], ['theil_between', 'theil_within', 'theil_between_share'])}
    />
  );
}

function GroupTable({ report }: { report: FairnessView }) {
  const { lang, tr } = useT();
  const by = report.by!;
  const b = band(report.settings);
  return (
    <section className="table-box">
      <TableTitle
        id="groups"
        title={tr('fairness.table')}
        sheet={() =>
          tableSheet(
            tr('fairness.table'),
            [
              { key: 'group', header: tr('group.col.group'), type: 'string', value: (g) => g.value },
              { key: 'n', header: tr('group.col.n'), type: 'integer', value: (g) => g.n },
              { key: 'mean_issued', header: tr('group.col.mean'), type: 'number', value: (g) => g.mean_issued },
              { key: 'disparity', header: tr('group.col.disparity'), type: 'number', value: (g) => g.disparity },
              { key: 'gini', header: tr('group.col.gini'), type: 'number', value: (g) => g.gini },
              { key: 'note', header: tr('group.col.note'), type: 'string', value: (g) => verdict(lang, g, b) },
            ],
            by.groups,
          )
        }
      />
      <ScrollX>
        <table className="groups" data-testid="group-table">
          <thead>
            <tr>
              <th>{tr('group.col.group')}</th>
              <th className="num">{tr('group.col.n')}</th>
              <th className="num">{tr('group.col.mean')}</th>
              <th className="num">{tr('group.col.disparity')}</th>
              <th className="num">{tr('group.col.gini')}</th>
              <th>{tr('group.col.note')}</th>
            </tr>
          </thead>
          <tbody>
            {by.groups.map((g) => (
              <tr key={g.value ?? '∅'} className={bandState(g, b)} data-band={bandState(g, b)}>
                <td>{g.value ?? tr('group.missing')}</td>
                <td className="num">{formatNumber(lang, g.n, 0)}</td>
                <td className="num">{formatFixed(lang, g.mean_issued, 1)}</td>
                <td className="num">{g.disparity === null ? '—' : `${formatFixed(lang, g.disparity, 2)}×`}</td>
                <td className="num">{formatFixed(lang, g.gini, 3)}</td>
                <td>{verdict(lang, g, b)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollX>
    </section>
  );
}
