import { useMemo, useState } from 'react';
import type { CaseMark } from '../../audit/schema.ts';
import { AccountLink, AccountLinks } from '../components/AccountLink.tsx';
import { caseStatus } from './CasePanel.tsx';
import type { Answer, ListedFlag } from '../../api/schema.ts';
import type { Flag } from '../../audit/schema.ts';
import { flagExplanation } from '../../i18n/audit-reasons.ts';
import { skipReason } from '../../i18n/audit-terms.ts';
import { formatDate, formatExplained } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { apiPath, useApi, withToken } from '../app/api.ts';
import { useT } from '../app/lang.ts';
import { useMeta } from '../app/meta.ts';
import type { useUrl } from '../app/url.ts';
import { periodParams, viewOf } from '../app/view.ts';
import { lastDay } from '../../dates.ts';
import { Async } from '../components/Async.tsx';
import { Controls } from '../components/Controls.tsx';
import { AuditSampleForm, BenfordPanel, ProgramChart } from './AuditPanels.tsx';
import { checkName } from './check-name.ts';
import { FlagDetail } from './FlagDetail.tsx';
import { TableExport } from '../components/TableExport.tsx';
import { flagAmount, flagScore } from './audit-units.ts';
import { tableSheet } from '../components/XlsxButton.tsx';
import { columnTitle } from '../../i18n/columns.ts';

type AuditAnswer = Answer<'/api/audit'>;

const SEVERITY_RANK = { high: 0, medium: 1, low: 2 } as const;
type SortKey = 'severity' | 'check' | 'who' | 'department' | 'from' | 'score' | 'status';
const STATUS_FILTER = ['none', 'reviewed', 'false_positive', 'escalated'] as const;

/** The flag's stable id (src/audit/flag-id.ts): a deep link to it survives a re-run of the audit. */
export const flagId = (f: Flag) => f.flag_id;

/** The auditors' page: few flags, each worth opening, each explained by the rows behind it. */
export function AuditPage({ url }: { url: ReturnType<typeof useUrl> }) {
  const { lang, tr } = useT();
  const meta = useMeta();
  const view = { ...viewOf(url.params, meta), filter: null };
  const period = periodParams(view);
  const audit = useApi(apiPath('/api/audit', period));
  return (
    <div className="page" data-page="audit">
      <div className="page-head">
        <h1>{tr('audit.title')}</h1>
        <a href={withToken(apiPath('/api/audit/flags.csv', { ...period, lang }))} download>
          {tr('audit.export.flags')}
        </a>
      </div>
      <Controls view={view} set={url.set} filters={false} />
      <Async loaded={audit} minHeight={260}>
        {(a) => <FlagList answer={a} url={url} period={period} />}
      </Async>
      <ProgramChart period={period} />
      <BenfordPanel period={period} />
      <AuditSampleForm period={period} />
    </div>
  );
}

function FlagList({
  answer: given,
  url,
  period,
}: {
  answer: AuditAnswer;
  url: ReturnType<typeof useUrl>;
  period: { quarter?: string; month?: string };
}) {
  const { lang, tr } = useT();
  const p = url.params;
  // Marks set on this page since it loaded, over the answer's (the server has them too; no reload needed).
  const [marks, setMarks] = useState<Record<string, CaseMark>>({});
  const answer = useMemo(
    () => ({ ...given, flags: given.flags.map((f) => (marks[f.flag_id] ? { ...f, mark: marks[f.flag_id] } : f)) }),
    [given, marks],
  );
  const status = p.get('status');
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'severity', desc: false });
  const check = p.get('check');
  const severity = p.get('severity');
  const department = p.get('department');
  const shown = useMemo(() => {
    const rows = answer.flags.filter(
      (f) =>
        (!check || f.check === check) &&
        (!severity || f.severity === severity) &&
        (!department || f.department === department) &&
        (!status || caseStatus(f) === status),
    );
    const value = (f: ListedFlag): string | number => {
      if (sort.key === 'severity') return SEVERITY_RANK[f.severity];
      if (sort.key === 'score') return f.score ?? -Infinity;
      if (sort.key === 'who') return f.account_id ?? f.accounts.join(',');
      if (sort.key === 'department') return f.department ?? '';
      if (sort.key === 'status') return caseStatus(f);
      return f[sort.key];
    };
    return [...rows].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return (sort.desc ? -c : c) || a.from.localeCompare(b.from);
    });
  }, [answer, check, severity, department, status, sort]);
  const selected = answer.flags.find((f) => flagId(f) === p.get('flag')) ?? null;
  const ran = answer.checks.filter((c) => c.ran);
  const skipped = answer.checks.filter((c) => !c.ran);
  const departments = [...new Set(answer.flags.map((f) => f.department).filter((d): d is string => d !== null))].sort();
  const header = (key: SortKey, label: MessageKey) => (
    <th aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        className="sort"
        onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key === 'score' }))}
        aria-label={tr('audit.sort', { column: tr(label) })}
      >
        {tr(label)} {sort.key === key ? (sort.desc ? '▼' : '▲') : ''}
      </button>
    </th>
  );
  return (
    <>
      <p className="period" data-testid="audit-summary">
        {tr('audit.summary', {
          flags: answer.flags.length,
          from: formatDate(lang, answer.period.from),
          to: formatDate(lang, lastDay(answer.period.to)),
          ran: ran.length,
          skipped: skipped.length,
        })}
      </p>
      {skipped.length > 0 ? (
        <ul className="skipped">
          {skipped.map((c) => (
            <li key={c.check}>
              {tr('audit.skipped', { check: checkName(tr, c.check), reason: skipReason(lang, c.skipped_reason ?? '') })}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="controls">
        <FilterSelect
          label={tr('audit.filter.check')}
          value={check}
          set={(v) => url.set({ check: v })}
          testId="audit-check"
          options={answer.checks.map((c) => [c.check, `${checkName(tr, c.check)} (${c.flags})`])}
        />
        <FilterSelect
          label={tr('audit.filter.severity')}
          value={severity}
          set={(v) => url.set({ severity: v })}
          testId="audit-severity"
          options={(['high', 'medium', 'low'] as const).map((v) => [v, tr(`audit.severity.${v}`)])}
        />
        <FilterSelect
          label={tr('audit.filter.department')}
          value={department}
          set={(v) => url.set({ department: v })}
          testId="audit-department"
          options={departments.map((d) => [d, d])}
        />
        <FilterSelect
          label={tr('case.status')}
          value={status}
          set={(v) => url.set({ status: v })}
          testId="audit-status"
          options={STATUS_FILTER.map((v) => [
            v,
            `${tr(`case.status.${v}`)} (${answer.flags.filter((f) => caseStatus(f) === v).length})`,
          ])}
        />
      </div>
      <div className="table-box">
        <TableExport
          name="audit-flags"
          title={tr('audit.title')}
          sheet={() =>
            tableSheet(
              tr('audit.title'),
              [
                {
                  key: 'severity',
                  header: tr('audit.col.severity'),
                  type: 'string',
                  value: (f: ListedFlag) => tr(`audit.severity.${f.severity}`),
                },
                {
                  key: 'check',
                  header: tr('audit.col.check'),
                  type: 'string',
                  value: (f: ListedFlag) => checkName(tr, f.check),
                },
                {
                  key: 'who',
                  header: tr('audit.col.who'),
                  type: 'string',
                  value: (f: ListedFlag) => f.account_id ?? f.accounts.join(', '),
                },
                {
                  key: 'department',
                  header: tr('audit.col.department'),
                  type: 'string',
                  value: (f: ListedFlag) => f.department,
                },
                { key: 'from', header: columnTitle(lang, 'from'), type: 'date', value: (f: ListedFlag) => f.from },
                { key: 'to', header: columnTitle(lang, 'to'), type: 'date', value: (f: ListedFlag) => lastDay(f.to) },
                { key: 'value', header: tr('audit.col.value'), type: 'number', value: (f: ListedFlag) => f.value },
                {
                  key: 'baseline',
                  header: tr('audit.col.baseline'),
                  type: 'number',
                  value: (f: ListedFlag) => f.baseline,
                },
                { key: 'score', header: tr('audit.col.score'), type: 'number', value: (f: ListedFlag) => f.score },
                {
                  key: 'explanation',
                  header: tr('audit.col.explanation'),
                  type: 'string',
                  value: (f: ListedFlag) => flagExplanation(lang, f, (v) => formatExplained(lang, v)),
                },
                {
                  key: 'evidence',
                  header: tr('audit.col.evidence'),
                  type: 'integer',
                  value: (f: ListedFlag) => f.event_count,
                },
                ...markColumns(tr),
              ],
              shown,
            )
          }
        >
          <table className="flags" data-testid="flags">
            <thead>
              <tr>
                {header('severity', 'audit.col.severity')}
                {header('status', 'case.status')}
                {header('check', 'audit.col.check')}
                {header('who', 'audit.col.who')}
                {header('department', 'audit.col.department')}
                {header('from', 'audit.col.window')}
                <th className="num">{tr('audit.col.value')}</th>
                <th className="num">{tr('audit.col.baseline')}</th>
                {header('score', 'audit.col.score')}
                <th>{tr('audit.col.explanation')}</th>
                <th className="num">{tr('audit.col.evidence')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.length === 0 ? (
                <tr>
                  <td colSpan={11}>{tr('audit.none')}</td>
                </tr>
              ) : null}
              {shown.map((f) => (
                <tr
                  key={flagId(f)}
                  className={`sev-${f.severity}${selected && flagId(selected) === flagId(f) ? ' selected' : ''}`}
                  data-check={f.check}
                >
                  <td>
                    <span className={`badge ${f.severity}`}>{tr(`audit.severity.${f.severity}`)}</span>
                  </td>
                  <td data-col="status" data-status={caseStatus(f)} title={f.mark?.note || undefined}>
                    <span className={`case case-${caseStatus(f)}`}>{tr(`case.status.${caseStatus(f)}`)}</span>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      onClick={() => url.set({ flag: flagId(f) })}
                      aria-label={`${tr('audit.open')}: ${checkName(tr, f.check)} ${f.account_id ?? ''}`}
                    >
                      {checkName(tr, f.check)}
                    </button>
                  </td>
                  <td>
                    {f.account_id !== null ? (
                      <AccountLink id={f.account_id} />
                    ) : (
                      <AccountLinks ids={f.accounts.slice(0, 4)} />
                    )}
                    {f.account_id === null && f.accounts.length > 4 ? '…' : ''}
                  </td>
                  <td>{f.department ?? '—'}</td>
                  <td>
                    {f.from === lastDay(f.to)
                      ? formatDate(lang, f.from)
                      : `${formatDate(lang, f.from)} – ${formatDate(lang, lastDay(f.to))}`}
                  </td>
                  <td className="num" data-col="value">
                    {flagAmount(lang, tr, f, 'value')}
                  </td>
                  <td className="num" data-col="baseline">
                    {flagAmount(lang, tr, f, 'baseline')}
                  </td>
                  <td className="num" data-col="score" data-score={f.score ?? ''}>
                    {flagScore(lang, tr, f)}
                  </td>
                  <td className="explanation">{flagExplanation(lang, f, (v) => formatExplained(lang, v))}</td>
                  <td className="num">{f.event_count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableExport>
      </div>
      {selected ? (
        <FlagDetail
          flag={selected}
          onClose={() => url.set({ flag: null })}
          period={period}
          onMarked={(id, mark) => setMarks((m) => ({ ...m, [id]: mark }))}
        />
      ) : null}
    </>
  );
}

/** The case columns of the flags workbook: status, note, who and when, titled in the page's language. */
function markColumns(tr: ReturnType<typeof useT>['tr']) {
  return [
    {
      key: 'mark_status',
      header: tr('case.status'),
      type: 'string' as const,
      value: (f: ListedFlag) => tr(`case.status.${caseStatus(f)}`),
    },
    {
      key: 'mark_note',
      header: tr('case.note'),
      type: 'string' as const,
      value: (f: ListedFlag) => f.mark?.note ?? null,
    },
    { key: 'mark_by', header: tr('case.by'), type: 'string' as const, value: (f: ListedFlag) => f.mark?.by ?? null },
    { key: 'mark_at', header: tr('case.at'), type: 'string' as const, value: (f: ListedFlag) => f.mark?.at ?? null },
  ];
}

/** One of the list's filters: "all" first, then each value; the choice is kept in the URL. */
function FilterSelect({
  label,
  value,
  set,
  testId,
  options,
}: {
  label: string;
  value: string | null;
  set: (v: string | null) => void;
  testId: string;
  options: [string, string][];
}) {
  const { tr } = useT();
  return (
    <label>
      {label}
      <select value={value ?? ''} onChange={(e) => set(e.target.value || null)} data-testid={testId}>
        <option value="">{tr('audit.filter.all')}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
