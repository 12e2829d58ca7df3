import { useMemo, useState } from 'react';
import { skipReason } from '../../i18n/audit-terms.ts';
import { formatNumber, formatPercent } from '../../i18n/format.ts';
import { attributeLabel, type MessageKey } from '../../i18n/index.ts';
import { apiPath, useApi, withToken } from '../app/api.ts';
import { useT } from '../app/lang.ts';
import { useMeta } from '../app/meta.ts';
import { benfordSpec, type BenfordBar } from '../charts/benford.ts';
import { dailyLegend, dailySpec } from '../charts/daily.ts';
import { Async } from '../components/Async.tsx';
import { Chart } from '../components/Chart.tsx';
import { chartCsv } from '../reshape.ts';

type Period = { quarter?: string; month?: string };

/** The program's daily issued points with the expected band and the spike days (the audit's program_spike view). */
export function ProgramChart({ period }: { period: Period }) {
  const { lang, tr } = useT();
  const data = useApi(apiPath('/api/daily', period));
  return (
    <Async loaded={data}>
      {(d) => (
        <Chart
          id="audit-program"
          title={tr('audit.program')}
          spec={d.days.length ? dailySpec(lang, d.days) : null}
          legend={dailyLegend(lang)}
          csv={chartCsv(d.days, ['day', { name: 'issued', from: 'value' }, 'expected', 'lower', 'upper', 'z', 'spike'])}
        />
      )}
    </Async>
  );
}

/** Benford's first-digit test of one amount-like field, with the MAD verdict; says so when the data is too thin. */
export function BenfordChart({ period, field, approver }: { period: Period; field: string; approver?: string | null }) {
  const { lang, tr } = useT();
  const data = useApi(apiPath('/api/audit/benford', { ...period, field, approver_id: approver ?? null }));
  const fieldName = tr(`audit.benford.${field}` as MessageKey);
  return (
    <Async loaded={data}>
      {(d) =>
        d.first.skipped || !('bins' in d.first) ? (
          <p
            className="caption"
            data-testid="benford-skipped"
          >{`${tr('audit.benford', { field: fieldName })} — ${tr('audit.benford.skipped', { reason: skipReason(lang, d.first.skipped ?? '') })}`}</p>
        ) : (
          <BenfordBars
            bins={d.first.bins}
            title={tr('audit.benford', { field: fieldName })}
            caption={tr('audit.benford.verdict', {
              mad: formatNumber(lang, d.first.mad ?? null, 5),
              conformity: d.first.conformity ?? '',
              n: formatNumber(lang, d.first.n, 0),
            })}
          />
        )
      }
    </Async>
  );
}

function BenfordBars({ bins, title, caption }: { bins: BenfordBar[]; title: string; caption: string }) {
  const { lang, tr } = useT();
  const spec = useMemo(() => benfordSpec(lang, bins), [lang, bins]);
  return (
    <Chart
      id="benford"
      title={title}
      spec={spec}
      caption={caption}
      legend={[
        { label: tr('audit.benford.observed'), color: '#0072B2', shape: 'box' },
        { label: tr('audit.benford.expected'), color: '#D55E00' },
      ]}
      csv={chartCsv(bins, [{ name: 'digit', from: 'digits' }, 'count', 'observed', 'expected'])}
    />
  );
}

export function BenfordPanel({ period }: { period: Period }) {
  const { tr } = useT();
  const [field, setField] = useState('adjust');
  return (
    <section className="benford-panel">
      <label className="by-picker">
        {tr('audit.benford.field')}
        <select value={field} onChange={(e) => setField(e.target.value)} data-testid="benford-field">
          {(['adjust', 'transfer', 'cash_value'] as const).map((f) => (
            <option key={f} value={f}>
              {tr(`audit.benford.${f}`)}
            </option>
          ))}
        </select>
      </label>
      <BenfordChart period={period} field={field} />
    </section>
  );
}

/** The seeded monthly spot check: choose share, seed and strata, download the rows with their evidence columns. */
export function AuditSampleForm({ period }: { period: Period }) {
  const { lang, tr } = useT();
  const meta = useMeta();
  const [rate, setRate] = useState('0.1');
  const [seed, setSeed] = useState('1');
  const [by, setBy] = useState('');
  const href = withToken(apiPath('/api/audit/sample', { ...period, rate, seed, by: by || null, format: 'csv', lang }));
  return (
    <section className="upload" data-testid="audit-sample">
      <h2>{tr('audit.sample')}</h2>
      <p className="help">{tr('audit.sample.help', { rate: formatPercent(lang, Number(rate) || 0, 0) })}</p>
      <div className="controls">
        <label>
          {tr('audit.sample.rate')}
          <input type="number" min="0.01" max="1" step="0.01" value={rate} onChange={(e) => setRate(e.target.value)} />
        </label>
        <label>
          {tr('audit.sample.seed')}
          <input type="number" min="0" step="1" value={seed} onChange={(e) => setSeed(e.target.value)} />
        </label>
        <label>
          {tr('audit.sample.by')}
          <select value={by} onChange={(e) => setBy(e.target.value)}>
            <option value="">{tr('audit.sample.none')}</option>
            {meta.attributes.map((a) => (
              <option key={a.attribute} value={a.attribute}>
                {attributeLabel(lang, a.attribute)}
              </option>
            ))}
          </select>
        </label>
        <a className="button" href={href} download data-testid="audit-sample-download">
          {tr('audit.sample.download')}
        </a>
      </div>
    </section>
  );
}
