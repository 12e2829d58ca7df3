import { ARROWS, KPIS, kpiCards, type KpiCard } from '../../cards/kpi.ts';
import type { PeriodMetrics, Report } from '../../report/schema.ts';
import { formatDate, formatNumber, formatPoints } from '../../i18n/format.ts';
import { useT } from '../app/lang.ts';
import { KPI_QUERIES, sourceFiles } from '../app/sources.ts';
import { useMeta } from '../app/meta.ts';
import { lastDay } from '../../dates.ts';

/**
 * The management cards, the same cards as the printable report: value, change against the previous period,
 * definition; where the program's settings give a threshold, the card says where the value stands against it.
 */
export function KpiGrid({ report, program }: { report: Report; program?: PeriodMetrics }) {
  const { lang, tr } = useT();
  const meta = useMeta();
  const warning = meta.settings.fairness.gini_warning;
  // A manager allowed the program's totals: each card says the whole company's figure under the scope's own.
  const whole = (c: KpiCard) => {
    const spec = KPIS.find((k) => k.key === c.key);
    return program && spec ? spec.format(lang, program[c.key], report.settings) : null;
  };
  const state = (c: KpiCard): { kind: 'warning' | 'ok'; text: string } | null => {
    if (c.key !== 'gini' || c.raw === null) return null;
    const kind = c.raw > warning ? 'warning' : 'ok';
    return {
      kind,
      text: tr(kind === 'warning' ? 'kpi.state.gini_warning' : 'kpi.state.gini_ok', {
        warning: formatNumber(lang, warning, 2),
      }),
    };
  };
  return (
    <>
      {program ? (
        <p className="kpi-program-note" data-testid="program-note">
          {tr('kpi.program.note', { scope: meta.access?.scope ?? '' })}
        </p>
      ) : null}
      <div className="kpis">
        {kpiCards(lang, report).map((c) => {
          const s = state(c);
          const w = whole(c);
          return (
            <div
              className={`kpi${c.raw === null ? ' is-null' : ''}${s ? ` state-${s.kind}` : ''}`}
              data-kpi={c.key}
              data-raw={c.raw ?? ''}
              data-state={s?.kind}
              key={c.key}
              // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users reach a card to hear its definition (aria-describedby).
              tabIndex={0}
              aria-describedby={`help-${c.key}`}
            >
              <div className="kpi-label">{c.label}</div>
              <div className="kpi-value">
                {c.value}
                {c.unit ? <span className={`kpi-unit${c.unit.length > 12 ? ' long' : ''}`}> {c.unit}</span> : null}
              </div>
              {s ? <div className={`kpi-state ${s.kind}`}>{s.text}</div> : null}
              <div className={`kpi-change ${c.change.direction ?? 'none'} ${c.change.tone}`}>
                {c.change.direction ? <span aria-hidden="true">{ARROWS[c.change.direction]} </span> : null}
                {c.change.text}
                {c.previous ? <span className="prev"> {c.previous}</span> : null}
              </div>
              {w === null ? null : (
                <div className="kpi-program" data-testid="kpi-program">
                  {tr('kpi.program', { value: c.unit ? `${w} ${c.unit}` : w })}
                </div>
              )}
              {c.nullNote ? <p className="kpi-null">{c.nullNote}</p> : null}
              <p className="kpi-help" id={`help-${c.key}`}>
                {c.help}{' '}
                <span className="source">
                  {tr('chart.source')}
                  <code translate="no">{sourceFiles(KPI_QUERIES[c.key]) ?? ''}</code>
                </span>
              </p>
            </div>
          );
        })}
        <ExpiringCard report={report} />
      </div>
    </>
  );
}

/** Points that will expire soon: the liability about to turn into breakage, which a manager can still act on. */
function ExpiringCard({ report }: { report: Report }) {
  const { lang, tr } = useT();
  const e = report.expiring;
  if (!e) return null;
  const at = (days: number) => e.horizons.find((h) => h.horizon_days === days);
  const h30 = at(30);
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: as every card, reachable by keyboard to hear its definition.
    <div className="kpi" data-kpi="expiring" data-raw={h30?.points ?? ''} tabIndex={0} aria-describedby="help-expiring">
      <div className="kpi-label">{tr('kpi.expiring.label')}</div>
      <div className="kpi-value">
        {formatPoints(lang, h30?.points)}
        <span className="kpi-unit"> {tr('kpi.expiring.unit')}</span>
      </div>
      <div className="kpi-change">
        {tr('kpi.expiring.more', {
          accounts: formatNumber(lang, h30?.accounts, 0),
          p60: formatPoints(lang, at(60)?.points),
          p90: formatPoints(lang, at(90)?.points),
        })}
      </div>
      <p className="kpi-help" id="help-expiring">
        {tr('kpi.expiring.help', { at: formatDate(lang, lastDay(e.at)), months: report.settings.expiry_months ?? '—' })}
      </p>
    </div>
  );
}
