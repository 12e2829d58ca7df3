import { z } from 'zod';
import { type RowOf, run } from '../../db/run.ts';
import { binomialTailBelow } from '../binomial.ts';
import type { AuditContext, Check } from '../context.ts';
import { addDays } from '../../dates.ts';
import { workWindow } from '../../db/work-window.ts';
import { makeFlag, pct } from '../flag.ts';
import type { Flag } from '../schema.ts';

const Params = z.object({
  from: z.string(),
  to: z.string(),
  start: z.string(),
  end: z.string(),
  days: z.string(),
  kept: z.boolean(),
});
type Row = RowOf<'audit_off_hours'>;
const RowsParams = Params.omit({ kept: true }).extend({ approver_id: z.string(), class: z.string() });

/**
 * What one test counts in an (approver, month) row: a class, or a run of consecutive night hours from `hour` for
 * `hours` hours (the sum of the hour counts). `at` is its place in a row's counts.
 */
interface Cell {
  cls: 'night' | 'rest_day';
  hour: number | null;
  hours: number;
  at: number;
}

/** Counts per cell (by `at`), the approvals they are out of and the approvers, for one (approver or group, month). */
interface Tally {
  approved: number;
  approvers: number;
  counts: Float64Array;
}

const addTally = (m: Map<string, Tally>, key: string, approved: number, counts: Float64Array) => {
  let t = m.get(key);
  if (!t) m.set(key, (t = { approved: 0, approvers: 0, counts: new Float64Array(counts.length) }));
  t.approved += approved;
  t.approvers += 1;
  for (let i = 0; i < counts.length; i++) t.counts[i] += counts[i];
};

interface Best {
  r: Row;
  cell: Cell;
  k: number;
  p: number;
  programShare: number;
  peerShare: number;
  /** Who the peers are, as the flag names them: the department, "department (role)" or the role program-wide. */
  peerGroup: string;
}

/**
 * Approvals at night and on rest days, judged apart, per approver against the share of the rest of the program and of
 * their peers (approvers of the same department, pooled, with a weak prior at the program's: peersShare; by role where
 * the roster names one: poolKeys) in that hour class, both leaving out approvers flagged in it (judgeToFixedPoint):
 * the larger of the two is the expected share, so a team that works weekends is judged by its own department.
 * Nights are also judged hour by hour (the program's share at 02:00, not only at any night hour): late batch jobs at
 * 21:00 do not hide a signature at 02:00. The approver's own habit is never the baseline: a habit that contains the
 * offence hides it. Each approver is tested over the whole period and month by month (a steady few a month add up over
 * the period; a burst shows in its month), with a one-sided binomial p-value and a Bonferroni correction over every
 * test that could be made (approvers × (months + 1) × (2 classes + runs of consecutive night hours)), so `alpha` is
 * the chance that a clean program raises any off-hours flag at all. One flag per approver and class: its most
 * significant test.
 */
export const offHours: Check = {
  name: 'off_hours_approval',
  async run(ctx) {
    const s = ctx.settings.off_hours;
    const wh = ctx.config.work_hours;
    const hours = { start: wh.start, end: wh.end, days: wh.days.join(',') };
    // The hourly rollup classifies whole hours: exact only when the working hours start and end on the hour.
    const kept = ctx.kept && wh.start.endsWith(':00') && wh.end.endsWith(':00');
    const rows = await run(ctx.db, 'audit_off_hours', { from: ctx.from, to: ctx.to, ...hours, kept });
    // Night approvals per hour of the day (a list of 24), per approver and month.
    const byHour = new Map<string, number[]>();
    for (const h of await run(ctx.db, 'audit_night_hours', {
      from: ctx.from,
      to: ctx.to,
      start: wh.start,
      end: wh.end,
      kept,
    }))
      byHour.set(`${h.approver_id}|${h.month}`, h.hours);
    const nightHours = Array.from({ length: 24 }, (_, h) => h).filter((h) => !inWorkHours(h, wh.start, wh.end));
    const windows = nightWindows(nightHours, 2);
    const night: Cell = { cls: 'night', hour: null, hours: nightHours.length, at: 0 };
    const restDay: Cell = { cls: 'rest_day', hour: null, hours: 0, at: 1 };
    // Each row's counts of every cell (night, rest day, then each window's sum of its hours), in arrays indexed by
    // the cell: the program's and peers' tallies add them up like any count, and the tests below read them by index
    // (thousands of rows × dozens of windows: keyed maps of strings cost more than the tests themselves).
    const width = 2 + windows.length;
    const noHours = new Array<number>(24).fill(0);
    const counted = rows.map((r) => {
      const hourly = byHour.get(`${r.approver_id}|${r.month}`) ?? noHours;
      const counts = new Float64Array(width);
      counts[night.at] = r.night;
      counts[restDay.at] = r.rest_day;
      for (const w of windows) {
        let n = 0;
        for (let i = 0; i < w.hours; i++) n += hourly[(w.hour + i) % 24];
        counts[w.at] = n;
      }
      return counts;
    });
    const tests = rows.length * (2 + windows.length);
    const threshold = s.alpha / Math.max(1, tests);
    const byApprover = new Map<string, number[]>();
    rows.forEach((r, i) => {
      const own = byApprover.get(r.approver_id);
      if (own) own.push(i);
      else byApprover.set(r.approver_id, [i]);
    });
    const classes: Cell[][] = [
      // Shortest first: of tests with the same p-value (hours without a signature add nothing), the flag names the
      // narrowest hours.
      [...windows, night],
      [restDay],
    ];
    // Flags in the approvers' order, night before rest day, as each approver's classes were judged before.
    const order = [...byApprover.keys()];
    const found = classes
      .flatMap((cells, c) => judgeToFixedPoint({ rows, counted, byApprover, cells, threshold }).map((b) => ({ b, c })))
      .sort((x, y) => order.indexOf(x.b.r.approver_id) - order.indexOf(y.b.r.approver_id) || x.c - y.c);
    const flags: Flag[] = [];
    for (const { b } of found) flags.push(await offHoursFlag(ctx, b, threshold, tests));
    return { flags };
  },
};

interface Judged {
  rows: Row[];
  counted: Float64Array[];
  byApprover: Map<string, number[]>;
  cells: Cell[];
  threshold: number;
}

/**
 * The approvers flagged in one class, the program's and peers' pools leaving out the approvers flagged in it, until
 * no one more is flagged. A pooled share that holds another offender's rows hides a steadier offender beside them
 * (40 nights of one approver made 8 of another's ordinary), as an approver's own habit would hide their own. Left
 * out are only approvers already beyond chance at the check's alpha, so a clean program (nobody flagged) is judged as
 * before, and a two-person desk sharing a habit, neither flagged, keeps its peer. A flag, once given, stays with the
 * test that gave it: leaving an approver out also takes their ordinary rows from the pool's other cells, and with
 * them the pool's size, so a cell's share can rise (a review's M2, 15 approvals at 03:00, flagged on the first pass,
 * passed on the second). Each pass adds someone or ends the loop, so it runs at most once per approver.
 * Chosen over the median approver's share: where most approvers never sign at night, that median is nothing, and
 * every approver with a few legitimate late rows would be judged against it.
 */
function judgeToFixedPoint(j: Judged): Best[] {
  const kept = new Map<string, Best>();
  for (;;) {
    const out = new Set(kept.keys());
    const more = judgeClass(j, out).filter((b) => b.p < j.threshold && !kept.has(b.r.approver_id));
    if (more.length === 0) return [...j.byApprover.keys()].flatMap((a) => kept.get(a) ?? []);
    for (const b of more) kept.set(b.r.approver_id, b);
  }
}

/**
 * The pools a row adds to and is judged against: the program's (all approvers, and those of the row's role), the
 * peers' (the department, and its approvers of the row's role). Where the roster names roles, approvers of one role
 * do one job: a night head nurse's peers are the night head nurses, not the ward's day head nurse, and the program
 * a day head nurse is out of line with is the day head nurses' (with the night ones pooled in, 28 % of the program's
 * approvals were at night, and 30 signatures at 02:00 of 482 were below it). The role's approvers across the program
 * stand in for the department's when the department has no one else of that role (a ward has one head nurse a
 * shift); an approver with fewer than two others in their role is judged as without one: by the whole program
 * and the department.
 * Program keys start with 'p', the peers' with 'd'. No role: [all, null, dept, null], as before roles were read.
 */
/** Other approvers a role needs before it replaces the program's baseline: a pool, not a partner. */
const ROLE_POOL = 2;

function poolKeys(r: Row): [string, string | null, string, string | null] {
  const role = r.role ? `\u0000${r.role}` : null;
  return [
    `p|${r.month}`,
    role && `p${role}|${r.month}`,
    `d${r.department}|${r.month}`,
    role && `d${r.department}${role}|${r.month}`,
  ];
}

/** Each approver's most significant test in one class against the program and peers without the approvers in `out`. */
function judgeClass({ rows, counted, byApprover, cells, threshold }: Judged, out: Set<string>): Best[] {
  const program = new Map<string, Tally>();
  const peers = new Map<string, Tally>();
  rows.forEach((r, i) => {
    if (out.has(r.approver_id)) return;
    for (const key of poolKeys(r))
      if (key) addTally(key.startsWith('p') ? program : peers, key, r.approved, counted[i]);
  });
  const none = new Float64Array(counted[0]?.length ?? 0);
  // The pool of a month or department whose approvers are all left out: no approvals.
  const empty: Tally = { approved: 0, approvers: 0, counts: none };
  const found: Best[] = [];
  for (const [approver, own] of byApprover) {
    // An approver left out is in neither pool: nothing of theirs to take away.
    const left = out.has(approver);
    const others = (t: Tally | undefined) => (t ? t.approvers - (left ? 0 : 1) : 0);
    let best: Best | null = null;
    for (const i of own) {
      const r = rows[i];
      const counts = counted[i];
      const [all, ofRole, dept, deptRole] = poolKeys(r);
      const inRole = ofRole ? program.get(ofRole) : undefined;
      // A role stands in for the program only as a pool: with one other member, the baseline would be that one
      // person's habit, and two supervisors signing at 02:00 hid each other.
      const roleIsPool = others(inRole) >= ROLE_POOL;
      const inProgram = (roleIsPool ? inRole : program.get(all)) ?? empty;
      const inDeptRole = deptRole ? peers.get(deptRole) : undefined;
      const byDeptRole = others(inDeptRole) > 0;
      const byRole = !byDeptRole && roleIsPool;
      const inPeers = (byDeptRole ? inDeptRole : byRole ? inRole : peers.get(dept)) ?? empty;
      const peerGroup = byDeptRole ? `${r.department || '—'} (${r.role})` : byRole ? r.role : r.department || '—';
      const mine = left ? none : counts;
      const approved = left ? 0 : r.approved;
      for (const cell of cells) {
        const k = counts[cell.at];
        if (k === 0) continue;
        const programShare = othersShare(inProgram, approved, mine, cell.at);
        const peerShare = peersShare(inPeers, approved, mine, cell.at, programShare);
        // Only a p-value below the threshold can be flagged, and the flagged test is the smallest: a cell that
        // cannot go below the threshold is never it.
        const p = binomialTailBelow(k, r.approved, Math.max(programShare, peerShare), threshold);
        if (p !== null && (!best || p < best.p)) best = { r, cell, k, p, programShare, peerShare, peerGroup };
      }
    }
    if (best) found.push(best);
  }
  return found;
}

/**
 * Every run of consecutive night hours (midnight wrapping), except a run that is the whole night class (tested as
 * that class): single hours, and the stretches a steady night signer's hours spread over. Three a month from 23:00
 * to 04:00 are about seven in each hour over a year, none of them alone beyond chance, all five hours together far
 * beyond it; a late batch at 20:30 stays in its own hour instead of diluting them. Each window's `at` is its place
 * in a row's counts, from `first` on.
 */
function nightWindows(nightHours: number[], first: number): (Cell & { hour: number })[] {
  const night = new Set(nightHours);
  const out: Omit<Cell & { hour: number }, 'at'>[] = [];
  for (const start of nightHours)
    for (let len = 1; len < 24 && night.has((start + len - 1) % 24); len++) {
      if (len === nightHours.length) break;
      out.push({ cls: 'night', hour: start, hours: len });
    }
  return out.sort((a, b) => a.hours - b.hours).map((w, i) => ({ ...w, at: first + i }));
}

/**
 * Is hour h (its whole hour) inside [start, end), wrapping past midnight when end <= start (a night shift)? An hour
 * partly outside counts as a night hour.
 */
function inWorkHours(h: number, start: string, end: string): boolean {
  const w = workWindow(start, end);
  return w.span === 1440 || ((((h * 60 - w.start) % 1440) + 1440) % 1440) + 60 <= w.span;
}

/** The cell's share among the rest's approvals, with one pseudo-approval each way (Laplace): none at night is not "never". */
function othersShare(total: Tally, ownApproved: number, own: Float64Array, at: number): number {
  const n = total.approved - ownApproved;
  const k = total.counts[at] - own[at];
  return (k + 1) / (n + 2);
}

/**
 * The peers' pooled share with a weak prior at the program's share: two pseudo-approvals (PEER_PRIOR), as Laplace's
 * one each way but centred on the program instead of on 50 %. An approver alone in their department (no peer
 * approvals) is judged against the program (audit.md: against the program's and peers' share); a department whose
 * approvers share a habit is judged by it, so a two-person weekend desk is in line with itself; and a peer's few
 * approvals no longer carry a 50 % prior that hid an approver out of line with both. Before, that prior made a lone
 * approver's baseline 50 % and a quiet peer's larger than the program's. Shrinking by a whole typical peer instead
 * (tried) flagged both members of a two-person desk with the same habit: the peer counted only half.
 */
function peersShare(total: Tally, ownApproved: number, own: Float64Array, at: number, programShare: number): number {
  const n = total.approved - ownApproved;
  return (total.counts[at] - own[at] + PEER_PRIOR * programShare) / (n + PEER_PRIOR);
}

/** Pseudo-approvals of the peers' prior: as weak as Laplace's two, not a setting tuned on any ledger. */
const PEER_PRIOR = 2;

async function offHoursFlag(ctx: AuditContext, best: Best, threshold: number, tests: number): Promise<Flag> {
  const { r, p, cell } = best;
  const wh = ctx.config.work_hours;
  const night = cell.cls === 'night';
  const first = (night ? r.first_night : r.first_rest)!;
  const last = (night ? r.last_night : r.last_rest)!;
  const evidence = await run(ctx.db, 'audit_off_hours_rows', RowsParams, {
    approver_id: r.approver_id,
    from: first,
    to: addDays(last, 1),
    start: wh.start,
    end: wh.end,
    days: wh.days.join(','),
    class: cell.cls,
  });
  const expected = Math.max(best.programShare, best.peerShare);
  const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
  return makeFlag(ctx, {
    check: 'off_hours_approval',
    severity: p < threshold / 1e4 ? 'high' : p < threshold / 100 ? 'medium' : 'low',
    subject: 'approver',
    account_id: r.approver_id,
    from: first,
    to: addDays(last, 1),
    value: best.k,
    baseline: expected * r.approved,
    score: p,
    threshold,
    threshold_name: `binomial p-value of the ${night ? 'night' : 'rest-day'} approvals, Bonferroni over ${tests} tests`,
    reason_key: cell.hour !== null ? 'off_hours_night_hour' : `off_hours_${cell.cls}`,
    reason_vars: {
      approver: r.approver_id,
      value: best.k,
      approved: r.approved,
      window: r.month === '' ? `${first} – ${last}` : r.month,
      program: pct(best.programShare),
      peers: pct(best.peerShare),
      department: best.peerGroup,
      p: Number(p.toPrecision(2)),
      threshold: Number(threshold.toPrecision(2)),
      ...(cell.hour !== null
        ? { hour: hh(cell.hour), hour_end: hh(cell.hour + cell.hours), night: night ? r.night : 0 }
        : {}),
    },
    event_ids: evidence.map((e) => e.event_id),
  });
}
