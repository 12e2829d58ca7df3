import { useState } from 'react';
import type { Campaign } from '../../audit/settings.ts';
import { formatNumber } from '../../i18n/format.ts';
import { ApiError, apiPath, request, useApi } from '../app/api.ts';
import { useT } from '../app/lang.ts';

const COLUMNS = [
  'data.campaigns.col.from',
  'data.campaigns.col.to',
  'data.campaigns.col.rule',
  'data.campaigns.col.label',
  'data.campaigns.col.multiplier',
  'data.campaigns.col.delete',
] as const;

/**
 * The program's campaign calendar (audit.campaigns), for administrators: upload a CSV as for `--campaigns F`, see
 * the stored campaigns, delete one. Other roles get 403 from the server and the panel is left out.
 */
export function CampaignsPanel() {
  const { lang, tr } = useT();
  // Each change answers the list as stored: shown at once, with no reload in between.
  const [changed, setChanged] = useState<Campaign[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const list = useApi('/api/campaigns');
  const post = async (path: string, body?: string) => {
    setBusy(true);
    try {
      const r = await request<{ campaigns: Campaign[] }>(path, {
        method: 'POST',
        headers: { 'X-Ledger-Lens': '1' },
        body,
      });
      setError(null);
      setChanged(r.campaigns);
    } catch (e) {
      setError([(e as Error).message, e instanceof ApiError ? e.hint : undefined].filter(Boolean).join(' '));
    } finally {
      setBusy(false);
    }
  };
  if (list.state === 'error' && list.error instanceof ApiError && list.error.status === 403) return null;
  if (list.state !== 'done') return null;
  const campaigns = changed ?? list.data.campaigns;
  return (
    <section data-testid="campaigns">
      <h2>{tr('data.campaigns')}</h2>
      <p className="help">{tr('data.campaigns.help')}</p>
      <label className="file">
        {tr('data.campaigns.choose')}
        <input
          type="file"
          accept=".csv,.txt"
          data-testid="campaigns-upload"
          disabled={busy}
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void f.text().then((text) => post(apiPath('/api/campaigns', { name: f.name }), text));
          }}
        />
      </label>
      {error ? (
        <div className="error-box" role="alert" data-testid="campaigns-error">
          {error}
        </div>
      ) : null}
      {campaigns.length === 0 ? (
        <p>{tr('data.campaigns.none')}</p>
      ) : (
        <table className="campaigns">
          <thead>
            <tr>
              {COLUMNS.map((k) => (
                <th key={k}>{tr(k)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {campaigns.map((c, i) => (
              <tr key={`${c.from}|${c.to}|${c.rule ?? ''}|${c.label}`}>
                <td>{c.from}</td>
                <td>{c.to}</td>
                <td>{c.rule ?? tr('data.campaigns.allRules')}</td>
                <td>{c.label}</td>
                <td className="num">{formatNumber(lang, c.multiplier, 2)}</td>
                <td>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => void post(apiPath('/api/campaigns/delete', { index: String(i), label: c.label }))}
                  >
                    {tr('data.campaigns.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
