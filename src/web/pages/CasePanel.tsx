import { useState } from 'react';
import type { ListedFlag } from '../../api/schema.ts';
import type { CaseMark } from '../../audit/schema.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { ApiError, request, useApi } from '../app/api.ts';
import { useT } from '../app/lang.ts';

/** The statuses an auditor sets from the page; `open` (a mark taken back) stays for the API and the CLI. */
const SETTABLE = ['reviewed', 'false_positive', 'escalated'] as const;

/** A flag's status as the list shows and filters it: never marked and taken back both read "open". */
export const caseStatus = (f: Pick<ListedFlag, 'mark'>) =>
  f.mark === null || f.mark.status === 'open' ? 'none' : f.mark.status;

/**
 * The case panel of an opened flag: its current mark (who, when, note) and buttons to mark it, with a note. The
 * server records who and when; the period names the audit in which the flag was shown.
 */
export function CasePanel({
  flag,
  period,
  onMarked,
}: {
  flag: ListedFlag;
  period: { quarter?: string; month?: string };
  onMarked: (flagId: string, mark: CaseMark) => void;
}) {
  const { lang, tr } = useT();
  const [note, setNote] = useState(flag.mark?.note ?? '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The case list answers 403 to a role that may not mark (managers, viewers): they see the mark, not the buttons.
  const allowed = useApi('/api/audit/marks');
  const readOnly = allowed.state === 'error' && allowed.error instanceof ApiError && allowed.error.status === 403;
  const mark = async (status: (typeof SETTABLE)[number]) => {
    setSaving(true);
    setError(null);
    try {
      const r = await request<{ mark: CaseMark }>('/api/audit/marks', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Ledger-Lens': '1' },
        body: JSON.stringify({ ...period, flag_id: flag.flag_id, status, note }),
      });
      onMarked(flag.flag_id, r.mark);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  const m = flag.mark;
  return (
    <section className="case-panel" data-testid="case-panel" aria-label={tr('case.mark')}>
      <h3>{tr('case.mark')}</h3>
      <p data-testid="case-current" data-status={caseStatus(flag)}>
        {m && m.status !== 'open'
          ? tr('case.marked', {
              status: tr(`case.status.${m.status}`),
              by: m.by,
              at: `${formatDateTime(lang, m.at)} UTC`,
            })
          : tr('case.status.none')}
        {m?.note ? <span className="case-note">{` · ${m.note}`}</span> : null}
      </p>
      {readOnly ? (
        <p className="caption" data-testid="case-readonly">
          {tr('case.readonly')}
        </p>
      ) : (
        <>
          <label className="case-note-input">
            {tr('case.note')}
            <textarea
              value={note}
              maxLength={2000}
              rows={2}
              placeholder={tr('case.note.placeholder')}
              onChange={(e) => setNote(e.target.value)}
            />
          </label>
          <div className="case-buttons">
            {SETTABLE.map((s) => (
              <button
                key={s}
                type="button"
                data-status={s}
                aria-pressed={m?.status === s}
                disabled={saving}
                onClick={() => void mark(s)}
              >
                {tr(`case.status.${s}`)}
              </button>
            ))}
            {saving ? <span className="caption">{tr('case.saving')}</span> : null}
          </div>
        </>
      )}
      {error ? <p className="error-box">{error}</p> : null}
    </section>
  );
}
