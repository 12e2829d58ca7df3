import { useMemo } from 'react';
import { formatDate, formatFixed, formatNumber, formatPercent } from '../../i18n/format.ts';
import type { AbResult } from '../../experiments/schema.ts';
import { apiPath, useApi } from '../app/api.ts';
import { useT } from '../app/lang.ts';
import type { useUrl } from '../app/url.ts';
import { lastDay } from '../../dates.ts';
import { armDistributionSpec, forestSpec } from '../charts/forest.ts';
import { Async } from '../components/Async.tsx';
import { Chart } from '../components/Chart.tsx';
import { chartCsv, useReshaped } from '../reshape.ts';
import { WhatIf } from './WhatIf.tsx';
import { TableExport } from '../components/TableExport.tsx';
import { abSheet } from './ab-sheet.ts';
import { AbDecision } from './AbDecision.tsx';
import { chance, pValue } from './ab-format.ts';

const p = pValue;

/** Rule designers' page: did variant B beat A, by how much, how sure, at what cost to fairness — and what-ifs. */
export function ExperimentsPage({ url }: { url: ReturnType<typeof useUrl> }) {
  const { lang, tr } = useT();
  const list = useApi('/api/experiments');
  return (
    <div className="page" data-page="experiments">
      <h1>{tr('exp.title')}</h1>
      <Async loaded={list}>
        {(l) => {
          if (l.experiments.length === 0) return <p className="empty">{tr('exp.none')}</p>;
          const current =
            l.experiments.find((e) => e.experiment_id === url.params.get('experiment')) ?? l.experiments[0];
          const experiment = current.experiment_id;
          // No ?rule=: the rule the experiment changed, when it changed exactly one (its effect is diluted in "all
          // rules"); ?rule=* is "all rules" chosen by the reader.
          const asked = url.params.get('rule');
          const changed = current.changed_rules.length === 1 ? current.changed_rules[0] : null;
          const rule = asked === '*' ? null : (asked ?? changed);
          const winsorize = url.params.get('winsorize') === '1';
          return (
            <>
              <div className="controls">
                <label>
                  {tr('exp.picker')}
                  <select
                    value={experiment}
                    onChange={(e) => url.set({ experiment: e.target.value, rule: null })}
                    data-testid="experiment"
                  >
                    {l.experiments.map((e) => (
                      <option
                        key={e.experiment_id}
                        value={e.experiment_id}
                      >{`${e.experiment_id} (${formatDate(lang, e.first_day)} – ${formatDate(lang, e.last_day)})`}</option>
                    ))}
                  </select>
                </label>
                <label>
                  {tr('exp.rule')}
                  <select
                    value={rule ?? '*'}
                    onChange={(e) => url.set({ rule: e.target.value })}
                    data-testid="exp-rule"
                  >
                    <option value="*">{tr('exp.rule.all')}</option>
                    {l.rules
                      .filter((r) => r.earn_rows > 0)
                      .map((r) => (
                        <option
                          key={r.rule_id}
                          value={r.rule_id}
                        >{`${tr('exp.rule.one', { rule: r.name ? `${r.rule_id} ${r.name}` : r.rule_id })}${current.changed_rules.includes(r.rule_id) ? ` ${tr('exp.rule.changed')}` : ''}`}</option>
                      ))}
                  </select>
                </label>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={winsorize}
                    onChange={(e) => url.set({ winsorize: e.target.checked ? '1' : null })}
                  />
                  {tr('exp.winsorize')}
                </label>
              </div>
              <AbView experiment={experiment} rule={rule} winsorize={winsorize} />
              <WhatIf url={url} rules={l.rules} />
            </>
          );
        }}
      </Async>
    </div>
  );
}

function AbView({ experiment, rule, winsorize }: { experiment: string; rule: string | null; winsorize: boolean }) {
  const ab = useApi(apiPath('/api/ab', { experiment, rule, winsorize: winsorize ? '1' : null }));
  return (
    <Async loaded={ab} minHeight={300}>
      {(r) => <AbResultView r={r} />}
    </Async>
  );
}

function AbResultView({ r }: { r: AbResult }) {
  const { lang, tr } = useT();
  const forest = useMemo(() => forestSpec(lang, r.metrics), [lang, r]);
  const g = r.guardrails;
  const control = r.metrics[0]?.control ?? r.arms[0]?.variant ?? '';
  const srmVars = {
    observed: r.srm.observed.join(' : '),
    expected: r.srm.expected.map((e) => formatNumber(lang, e, 1)).join(' : '),
    p: p(r.srm.p),
  };
  const ci = (c: [number, number] | null, f: (v: number) => string) => (c ? `[${f(c[0])}, ${f(c[1])}]` : '');
  // What a downloaded chart names: the experiment, its window and the rule the metrics were read on.
  const shown = [
    r.experiment,
    `${formatDate(lang, r.window.from)} – ${formatDate(lang, lastDay(r.window.to))}`,
    r.rule ? tr('exp.rule.one', { rule: r.rule }) : tr('exp.rule.all'),
  ].join(' · ');
  return (
    <>
      <p className="period">
        {tr('exp.window', {
          from: formatDate(lang, r.window.from),
          to: formatDate(lang, lastDay(r.window.to)),
          pre_from: formatDate(lang, r.pre_period.from),
          pre_to: formatDate(lang, lastDay(r.pre_period.to)),
          pre_active: formatNumber(lang, r.pre_period.accounts_active, 0),
          source: tr(`exp.source.${r.arms_source}`),
        })}
      </p>
      <AbDecision r={r} />
      <div className={r.srm.ok ? 'banner ok' : 'banner bad'} role={r.srm.ok ? 'status' : 'alert'} data-testid="srm">
        <strong>
          {r.arms.map((a) => tr('exp.arm', { variant: a.variant, n: formatNumber(lang, a.n, 0) })).join(' · ')}
        </strong>
        <span>{tr(r.srm.ok ? 'exp.srm.ok' : 'exp.srm.fail', srmVars)}</span>
      </div>
      {r.warnings.length > 0 ? (
        <ul className="warnings">
          {r.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      <section className="table-box">
        <h3>{tr('exp.results', { control })}</h3>
        <TableExport
          name="ab-results"
          title={tr('exp.results', { control })}
          sheet={() => abSheet(tr, tr('exp.results', { control }), r)}
        >
          <table data-testid="ab-table">
            <thead>
              <tr>
                {(
                  [
                    'exp.col.metric',
                    'exp.col.arm',
                    'exp.col.mean_control',
                    'exp.col.mean_treatment',
                    'exp.col.abs_unadjusted',
                    'exp.col.abs_cuped',
                    'exp.col.rel',
                    'exp.col.p',
                    'exp.col.p_adj',
                    'exp.col.chance',
                    'exp.col.mw',
                    'exp.col.cuped',
                    'exp.col.mde',
                    'exp.col.verdict',
                  ] as const
                ).map((k, i) => (
                  <th key={k} className={i >= 2 && i <= 12 ? 'num' : undefined}>
                    {tr(k)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {r.metrics.map((m) => {
                const pct = m.metric === 'retained' || m.metric === 'redemption_ratio';
                const f = (v: number) => (pct ? formatPercent(lang, v, 1) : formatNumber(lang, v, 2));
                // A difference of shares is in percentage points, never a bare fraction.
                const d = (v: number) =>
                  pct ? tr('unit.pp', { value: formatFixed(lang, v * 100, 2) }) : formatNumber(lang, v, 2);
                const plain = (v: number) => formatNumber(lang, pct ? v * 100 : v, 2);
                const lift = (v: number | null, c: [number, number] | null) =>
                  v === null
                    ? '—'
                    : pct
                      ? tr('unit.pp', { value: `${plain(v)} ${ci(c, plain)}` })
                      : `${plain(v)} ${ci(c, plain)}`;
                return (
                  <tr key={`${m.metric}-${m.treatment}`} data-metric={m.metric}>
                    <td>{tr(`exp.metric.${m.metric}`)}</td>
                    <td>{m.treatment}</td>
                    <td className="num">{m.mean_control === null ? '—' : f(m.mean_control)}</td>
                    <td className="num">{m.mean_treatment === null ? '—' : f(m.mean_treatment)}</td>
                    <td className="num" data-col="abs_unadjusted">
                      {lift(m.abs_lift_unadjusted, m.abs_ci_unadjusted)}
                    </td>
                    <td className="num" data-col="abs">
                      {m.cuped.applied ? lift(m.abs_lift, m.abs_ci) : '—'}
                    </td>
                    <td className="num">
                      {m.rel_lift === null
                        ? '—'
                        : `${formatPercent(lang, m.rel_lift, 1)} ${ci(m.rel_ci, (v) => formatPercent(lang, v, 1))}`}
                    </td>
                    <td className="num">{p(m.p)}</td>
                    <td className="num">{p(m.p_adjusted)}</td>
                    <td className="num" data-col="chance">
                      {chance(lang, m.chance_to_beat_control)}
                    </td>
                    <td className="num">{p(m.mw_p)}</td>
                    <td className="num">
                      {m.cuped.applied && m.cuped.variance_reduction !== null
                        ? formatPercent(lang, m.cuped.variance_reduction, 1)
                        : '—'}
                    </td>
                    <td className="num">{m.mde.absolute === null ? '—' : d(m.mde.absolute)}</td>
                    <td className={`verdict ${m.verdict}`}>{tr(`exp.verdict.${m.verdict}`)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableExport>
      </section>
      <Chart
        id="forest"
        shown={shown}
        title={tr('exp.forest')}
        spec={forest}
        caption={tr('exp.forest.caption', { n: r.metrics.length, alpha: r.alpha })}
        csv={chartCsv(r.metrics, [
          'metric',
          'treatment',
          'rel_lift',
          { name: 'rel_ci_low', from: 'rel_ci', end: 0 },
          { name: 'rel_ci_high', from: 'rel_ci', end: 1 },
          'p_adjusted',
          'verdict',
        ])}
      />
      <div className="grid-2">
        <ArmDistribution r={r} shown={shown} />
        <section className="table-box" data-testid="guardrail">
          <h3>{tr('exp.guardrail')}</h3>
          <p>
            {tr('exp.guardrail.text', {
              control: g.control,
              treatment: g.treatment,
              gc: formatFixed(lang, g.gini_control, 3),
              gt: formatFixed(lang, g.gini_treatment, 3),
              diff: formatFixed(lang, g.gini_diff, 3),
              lo: formatFixed(lang, g.gini_diff_ci?.[0] ?? null, 3),
              hi: formatFixed(lang, g.gini_diff_ci?.[1] ?? null, 3),
              resamples: formatNumber(lang, r.bootstrap.resamples, 0),
              seed: r.bootstrap.seed,
            })}
          </p>
        </section>
      </div>
    </>
  );
}

/** Accounts per arm over the shared bins, as shares of each arm: reshaped in the worker, drawn when it answers. */
function ArmDistribution({ r, shown }: { r: AbResult; shown: string }) {
  const { lang, tr } = useT();
  const bins = useReshaped('arm-histogram', r.distribution);
  const arms = useMemo(() => r.distribution.arms.map((a) => a.variant), [r]);
  return (
    <Async loaded={bins}>
      {(b) => (
        <Chart
          id="arm-distribution"
          shown={shown}
          title={tr('exp.dist')}
          spec={armDistributionSpec(lang, b, arms)}
          legend={arms.map((arm, i) => ({
            label: arm,
            color: ['#0072B2', '#E69F00', '#009E73', '#D55E00'][i % 4],
            shape: 'box' as const,
          }))}
          caption={
            r.metrics[0]?.median
              ? tr('exp.median', {
                  diff: formatNumber(lang, r.metrics[0].median.diff, 1),
                  lo: formatNumber(lang, r.metrics[0].median.diff_ci?.[0] ?? null, 1),
                  hi: formatNumber(lang, r.metrics[0].median.diff_ci?.[1] ?? null, 1),
                })
              : undefined
          }
          csv={chartCsv(b, ['arm', 'bin_from', 'bin_to', 'accounts'])}
        />
      )}
    </Async>
  );
}
