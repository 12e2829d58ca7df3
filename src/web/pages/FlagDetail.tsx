import { useEffect, useMemo, useRef } from 'react';
import { addDays, quarterOf, quarterPeriod } from '../../dates.ts';
import { flagExplanation } from '../../i18n/audit-reasons.ts';
import { thresholdName } from '../../i18n/audit-terms.ts';
import { eventTypeName, fieldName } from '../../i18n/index.ts';
import { formatNumber } from '../../i18n/format.ts';
import { apiPath, useApi } from '../app/api.ts';
import { useT } from '../app/lang.ts';
import { dailySpec } from '../charts/daily.ts';
import { GRAPH_WIDTH, graphSpec } from '../charts/graph.ts';
import { timelineSpec, type TimelinePoint } from '../charts/timeline.ts';
import { Async } from '../components/Async.tsx';
import { Chart } from '../components/Chart.tsx';
import { chartCsv } from '../reshape.ts';
import type { ListedFlag } from '../../api/schema.ts';
import type { EvidenceRow } from '../../api/schema-detail.ts';
import type { CaseMark } from '../../audit/schema.ts';
import { AccountLink, AccountLinks } from '../components/AccountLink.tsx';
import { CasePanel } from './CasePanel.tsx';
import { checkName } from './check-name.ts';
import { BenfordChart } from './AuditPanels.tsx';
import { TableExport } from '../components/TableExport.tsx';
import { tableSheet } from '../components/XlsxButton.tsx';

/** A Benford flag covers the audited period: name it as the API does (a quarter, else the month it starts in). */
function periodOfRange(from: string, to: string): { quarter?: string; month?: string } {
  const q = quarterOf(from);
  const p = quarterPeriod(q);
  return p.from === from && p.to === to ? { quarter: q } : { month: from.slice(0, 7) };
}

/** Evidence the page can show without scrolling forever; the flag's CSV has every id. */
const MAX_ROWS = 200;
const GRAPH_CHECKS = new Set(['ring', 'reciprocal_pair', 'concentration']);
/** Evidence columns that name an account: each opens its page. */
const ACCOUNT_FIELDS = new Set<string>(['account_id', 'approver_id', 'counterparty_id']);

/** One flag opened: what it says, the threshold it crossed, a chart of the right kind, and the rows behind it. */
export function FlagDetail({
  flag,
  onClose,
  period,
  onMarked,
}: {
  flag: ListedFlag;
  onClose: () => void;
  period: { quarter?: string; month?: string };
  onMarked: (flagId: string, mark: CaseMark) => void;
}) {
  const { lang, tr } = useT();
  const n = (v: number | null) => (v === null ? '—' : formatNumber(lang, v, Math.abs(v) < 1 ? 4 : 2));
  const ids = flag.event_ids.slice(0, MAX_ROWS);
  // Opened from a long list, the detail would appear below the fold: bring it to the reader; Esc closes it.
  const box = useRef<HTMLElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a newly opened flag scrolls into view, not every render.
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'start' });
    const key = (e: KeyboardEvent) => e.key === 'Escape' && close.current();
    addEventListener('keydown', key);
    return () => removeEventListener('keydown', key);
  }, [flag]);
  return (
    <section className="detail" data-testid="flag-detail" aria-label={tr('audit.detail')} ref={box}>
      <div className="page-head">
        <h2>
          {`${checkName(tr, flag.check)} · `}
          {flag.account_id !== null ? (
            <AccountLink id={flag.account_id} />
          ) : (
            <AccountLinks ids={flag.accounts.slice(0, 8)} />
          )}
        </h2>
        <button type="button" onClick={onClose}>
          {tr('audit.detail.close')}
        </button>
      </div>
      <p className="explanation">{flagExplanation(lang, flag, (v) => formatNumber(lang, v, 3))}</p>
      <p className="caption">
        {tr('audit.detail.threshold', {
          name: thresholdName(lang, flag.threshold_name),
          threshold: n(flag.threshold),
          value: n(flag.value),
          baseline: n(flag.baseline),
          score: n(flag.score),
        })}
      </p>
      <CasePanel key={flag.flag_id} flag={flag} period={period} onMarked={onMarked} />
      {flag.subject === 'account' && flag.account_id ? <Timeline flag={flag} account={flag.account_id} /> : null}
      {GRAPH_CHECKS.has(flag.check) && flag.accounts.length >= 2 ? <Graph flag={flag} /> : null}
      {flag.subject === 'program' ? <ProgramWindow flag={flag} /> : null}
      {flag.check === 'benford' ? (
        <BenfordChart
          period={periodOfRange(flag.from, flag.to)}
          field={String(flag.reason_vars.field ?? 'adjust')}
          approver={flag.account_id}
        />
      ) : null}
      {ids.length > 0 ? <Evidence ids={ids} total={flag.event_count} /> : null}
    </section>
  );
}

function Timeline({ flag, account }: { flag: ListedFlag; account: string }) {
  const { lang, tr } = useT();
  const from = addDays(flag.from, -42);
  const to = addDays(flag.to, 21);
  const data = useApi(apiPath('/api/audit/timeline', { account_id: account, from, to }));
  return (
    <Async loaded={data}>
      {(d) => (
        <TimelineChart
          points={d.points}
          flag={flag}
          title={tr('audit.timeline', { account })}
          legend={[
            { label: tr('series.issued'), color: '#0072B2', shape: 'box' },
            { label: tr('audit.timeline.band'), color: '#DDEFD9', shape: 'box' },
            { label: tr('audit.timeline.flagged'), color: '#D55E00', shape: 'dot' },
          ]}
          lang={lang}
        />
      )}
    </Async>
  );
}

function TimelineChart({
  points,
  flag,
  title,
  legend,
  lang,
}: {
  points: TimelinePoint[];
  flag: ListedFlag;
  title: string;
  legend: { label: string; color: string; shape: 'box' | 'dot' }[];
  lang: 'en' | 'zh-CN';
}) {
  const spec = useMemo(() => (points.length ? timelineSpec(lang, points, flag) : null), [lang, points, flag]);
  return (
    <Chart
      id="flag-timeline"
      title={title}
      spec={spec}
      legend={legend}
      csv={chartCsv(points, ['day', 'issued', 'median', 'lower', 'upper'])}
    />
  );
}

function Graph({ flag }: { flag: ListedFlag }) {
  const { lang, tr } = useT();
  const data = useApi(
    apiPath('/api/audit/graph', { accounts: flag.accounts.slice(0, 50).join(','), from: flag.from, to: flag.to }),
  );
  return (
    <Async loaded={data}>
      {(d) => (
        <Chart
          id="flag-graph"
          title={tr('audit.graph')}
          spec={graphSpec(lang, flag.accounts.slice(0, 50), d.edges)}
          minWidth={GRAPH_WIDTH}
          caption={tr('audit.graph.caption', { transfers: d.edges.reduce((s, e) => s + e.transfers, 0) })}
          csv={chartCsv(d.edges, ['giver', 'receiver', 'transfers', 'points'])}
        />
      )}
    </Async>
  );
}

function ProgramWindow({ flag }: { flag: ListedFlag }) {
  const { lang, tr } = useT();
  const month = flag.from.slice(0, 7);
  const data = useApi(apiPath('/api/daily', { month }));
  return (
    <Async loaded={data}>
      {(d) => (
        <Chart
          id="flag-program"
          title={tr('audit.program')}
          spec={dailySpec(lang, d.days)}
          csv={chartCsv(d.days, ['day', { name: 'issued', from: 'value' }, 'expected', 'lower', 'upper', 'spike'])}
        />
      )}
    </Async>
  );
}

function Evidence({ ids, total }: { ids: string[]; total: number }) {
  const { lang, tr } = useT();
  const data = useApi(apiPath('/api/audit/evidence', { event_ids: ids.join(',') }));
  const cols = [
    'event_id',
    'occurred_at',
    'account_id',
    'points',
    'event_type',
    'rule_id',
    'approver_id',
    'counterparty_id',
    'reason',
    'department',
  ] as const;
  return (
    <section className="table-box" data-testid="evidence">
      <h3>{tr('audit.evidence', { shown: ids.length, total })}</h3>
      <Async loaded={data}>
        {(d) => (
          <TableExport
            name="audit-evidence"
            title={tr('audit.evidence', { shown: ids.length, total })}
            sheet={() =>
              tableSheet(
                tr('audit.evidence', { shown: ids.length, total }),
                cols.map((c) => ({
                  key: c,
                  header: fieldName(lang, c),
                  type: c === 'points' ? 'number' : c === 'occurred_at' ? 'date' : 'string',
                  value: (r: EvidenceRow) => (c === 'event_type' ? eventTypeName(lang, r.event_type) : r[c]),
                })),
                d.rows,
              )
            }
          >
            <table>
              <thead>
                <tr>
                  {cols.map((c) => (
                    <th key={c} className={c === 'points' ? 'num' : undefined}>
                      {fieldName(lang, c)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r) => (
                  <tr key={r.event_id}>
                    {cols.map((c) => (
                      <td key={c} className={c === 'points' ? 'num' : undefined}>
                        {c === 'points' ? (
                          formatNumber(lang, r.points, 2)
                        ) : ACCOUNT_FIELDS.has(c) && r[c] ? (
                          <AccountLink id={r[c] as string} />
                        ) : c === 'event_type' ? (
                          eventTypeName(lang, r.event_type)
                        ) : (
                          (r[c] ?? '')
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableExport>
        )}
      </Async>
    </section>
  );
}
