import type { Rng } from '../rng.ts';
import type { Shape } from './shape.ts';

export interface ScenarioAccount {
  id: string;
  dept: string;
  team: number;
  role: '员工' | '经理' | '总监' | '积分管理员';
  /** Awards per working day on average. */
  rate: number;
}

export interface ScenarioRoster {
  accounts: ScenarioAccount[];
  /** Per team, its approvers (account indexes). */
  approvers: number[][];
  /** Per department, the director who approves the managers' awards and runs batch awards. */
  directors: Map<string, number>;
  /** Points administrators who key manual adjustments. */
  adjusters: number[];
}

const DEPTS = ['研发部', '生产部', '销售部', '客服部', '市场部', '财务部', '人力资源部', '行政部'];

/** Teams of `teamSize` staff with `approversPerTeam` managers each, grouped into departments under a director. */
export function makeScenarioRoster(shape: Shape, rng: Rng): ScenarioRoster {
  const accounts: ScenarioAccount[] = [];
  const approvers: number[][] = [];
  const directors = new Map<string, number>();
  const adjusters: number[] = [];
  const add = (dept: string, team: number, role: ScenarioAccount['role']) => {
    const rate = role === '员工' ? shape.activity * rng.lognormal(0.6) : 0.5 * rng.lognormal(0.4);
    accounts.push({ id: `A${String(accounts.length + 1).padStart(6, '0')}`, dept, team, role, rate });
    return accounts.length - 1;
  };
  const nAdjusters = 6 + Math.floor(shape.accounts / 500);
  for (let k = 0; k < nAdjusters; k++) adjusters.push(add('人力资源部', -1, '积分管理员'));
  for (const d of DEPTS) directors.set(d, add(d, -1, '总监'));
  while (accounts.length < shape.accounts) {
    // The last few accounts join the last team rather than make a team of managers without staff.
    if (approvers.length > 0 && shape.accounts - accounts.length < shape.approversPerTeam + 2) {
      const team = approvers.length - 1;
      add(accounts[approvers[team][0]].dept, team, '员工');
      continue;
    }
    const team = approvers.length;
    const dept = DEPTS[team % DEPTS.length];
    const managers: number[] = [];
    for (let k = 0; k < shape.approversPerTeam; k++) managers.push(add(dept, team, '经理'));
    approvers.push(managers);
    for (let k = 0; k < shape.teamSize && accounts.length < shape.accounts; k++) add(dept, team, '员工');
  }
  return { accounts, approvers, directors, adjusters };
}

/** Who signs an account's awards: one of its team's managers, or its director for managers and staff functions. */
export function approverOf(roster: ScenarioRoster, a: number, rng: Rng): number {
  const acc = roster.accounts[a];
  if (acc.role === '员工') return rng.pick(roster.approvers[acc.team]);
  // A director is signed off by the next department's director, never by themselves.
  const dept = acc.role === '总监' ? DEPTS[(DEPTS.indexOf(acc.dept) + 1) % DEPTS.length] : acc.dept;
  return roster.directors.get(dept) as number;
}
