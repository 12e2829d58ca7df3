import { ARROWS, kpiCards } from '../../report/kpi-view.ts';
import type { Report } from '../../report/schema.ts';
import { useT } from '../app/lang.ts';
import { KPI_QUERIES, sourceFiles } from '../app/sources.ts';

/** The management cards, the same cards as the printable report: value, change against the previous period, definition. */
export function KpiGrid({ report }: { report: Report }) {
  const { lang, tr } = useT();
  return (
    <div className="kpis">
      {kpiCards(lang, report).map((c) => (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: focus shows the card's definition to keyboard users
        <div className={`kpi${c.raw === null ? ' is-null' : ''}`} data-kpi={c.key} data-raw={c.raw ?? ''} key={c.key} tabIndex={0} aria-describedby={`help-${c.key}`}>
          <div className="kpi-label">{c.label}</div>
          <div className="kpi-value">
            {c.value}
            {c.unit ? <span className={`kpi-unit${c.unit.length > 12 ? ' long' : ''}`}> {c.unit}</span> : null}
          </div>
          <div className={`kpi-change ${c.change.direction ?? 'none'} ${c.change.tone}`}>
            {c.change.direction ? <span aria-hidden="true">{ARROWS[c.change.direction]} </span> : null}
            {c.change.text}
            {c.previous ? <span className="prev"> {c.previous}</span> : null}
          </div>
          {c.nullNote ? <p className="kpi-null">{c.nullNote}</p> : null}
          <p className="kpi-help" id={`help-${c.key}`}>
            {c.help} <span className="source">{tr('chart.source', { files: sourceFiles(KPI_QUERIES[c.key]) ?? '' })}</span>
          </p>
        </div>
      ))}
    </div>
  );
}
