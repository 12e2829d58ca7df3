import { useState } from 'react';
import { formatDateTime, formatNumber, formatPercent } from '../../i18n/format.ts';
import { importMessage } from '../../i18n/import-messages.ts';
import { fieldName, type MessageKey } from '../../i18n/index.ts';
import { apiPath, request, token, useApi } from '../app/api.ts';
import { useT } from '../app/lang.ts';
import { Async } from '../components/Async.tsx';
import { AccessLogPanel } from './AccessLog.tsx';
import { CampaignsPanel } from './Campaigns.tsx';
import { QuarantineTable, QuarantineView } from './DataQuarantine.tsx';
import { tableSheet, XlsxButton } from '../components/XlsxButton.tsx';
import { ScrollX } from '../components/ScrollX.tsx';
import { TableExport } from '../components/TableExport.tsx';

/** The schema's kind is a string (the imports table's column); the importer writes only ledger, accounts or rules. */
const importKindKey = (kind: string) => `home.kind.${kind}` as MessageKey;
interface Summary {
  import_id: number | null;
  rows_read: number;
  accepted: number;
  quarantined: number;
  duplicates: number;
  mapping: Record<string, string>;
  quarantine: { line: number; reasons: string[]; raw: Record<string, unknown> }[];
  warnings: string[];
}

/** The largest upload the server takes by default (server/app.ts DEFAULT_MAX_UPLOAD_BYTES). */
const LIMIT_MB = 256;

type Stage =
  | { kind: 'idle' }
  | { kind: 'sending'; percent: number }
  | { kind: 'checking' }
  | { kind: 'checked'; id: string; name: string; check: Summary }
  | { kind: 'importing'; percent: number }
  | { kind: 'done'; summary: Summary }
  | { kind: 'error'; message: string };

/** Sends a file with XMLHttpRequest: fetch has no upload progress. */
function send(
  file: File,
  onProgress: (p: number) => void,
): Promise<{ upload_id: string; name: string; check: Summary }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiPath('/api/uploads', { name: file.name }));
    xhr.setRequestHeader('X-Ledger-Lens', '1');
    const tk = token();
    if (tk) xhr.setRequestHeader('Authorization', `Bearer ${tk}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      const body = JSON.parse(xhr.responseText || 'null');
      if (xhr.status === 200) resolve(body);
      else reject(new Error([body?.error?.message, body?.error?.hint].filter(Boolean).join(' ') || `${xhr.status}`));
    };
    xhr.onerror = () => reject(new Error('network error'));
    xhr.send(file);
  });
}

export function DataPage() {
  const { lang, tr } = useT();
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [version, setVersion] = useState(0);
  const [shown, setShown] = useState<number | null>(null);
  const history = useApi(apiPath('/api/imports', { v: String(version) }));
  const pct = (p: number) => formatPercent(lang, p, 0);

  const upload = async (file: File) => {
    try {
      setStage({ kind: 'sending', percent: 0 });
      const r = await send(file, (p) => setStage(p < 1 ? { kind: 'sending', percent: p } : { kind: 'checking' }));
      setStage({ kind: 'checked', id: r.upload_id, name: r.name, check: r.check });
    } catch (e) {
      setStage({ kind: 'error', message: (e as Error).message });
    }
  };
  const commit = async (id: string) => {
    setStage({ kind: 'importing', percent: 0 });
    const poll = setInterval(() => {
      void request<{ progress: { percent: number } | null }>(apiPath('/api/uploads/progress', { upload_id: id })).then(
        (p) =>
          p.progress &&
          setStage((s) => (s.kind === 'importing' ? { kind: 'importing', percent: p.progress!.percent / 100 } : s)),
      );
    }, 500);
    try {
      const r = await request<{ import: Summary }>(apiPath('/api/uploads/commit', { upload_id: id }), {
        method: 'POST',
        headers: { 'X-Ledger-Lens': '1' },
      });
      setStage({ kind: 'done', summary: r.import });
      setVersion((v) => v + 1);
    } catch (e) {
      setStage({ kind: 'error', message: (e as Error).message });
    } finally {
      clearInterval(poll);
    }
  };
  const discard = async (id: string) => {
    await request(apiPath('/api/uploads/discard', { upload_id: id }), {
      method: 'POST',
      headers: { 'X-Ledger-Lens': '1' },
    }).catch(() => {});
    setStage({ kind: 'idle' });
  };

  return (
    <div className="page" data-page="data">
      <h1>{tr('data.title')}</h1>
      <section className="upload">
        <h2>{tr('data.upload')}</h2>
        <p className="help">{tr('data.upload.help', { limit: LIMIT_MB })}</p>
        <label className="file">
          {tr('data.upload.choose')}
          <input
            type="file"
            accept=".csv,.tsv,.txt,.parquet,.ndjson,.jsonl,.json"
            data-testid="upload"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void upload(f);
              e.target.value = '';
            }}
            disabled={stage.kind === 'sending' || stage.kind === 'checking' || stage.kind === 'importing'}
          />
        </label>
        <div aria-live="polite" data-testid="upload-status">
          {stage.kind === 'sending' ? (
            <Progress label={tr('data.upload.sending', { percent: pct(stage.percent) })} value={stage.percent} />
          ) : null}
          {stage.kind === 'checking' ? <p>{tr('data.upload.checking')}</p> : null}
          {stage.kind === 'importing' ? (
            <Progress label={tr('data.upload.importing', { percent: pct(stage.percent) })} value={stage.percent} />
          ) : null}
          {stage.kind === 'error' ? (
            <div className="error-box" role="alert">
              {stage.message}
            </div>
          ) : null}
          {stage.kind === 'done' ? (
            <p className="ok">
              {tr('data.check.done', {
                id: stage.summary.import_id ?? '—',
                accepted: formatNumber(lang, stage.summary.accepted, 0),
                quarantined: formatNumber(lang, stage.summary.quarantined, 0),
                duplicates: formatNumber(lang, stage.summary.duplicates, 0),
              })}
            </p>
          ) : null}
        </div>
        {stage.kind === 'checked' ? (
          <CheckResult
            name={stage.name}
            check={stage.check}
            onCommit={() => void commit(stage.id)}
            onDiscard={() => void discard(stage.id)}
          />
        ) : null}
      </section>
      <section>
        <h2>{tr('data.history')}</h2>
        <Async loaded={history}>
          {(h) => (
            <>
              <p className="downloads">
                <XlsxButton
                  name="imports"
                  title={tr('data.history')}
                  sheets={() => [
                    tableSheet(
                      tr('data.history'),
                      [
                        { key: 'import_id', header: 'ID', type: 'integer', value: (r) => r.import_id },
                        {
                          key: 'kind',
                          header: tr('home.col.kind'),
                          type: 'string',
                          value: (r) => tr(importKindKey(r.kind)),
                        },
                        { key: 'file_name', header: tr('home.col.file'), type: 'string', value: (r) => r.file_name },
                        { key: 'imported_at', header: tr('home.col.time'), type: 'date', value: (r) => r.imported_at },
                        {
                          key: 'rows_read',
                          header: tr('home.col.rows_read'),
                          type: 'integer',
                          value: (r) => r.rows_read,
                        },
                        { key: 'accepted', header: tr('home.col.accepted'), type: 'integer', value: (r) => r.accepted },
                        {
                          key: 'quarantined',
                          header: tr('home.col.quarantined'),
                          type: 'integer',
                          value: (r) => r.quarantined,
                        },
                        {
                          key: 'duplicates',
                          header: tr('home.col.duplicates'),
                          type: 'integer',
                          value: (r) => r.duplicates,
                        },
                        {
                          key: 'reconciles',
                          header: tr('home.col.reconciled'),
                          type: 'boolean',
                          value: (r) => r.reconciles,
                        },
                      ],
                      h.imports,
                    ),
                  ]}
                />
              </p>
              <ScrollX>
                <table className="imports" data-testid="imports">
                  <thead>
                    <tr>
                      {(
                        [
                          'home.col.kind',
                          'home.col.file',
                          'home.col.time',
                          'home.col.rows_read',
                          'home.col.accepted',
                          'home.col.quarantined',
                          'home.col.duplicates',
                          'home.col.reconciled',
                        ] as const
                      ).map((k, i) => (
                        <th
                          key={k}
                          className={i >= 3 && i <= 6 ? 'num' : undefined}
                          title={k === 'home.col.reconciled' ? tr('home.reconciled.help') : undefined}
                        >
                          {tr(k)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {h.imports.map((r) => (
                      <tr key={r.import_id}>
                        <td>{tr(importKindKey(r.kind))}</td>
                        <td translate="no">{r.file_name}</td>
                        <td>{formatDateTime(lang, r.imported_at)}</td>
                        <td className="num">{formatNumber(lang, r.rows_read, 0)}</td>
                        <td className="num">{formatNumber(lang, r.accepted, 0)}</td>
                        <td className="num">
                          {r.quarantined > 0 ? (
                            <button type="button" className="link" onClick={() => setShown(r.import_id)}>
                              {formatNumber(lang, r.quarantined, 0)}
                            </button>
                          ) : (
                            '0'
                          )}
                        </td>
                        <td className="num">{formatNumber(lang, r.duplicates, 0)}</td>
                        <td className={r.reconciles ? 'ok' : 'bad'}>
                          {tr(r.reconciles ? 'home.reconciled.yes' : 'home.reconciled.no', {
                            read: formatNumber(lang, r.rows_read, 0),
                            accepted: formatNumber(lang, r.accepted, 0),
                            quarantined: formatNumber(lang, r.quarantined, 0),
                            duplicates: formatNumber(lang, r.duplicates, 0),
                          })}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollX>
            </>
          )}
        </Async>
      </section>
      {shown !== null ? <QuarantineView importId={shown} key={`${shown}-${version}`} /> : null}
      <CampaignsPanel />
      <AccessLogPanel />
    </div>
  );
}

function Progress({ label, value }: { label: string; value: number }) {
  return (
    <div className="progress">
      <progress max={1} value={value} aria-label={label} />
      <span>{label}</span>
    </div>
  );
}

function CheckResult({
  name,
  check,
  onCommit,
  onDiscard,
}: {
  name: string;
  check: Summary;
  onCommit: () => void;
  onDiscard: () => void;
}) {
  const { lang, tr } = useT();
  const n = (v: number) => formatNumber(lang, v, 0);
  return (
    <div className="check" data-testid="check">
      <h3>{tr('data.check.title', { file: name })}</h3>
      <p>
        {tr('data.check.counts', {
          read: n(check.rows_read),
          accepted: n(check.accepted),
          quarantined: n(check.quarantined),
          duplicates: n(check.duplicates),
        })}
      </p>
      <h4>{tr('data.check.mapping')}</h4>
      <TableExport
        name="mapping"
        title={tr('data.check.mapping')}
        sheet={() =>
          tableSheet(
            tr('data.check.mapping'),
            [
              {
                key: 'canonical',
                header: tr('data.check.col.canonical'),
                type: 'string',
                value: ([k]: [string, string]) => fieldName(lang, k),
              },
              {
                key: 'source',
                header: tr('data.check.col.source'),
                type: 'string',
                value: ([, v]: [string, string]) => v,
              },
            ],
            Object.entries(check.mapping),
          )
        }
      >
        <table className="mapping">
          <thead>
            <tr>
              <th>{tr('data.check.col.canonical')}</th>
              <th>{tr('data.check.col.source')}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(check.mapping).map(([k, v]) => (
              <tr key={k}>
                <td>{fieldName(lang, k)}</td>
                <td translate="no">{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableExport>
      {check.warnings.length > 0 ? (
        <>
          <h4>{tr('data.check.warnings')}</h4>
          <ul>
            {check.warnings.map((w) => (
              <li key={w}>{importMessage(lang, w)}</li>
            ))}
          </ul>
        </>
      ) : null}
      {check.quarantine.length > 0 ? <QuarantineTable rows={check.quarantine} /> : null}
      <div className="actions">
        <button type="button" className="primary" onClick={onCommit} disabled={check.accepted === 0}>
          {tr('data.check.commit')}
        </button>
        <button type="button" onClick={onDiscard}>
          {tr('data.check.discard')}
        </button>
      </div>
    </div>
  );
}
