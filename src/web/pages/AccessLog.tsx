import { formatDateTime, formatNumber } from '../../i18n/format.ts';
import { useApi } from '../app/api.ts';
import { useT } from '../app/lang.ts';

/**
 * Who looked at what (serve --users): the latest requests, for administrators. Other roles get 403 from the server
 * and the panel is left out; the server's refusal, not this page, is what keeps the log private.
 */
export function AccessLogPanel() {
  const { lang, tr } = useT();
  const log = useApi('/api/access-log');
  if (log.state !== 'done') return null;
  const entries = [...log.data.entries].reverse();
  return (
    <section data-testid="access-log">
      <h2>{tr('data.access')}</h2>
      <p className="help">{tr('data.access.help')}</p>
      {entries.length === 0 ? (
        <p>{tr('data.access.none')}</p>
      ) : (
        <table className="access-log">
          <thead>
            <tr>
              {(
                [
                  'data.access.col.time',
                  'data.access.col.user',
                  'data.access.col.role',
                  'data.access.col.request',
                  'data.access.col.scope',
                  'data.access.col.status',
                  'data.access.col.export',
                ] as const
              ).map((k) => (
                <th key={k}>{tr(k)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: an append-only log shown newest first; rows never move.
              <tr key={i}>
                <td>{formatDateTime(lang, e.at)}</td>
                <td>{e.user_name}</td>
                <td>{tr(`data.access.role.${e.role}`)}</td>
                <td>{`${e.method} ${e.route}${e.query}`}</td>
                <td>{e.scope ?? '—'}</td>
                <td className={e.status < 400 ? 'num ok' : 'num bad'}>{e.status}</td>
                <td>
                  {e.export_file
                    ? tr('data.access.export', { file: e.export_file, rows: formatNumber(lang, e.export_rows ?? 0, 0) })
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
