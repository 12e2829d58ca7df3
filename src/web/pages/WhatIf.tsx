import { useMemo, useState } from 'react';
import { lorenzLegend } from '../../charts/lorenz.ts';
import { formatFixed, formatMoney, formatNumber, formatPercent, formatPoints } from '../../i18n/format.ts';
import type { Lang } from '../../i18n/index.ts';
import type { SimulationResult } from '../../simulate/schema.ts';
import { apiPath, useApi } from '../app/api.ts';
import { useT } from '../app/lang.ts';
import { useMeta } from '../app/meta.ts';
import type { useUrl } from '../app/url.ts';
import { lorenzPairSpec } from '../charts/lorenz-pair.ts';
import { Async } from '../components/Async.tsx';
import { Chart } from '../components/Chart.tsx';
import { stackedCsv } from '../reshape.ts';
import { TableExport } from '../components/TableExport.tsx';
import { tableSheet } from '../components/XlsxButton.tsx';

type Kind = 'cap' | 'multiplier' | 'disable';

/** The what-if panel: the scenario lives in the URL (wi_*), so a replay can be linked; it runs on "Replay" only. */
export function WhatIf({
  url,
  rules,
}: {
  url: ReturnType<typeof useUrl>;
  rules: { rule_id: string; name: string | null; earn_rows: number }[];
}) {
  const { tr } = useT();
  const meta = useMeta();
  const ruleIds = rules.filter((r) => r.earn_rows > 0);
  const [quarter, setQuarter] = useState(url.params.get('wi_quarter') ?? meta.default_quarter ?? '');
  const [kind, setKind] = useState<Kind>((url.params.get('wi_kind') as Kind) ?? 'cap');
  const [rule, setRule] = useState(url.params.get('wi_rule') ?? '');
  const [value, setValue] = useState(url.params.get('wi_value') ?? (kind === 'multiplier' ? '1.5' : '200'));
  const applied = url.params.get('wi_kind');
  const path = applied ? apiPath('/api/simulate', scenarioParams(url.params)) : null;
  const sim = useApi(path);
  const run = () =>
    url.set({ wi_quarter: quarter, wi_kind: kind, wi_rule: rule || null, wi_value: kind === 'disable' ? null : value });
  const needsRule = kind !== 'cap';
  return (
    <section className="whatif" data-testid="whatif">
      <h2>{tr('whatif.title')}</h2>
      <form
        className="controls"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <label>
          {tr('picker.quarter')}
          <select value={quarter} onChange={(e) => setQuarter(e.target.value)}>
            {meta.quarters.map((q) => (
              <option key={q} value={q}>
                {tr('report.quarter', { year: q.slice(0, 4), q: q.slice(5) })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tr('whatif.kind')}
          <select
            value={kind}
            onChange={(e) => {
              const k = e.target.value as Kind;
              setKind(k);
              if (k === 'multiplier') setValue('1.5');
              if (k === 'cap') setValue('200');
            }}
            data-testid="whatif-kind"
          >
            {(['cap', 'multiplier', 'disable'] as const).map((k) => (
              <option key={k} value={k}>
                {tr(`whatif.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tr('whatif.rule')}
          <select value={rule} onChange={(e) => setRule(e.target.value)} data-testid="whatif-rule" required={needsRule}>
            {needsRule ? null : <option value="">{tr('whatif.rule.any')}</option>}
            {needsRule && !rule ? (
              <option value="" disabled>
                —
              </option>
            ) : null}
            {ruleIds.map((r) => (
              <option key={r.rule_id} value={r.rule_id}>
                {r.name ? `${r.rule_id} ${r.name}` : r.rule_id}
              </option>
            ))}
          </select>
        </label>
        {kind !== 'disable' ? (
          <label>
            {tr(kind === 'cap' ? 'whatif.cap' : 'whatif.factor')}
            <input
              type="number"
              min="0"
              step={kind === 'cap' ? '1' : '0.05'}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              data-testid="whatif-value"
              required
            />
          </label>
        ) : null}
        <button type="submit" className="primary" disabled={needsRule && !rule}>
          {tr('whatif.run')}
        </button>
      </form>
      {path ? <Async loaded={sim}>{(s) => <Outcome s={s} />}</Async> : null}
    </section>
  );
}

function scenarioParams(params: URLSearchParams): Record<string, string | null> {
  const kind = params.get('wi_kind');
  const rule = params.get('wi_rule');
  const value = params.get('wi_value');
  const base = { quarter: params.get('wi_quarter') };
  if (kind === 'multiplier') return { ...base, multiplier: `${rule ?? ''}=${value ?? ''}` };
  if (kind === 'disable') return { ...base, disable: rule };
  return { ...base, cap: value, rule };
}

function Outcome({ s }: { s: SimulationResult }) {
  const { lang, tr } = useT();
  const spec = useMemo(() => lorenzPairSpec(lang, s.actual.lorenz, s.simulated.lorenz), [lang, s]);
  const rows: [string, string, string, string][] = [
    [
      tr('whatif.issued'),
      formatPoints(lang, s.actual.issued),
      formatPoints(lang, s.simulated.issued),
      formatPoints(lang, s.difference.issued),
    ],
    [
      tr('whatif.cost'),
      formatMoney(lang, s.actual.cost, s.currency),
      formatMoney(lang, s.simulated.cost, s.currency),
      formatMoney(lang, s.difference.cost, s.currency),
    ],
    [
      tr('whatif.gini'),
      formatFixed(lang, s.actual.gini, 3),
      formatFixed(lang, s.simulated.gini, 3),
      formatFixed(lang, s.difference.gini, 3),
    ],
    [
      tr('whatif.top10'),
      formatPercent(lang, s.actual.top10_share, 1),
      formatPercent(lang, s.simulated.top10_share, 1),
      s.difference.top10_share === null
        ? '—'
        : tr('unit.pp', { value: formatFixed(lang, s.difference.top10_share * 100, 1) }),
    ],
  ];
  // The same measures unformatted, for the workbook (numbers stay numbers).
  const measures: [string, number | null, number | null, number | null][] = [
    [tr('whatif.issued'), s.actual.issued, s.simulated.issued, s.difference.issued],
    [tr('whatif.cost'), s.actual.cost, s.simulated.cost, s.difference.cost],
    [tr('whatif.gini'), s.actual.gini, s.simulated.gini, s.difference.gini],
    [tr('whatif.top10'), s.actual.top10_share, s.simulated.top10_share, s.difference.top10_share],
  ];
  return (
    <div data-testid="whatif-result">
      <p className="banner note" role="note">
        {tr(s.note_key)}
      </p>
      <p>
        {tr('whatif.affected', {
          accounts: formatNumber(lang, s.accounts_affected, 0),
          rows: formatNumber(lang, s.rows_changed, 0),
          scenario: scenarioText(tr, lang, s.scenario),
        })}
      </p>
      <div className="grid-2">
        <section className="table-box">
          <TableExport
            name="whatif"
            title={tr('whatif.title')}
            sheet={() =>
              tableSheet(
                tr('whatif.title'),
                [
                  {
                    key: 'measure',
                    header: tr('whatif.col.measure'),
                    type: 'string',
                    value: (m: (typeof measures)[number]) => m[0],
                  },
                  {
                    key: 'actual',
                    header: tr('whatif.col.actual'),
                    type: 'number',
                    value: (m: (typeof measures)[number]) => m[1],
                  },
                  {
                    key: 'simulated',
                    header: tr('whatif.col.simulated'),
                    type: 'number',
                    value: (m: (typeof measures)[number]) => m[2],
                  },
                  {
                    key: 'change',
                    header: tr('whatif.col.change'),
                    type: 'number',
                    value: (m: (typeof measures)[number]) => m[3],
                  },
                ],
                measures,
              )
            }
          >
            <table data-testid="whatif-table">
              <thead>
                <tr>
                  <th>{tr('whatif.col.measure')}</th>
                  <th className="num">{tr('whatif.col.actual')}</th>
                  <th className="num">{tr('whatif.col.simulated')}</th>
                  <th className="num">{tr('whatif.col.change')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r[0]}>
                    <td>{r[0]}</td>
                    <td className="num">{r[1]}</td>
                    <td className="num">{r[2]}</td>
                    <td className="num">{r[3]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableExport>
          <h3>{tr('whatif.most')}</h3>
          <TableExport
            name="whatif-accounts"
            title={tr('whatif.most')}
            sheet={() =>
              tableSheet(
                tr('whatif.most'),
                [
                  {
                    key: 'account_id',
                    header: tr('whatif.col.account'),
                    type: 'string',
                    value: (a: (typeof s.most_affected)[number]) => a.account_id,
                  },
                  {
                    key: 'actual',
                    header: tr('whatif.col.actual'),
                    type: 'number',
                    value: (a: (typeof s.most_affected)[number]) => a.actual,
                  },
                  {
                    key: 'simulated',
                    header: tr('whatif.col.simulated'),
                    type: 'number',
                    value: (a: (typeof s.most_affected)[number]) => a.simulated,
                  },
                  {
                    key: 'change',
                    header: tr('whatif.col.change'),
                    type: 'number',
                    value: (a: (typeof s.most_affected)[number]) => a.simulated - a.actual,
                  },
                ],
                s.most_affected,
              )
            }
          >
            <table>
              <thead>
                <tr>
                  <th>{tr('whatif.col.account')}</th>
                  <th className="num">{tr('whatif.col.actual')}</th>
                  <th className="num">{tr('whatif.col.simulated')}</th>
                  <th className="num">{tr('whatif.col.change')}</th>
                </tr>
              </thead>
              <tbody>
                {s.most_affected.map((a) => (
                  <tr key={a.account_id}>
                    <td>{a.account_id}</td>
                    <td className="num">{formatPoints(lang, a.actual)}</td>
                    <td className="num">{formatPoints(lang, a.simulated)}</td>
                    <td className="num">{formatPoints(lang, a.simulated - a.actual)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableExport>
        </section>
        <Chart
          id="whatif-lorenz"
          shown={scenarioText(tr, lang, s.scenario)}
          title={tr('whatif.lorenz')}
          spec={spec}
          legend={[
            { label: tr('whatif.actual'), color: lorenzLegend(lang)[0].color },
            { label: tr('whatif.simulated'), color: '#0072B2', shape: 'dash' },
            lorenzLegend(lang)[1],
          ]}
          csv={stackedCsv(
            [
              { rows: s.actual.lorenz, tag: { curve: 'actual' } },
              { rows: s.simulated.lorenz, tag: { curve: 'simulated' } },
            ],
            ['curve', { name: 'population_share', from: 'p' }, { name: 'points_share', from: 'l' }],
          )}
        />
      </div>
    </div>
  );
}

/** The scenario in the page's language (the API's scenario_text is the CLI's English line). */
function scenarioText(tr: ReturnType<typeof useT>['tr'], lang: Lang, sc: SimulationResult['scenario']): string {
  if (sc.kind === 'cap')
    return sc.rule
      ? tr('whatif.scenario.cap_rule', { cap: formatNumber(lang, sc.cap, 2), rule: sc.rule })
      : tr('whatif.scenario.cap_all', { cap: formatNumber(lang, sc.cap, 2) });
  if (sc.kind === 'multiplier')
    return tr('whatif.scenario.multiplier', { rule: sc.rule, factor: formatNumber(lang, sc.multiplier, 2) });
  return tr('whatif.scenario.disable', { rule: sc.rule });
}
