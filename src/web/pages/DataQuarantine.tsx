import { formatNumber } from '../../i18n/format.ts';
import { importMessage } from '../../i18n/import-messages.ts';
import { t } from '../../i18n/index.ts';
import { apiPath, useApi, withToken } from '../app/api.ts';
import { useT } from '../app/lang.ts';
import { Async } from '../components/Async.tsx';
import { ScrollX } from '../components/ScrollX.tsx';
import { tableSheet, XlsxButton } from '../components/XlsxButton.tsx';

export function QuarantineView({ importId }: { importId: number }) {
  const { lang, tr } = useT();
  const q = useApi(apiPath('/api/quarantine', { import_id: String(importId) }));
  return (
    <section data-testid="quarantine">
      <h2>{tr('data.quarantine')}</h2>
      <Async loaded={q}>
        {(d) => (
          <>
            <p>
              {tr('data.quarantine.of', { id: importId, total: formatNumber(lang, d.total, 0) })}{' '}
              <a href={withToken(apiPath('/api/quarantine', { import_id: String(importId), format: 'csv' }))} download>
                {tr('data.quarantine.download')}
              </a>
            </p>
            {d.rows.length === 0 ? <p>{t(lang, 'data.quarantine.none')}</p> : <QuarantineTable rows={d.rows} />}
          </>
        )}
      </Async>
    </section>
  );
}

export function QuarantineTable({
  rows,
}: {
  rows: { line: number; reasons: string[]; raw: Record<string, unknown> }[];
}) {
  const { lang, tr } = useT();
  return (
    <div className="quarantine-box">
      <p className="downloads">
        <XlsxButton
          name="quarantine"
          title={tr('data.quarantine')}
          sheets={() => [
            tableSheet(
              tr('data.quarantine'),
              [
                { key: 'line', header: tr('data.quarantine.col.line'), type: 'integer', value: (r) => r.line },
                {
                  key: 'reasons',
                  header: tr('data.quarantine.col.reasons'),
                  type: 'string',
                  value: (r) => r.reasons.map((x) => importMessage(lang, x)).join('; '),
                },
                { key: 'raw', header: tr('data.quarantine.col.raw'), type: 'string', value: (r) => rawText(r.raw) },
              ],
              rows,
            ),
          ]}
        />
      </p>
      <ScrollX>
        <table className="quarantine">
          <thead>
            <tr>
              <th className="num">{tr('data.quarantine.col.line')}</th>
              <th>{tr('data.quarantine.col.reasons')}</th>
              <th>{tr('data.quarantine.col.raw')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.line}>
                <td className="num">{r.line}</td>
                <td>{r.reasons.map((x) => importMessage(lang, x)).join('；')}</td>
                <td className="raw" translate="no">
                  {rawText(r.raw)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollX>
    </div>
  );
}

const rawText = (raw: Record<string, unknown>) =>
  Object.entries(raw)
    .map(([k, v]) => `${k}=${v === null ? '' : String(v)}`)
    .join(', ');
