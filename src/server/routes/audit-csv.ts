import type { ListedFlag } from '../../api/schema.ts';
import type { Flag } from '../../audit/schema.ts';
import { SPOT_CHECK_COLUMNS } from '../../audit/spot-check.ts';
import { flagExplanation } from '../../i18n/audit-reasons.ts';
import { thresholdName } from '../../i18n/audit-terms.ts';
import { columnTitle } from '../../i18n/columns.ts';
import { formatExplained } from '../../i18n/format.ts';
import { eventTypeName, hasKey, t, type Lang } from '../../i18n/index.ts';
import { toCsv, type CsvValue } from '../../csv.ts';

const FLAG_COLUMNS = [
  'severity',
  'check',
  'account_id',
  'accounts',
  'department',
  'from',
  'to',
  'value',
  'baseline',
  'score',
  'threshold',
  'threshold_name',
  'explanation',
  'event_count',
  'event_ids',
  'flag_id',
  'mark_status',
  'mark_note',
  'mark_by',
  'mark_at',
] as const;

/**
 * The audit flags as CSV. Without a language: the API's keys and the audit's own English (scripts read it, and it
 * matches `ledger-lens audit`). With one: the page's column titles, and names and explanations in that language.
 */
export function flagsCsv(flags: ListedFlag[], lang?: Lang): string {
  const words = (f: Flag) =>
    lang
      ? {
          severity: t(lang, `audit.severity.${f.severity}`),
          check: hasKey(`audit.check.${f.check}`)
            ? t(lang, `audit.check.${f.check}` as Parameters<typeof t>[1])
            : f.check,
          threshold_name: thresholdName(lang, f.threshold_name),
          explanation: flagExplanation(lang, f, (v) => formatExplained(lang, v)),
        }
      : { severity: f.severity, check: f.check, threshold_name: f.threshold_name, explanation: f.explanation };
  const rows = flags.map((f) => {
    const w = words(f);
    const m = f.mark;
    return [
      w.severity,
      w.check,
      f.account_id,
      f.accounts.join(' '),
      f.department,
      f.from,
      f.to,
      f.value,
      f.baseline,
      f.score,
      f.threshold,
      w.threshold_name,
      w.explanation,
      f.event_count,
      f.event_ids.join(' '),
      f.flag_id,
      m ? (lang ? t(lang, `case.status.${m.status}`) : m.status) : null,
      m?.note ?? null,
      m?.by ?? null,
      m?.at ?? null,
    ];
  });
  return toCsv(header(FLAG_COLUMNS, lang), rows);
}

/** The audit sample as CSV, titled and with event types named in `lang` when one is given. */
export function sampleCsv(rows: Record<string, CsvValue>[], lang?: Lang): string {
  const cell = (r: Record<string, CsvValue>, c: string) =>
    lang && c === 'event_type' && typeof r[c] === 'string' ? eventTypeName(lang, r[c]) : (r[c] ?? null);
  return toCsv(
    header(SPOT_CHECK_COLUMNS, lang),
    rows.map((r) => SPOT_CHECK_COLUMNS.map((c) => cell(r, c))),
  );
}

const header = (keys: readonly string[], lang?: Lang) => keys.map((k) => (lang ? columnTitle(lang, k) : k));
