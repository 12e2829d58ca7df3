import { attributeLabel } from '../../i18n/index.ts';
import { formatMonth } from '../../i18n/format.ts';
import { useT } from '../app/lang.ts';
import { useMeta } from '../app/meta.ts';
import { monthsOf, splitFilter, type View } from '../app/view.ts';

export interface ControlsProps {
  view: View;
  set: (changes: Record<string, string | null>) => void;
  /** Pages without a month drill-down (fairness) leave the month picker out. */
  months?: boolean;
  /** Pages whose numbers are not narrowed by an attribute (audit) leave the filter picker and chips out. */
  filters?: boolean;
}

/** Quarter, month and filter pickers plus the removable chips: keyboard-reachable twins of clicking the charts. */
export function Controls({ view, set, months = true, filters = true }: ControlsProps) {
  const { lang, tr } = useT();
  const meta = useMeta();
  const quarterLabel = (q: string) => tr('report.quarter', { year: q.slice(0, 4), q: q.slice(5) });
  const filter = splitFilter(view.filter);
  const chips: { label: string; clear: Record<string, null> }[] = [];
  if (view.month)
    chips.push({ label: tr('filter.month_chip', { month: formatMonth(lang, view.month) }), clear: { month: null } });
  if (filter)
    chips.push({
      label: tr('filter.chip', { attribute: attributeLabel(lang, filter.attribute), value: filter.value }),
      clear: { filter: null },
    });
  const first = meta.quarters[0];
  const last = meta.quarters[meta.quarters.length - 1];
  return (
    <>
      {view.quarterUnknown && view.quarter ? (
        <p className="banner note" role="status" data-testid="period-note">
          {tr('period.unknown_quarter', {
            asked: view.quarterUnknown,
            first: first ? quarterLabel(first) : '—',
            last: last ? quarterLabel(last) : '—',
            shown: quarterLabel(view.quarter),
          })}
        </p>
      ) : null}
      {filters && view.filterUnknown && view.filter ? (
        <div className="error-box" role="alert" data-testid="filter-unknown">
          {tr('filter.unknown', { filter: view.filter })}
        </div>
      ) : null}
      <div className="controls">
        <label>
          {tr('picker.quarter')}
          <select
            value={view.quarter ?? ''}
            onChange={(e) => set({ quarter: e.target.value, month: null })}
            data-testid="quarter"
          >
            {meta.quarters.map((q) => (
              <option key={q} value={q}>
                {quarterLabel(q)}
              </option>
            ))}
          </select>
        </label>
        {months && view.quarter ? (
          <label>
            {tr('picker.month')}
            <select
              value={view.month ?? ''}
              onChange={(e) => set({ month: e.target.value || null })}
              data-testid="month"
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
        {filters ? (
          <>
            <label>
              {tr('picker.filter')}
              <select
                value={view.filter ?? ''}
                onChange={(e) => set({ filter: e.target.value || null })}
                data-testid="filter"
              >
                <option value="">{tr('picker.filter.none')}</option>
                {meta.attributes.map((a) => (
                  <optgroup key={a.attribute} label={attributeLabel(lang, a.attribute)}>
                    {a.values.map((v) => (
                      <option key={v.value} value={`${a.attribute}=${v.value}`}>{`${v.value} (${v.accounts})`}</option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </label>
            <div className="chips" aria-live="polite">
              {chips.map((c) => (
                <span className="chip" key={c.label} data-testid="chip">
                  {c.label}
                  <button
                    type="button"
                    aria-label={tr('filter.remove', { label: c.label })}
                    onClick={() => set(c.clear)}
                  >
                    ×
                  </button>
                </span>
              ))}
              {chips.length === 0 ? <span className="hint">{tr('filter.hint')}</span> : null}
            </div>
          </>
        ) : null}
      </div>
    </>
  );
}
