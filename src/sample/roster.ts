import { addMonths, type Calendar, dayIndexOf, isoDate, parseDate } from './calendar.ts';
import {
  DEPARTMENTS,
  GIVEN_FEMALE,
  GIVEN_MALE,
  LEVELS,
  REGIONS,
  ROLE_EARN,
  JOB_ROLES,
  type JobRole,
  SURNAMES,
} from './org.ts';
import { cumulative, type Rng } from './rng.ts';

export interface Account {
  idx: number;
  id: string;
  name: string;
  joined: string;
  left: string | null;
  dept: number;
  region: string;
  role: JobRole;
  gender: '男' | '女';
  level: string;
}

/**
 * The population and every per-account rate the daily loop reads. Rates live in typed arrays because the loop visits
 * every account on every day (73 million visits for 100,000 accounts over two years).
 */
export interface Roster {
  accounts: Account[];
  /** Earning events per working day, before the day factor and --density. 0 for the roster's never-earners. */
  earn: Float64Array;
  deduct: Float64Array;
  transfer: Float64Array;
  /** Redemptions per day once the balance reaches the account's savings target; 0 for savers who never redeem. */
  redeem: Float64Array;
  /** First day index on which the account may act, and the exclusive last one. */
  joinDay: Int32Array;
  leaveDay: Int32Array;
  /** Who approves this account's earnings and deductions: team manager, director, or the CEO. */
  approver: Int32Array;
  /** Members by department, and the managers among them. */
  members: number[][];
  managers: number[][];
  /** Who keys in manual adjustments (the HR points administrators). */
  adjusters: number[];
}

const NEVER_EARN_SHARE = 0.06;
const LEAVER_SHARE = 0.07;
const NEW_HIRE_SHARE = 0.1;

/** Headcount per department by largest remainder, with room for a director, a manager and staff everywhere. */
function departmentSizes(n: number): number[] {
  const raw = DEPARTMENTS.map((d) => d.share * n);
  const sizes = raw.map((x) => Math.max(4, Math.floor(x)));
  let rest = n - sizes.reduce((a, b) => a + b, 0);
  const order = raw.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) sizes[order[k][1]]++;
  for (let i = 0; rest < 0; i = (i + 1) % sizes.length) {
    if (sizes[i] > 4) {
      sizes[i]--;
      rest++;
    }
  }
  return sizes;
}

function roleFor(posInDept: number, size: number, deptName: string): JobRole {
  if (deptName === '行政部' && posInDept === 0) return JOB_ROLES.ceo;
  const offset = deptName === '行政部' ? 1 : 0;
  if (posInDept === offset) return JOB_ROLES.director;
  const managers = Math.max(1, Math.ceil(size / 15));
  if (posInDept <= offset + managers) return JOB_ROLES.manager;
  if (posInDept <= offset + managers + Math.ceil(size * 0.08)) return JOB_ROLES.lead;
  return JOB_ROLES.staff;
}

function joinedDate(rng: Rng, cal: Calendar, role: JobRole): string {
  const start = parseDate(cal.from);
  if (role === JOB_ROLES.staff && rng.chance(NEW_HIRE_SHARE)) {
    const span = parseDate(addMonths(cal.to, -1)) - start;
    return isoDate(start + Math.floor(rng.next() * (span / 86_400_000)) * 86_400_000);
  }
  // Tenure before the program started: exponential, longer for managers; the rare draw past 18 years is redrawn
  // uniformly over 10–18 so the roster has no pile of identical hire dates.
  const meanYears = role === JOB_ROLES.staff || role === JOB_ROLES.lead ? 3.5 : 8;
  let years = -Math.log(1 - rng.next()) * meanYears;
  if (years > 18) years = 10 + 8 * rng.next();
  return isoDate(start - Math.max(1, Math.round(years * 365.25)) * 86_400_000);
}

export function makeRoster(n: number, cal: Calendar, rng: Rng): Roster {
  const sizes = departmentSizes(n);
  const regionCum = cumulative(REGIONS.map((r) => r[1]));
  const drafts: Omit<Account, 'idx' | 'id'>[] = [];
  sizes.forEach((size, dept) => {
    const d = DEPARTMENTS[dept];
    for (let p = 0; p < size; p++) {
      const role = roleFor(p, size, d.name);
      const gender = rng.chance(d.femaleShare) ? '女' : '男';
      const given = gender === '女' ? GIVEN_FEMALE : GIVEN_MALE;
      const name = rng.pick(SURNAMES) + rng.pick(given) + (rng.chance(0.6) ? rng.pick(given) : '');
      const joined = joinedDate(rng, cal, role);
      let left: string | null = null;
      if ((role === JOB_ROLES.staff || role === JOB_ROLES.lead) && rng.chance(LEAVER_SHARE)) {
        const lo = Math.max(parseDate(joined), parseDate(cal.from)) + 30 * 86_400_000;
        const hi = parseDate(cal.to) - 86_400_000;
        if (lo < hi) left = isoDate(lo + Math.floor(rng.next() * ((hi - lo) / 86_400_000)) * 86_400_000);
      }
      drafts.push({
        name,
        joined,
        left,
        dept,
        region: REGIONS[rng.weighted(regionCum)][0],
        role,
        gender,
        level: rng.pick(LEVELS[role]),
      });
    }
  });
  // Employee numbers follow hire dates, as HR systems hand them out; the CEO is not special-cased.
  const order = drafts.map((_, i) => i).sort((a, b) => drafts[a].joined.localeCompare(drafts[b].joined) || a - b);
  const width = Math.max(4, String(n).length);
  const accounts: Account[] = order.map((src, idx) => ({
    idx,
    id: `U${String(idx + 1).padStart(width, '0')}`,
    ...drafts[src],
  }));
  return withRates(accounts, cal, rng);
}

function withRates(accounts: Account[], cal: Calendar, rng: Rng): Roster {
  const n = accounts.length;
  const r: Roster = {
    accounts,
    earn: new Float64Array(n),
    deduct: new Float64Array(n),
    transfer: new Float64Array(n),
    redeem: new Float64Array(n),
    joinDay: new Int32Array(n),
    leaveDay: new Int32Array(n),
    approver: new Int32Array(n),
    members: DEPARTMENTS.map(() => []),
    managers: DEPARTMENTS.map(() => []),
    adjusters: [],
  };
  const directors: number[] = [];
  let ceo = 0;
  for (const a of accounts) {
    r.members[a.dept].push(a.idx);
    if (a.role === JOB_ROLES.manager) r.managers[a.dept].push(a.idx);
    if (a.role === JOB_ROLES.director) directors[a.dept] = a.idx;
    if (a.role === JOB_ROLES.ceo) ceo = a.idx;
    const d = DEPARTMENTS[a.dept];
    const active = a.role !== JOB_ROLES.staff || !rng.chance(NEVER_EARN_SHARE);
    r.earn[a.idx] = active ? 0.037 * d.earn * ROLE_EARN[a.role] * rng.lognormal(0.7) : 0;
    r.deduct[a.idx] = active ? 0.0016 * d.deduct * rng.lognormal(0.8) : 0;
    r.transfer[a.idx] = active && rng.chance(0.6) ? 0.0008 * rng.lognormal(1) : 0;
    r.redeem[a.idx] = active && rng.chance(0.85) ? 0.06 * rng.lognormal(0.6) : 0;
    r.joinDay[a.idx] = Math.max(0, dayIndexOf(cal, a.joined));
    r.leaveDay[a.idx] = a.left ? dayIndexOf(cal, a.left) : cal.days.length;
  }
  const hrDept = DEPARTMENTS.findIndex((d) => d.name === '人力资源部');
  for (const a of accounts) {
    const team = r.managers[a.dept];
    if (a.role === JOB_ROLES.ceo) r.approver[a.idx] = directors[hrDept];
    else if (a.role === JOB_ROLES.director) r.approver[a.idx] = ceo;
    else if (a.role === JOB_ROLES.manager) r.approver[a.idx] = directors[a.dept];
    else r.approver[a.idx] = team[a.idx % team.length];
  }
  r.adjusters = [...r.managers[hrDept], directors[hrDept]];
  return r;
}
