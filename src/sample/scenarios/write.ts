import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ProgramConfig } from '../../config.ts';
import { csvLine } from '../csv-writer.ts';
import { LEDGER_HEADER } from '../ledger-writer.ts';
import type { ScenarioCampaign } from './calendar.ts';
import type { ScenarioRow } from './row.ts';
import type { ScenarioRoster } from './roster.ts';
import type { RuleSet } from './rules.ts';
import type { Shape } from './shape.ts';

const TIERS = { base: '基础', challenge: '挑战', reward: '奖励' } as const;

/**
 * Streams ledger.csv day by day: rows sorted by time, numbered in file order, balances kept so that a normal
 * redemption or gift never overdraws (injected rows are written as planned), and each labelled row's id filed
 * under its case.
 */
export class ScenarioLedger {
  rows = 0;
  private readonly fd: number;
  private readonly balance: Float64Array;

  constructor(
    dir: string,
    private readonly roster: ScenarioRoster,
  ) {
    this.fd = openSync(join(dir, 'ledger.csv'), 'w');
    this.balance = new Float64Array(roster.accounts.length);
    writeSync(this.fd, `${LEDGER_HEADER.join(',')}\n`);
  }

  writeDay(date: string, rows: ScenarioRow[]) {
    rows.sort((x, y) => x.t - y.t);
    const lines: string[] = [];
    for (const r of rows) {
      const out = r.type === 'redeem' || r.type === 'transfer' ? -r.points : 0;
      if (out > 0 && !r.label && this.balance[r.a] < out) continue;
      this.balance[r.a] += r.points;
      lines.push(this.line(date, r, r.a, r.points, r.cp));
      if (r.type === 'transfer') {
        this.balance[r.cp] -= r.points;
        lines.push(this.line(date, r, r.cp, -r.points, r.a));
      }
    }
    if (lines.length) writeSync(this.fd, lines.join(''));
  }

  close() {
    closeSync(this.fd);
  }

  private line(date: string, r: ScenarioRow, a: number, points: number, cp: number): string {
    this.rows++;
    const id = `E${String(this.rows).padStart(9, '0')}`;
    r.label?.event_ids.push(id);
    const acc = this.roster.accounts[a];
    const ids = this.roster.accounts;
    const time = `${String(Math.floor(r.t / 3600)).padStart(2, '0')}:${String(Math.floor((r.t % 3600) / 60)).padStart(2, '0')}:${String(r.t % 60).padStart(2, '0')}`;
    // No generated field holds a comma, quote or newline, so the line is joined without quoting (ten times faster).
    const cpId = cp >= 0 ? ids[cp].id : '';
    const approver = r.approver >= 0 ? ids[r.approver].id : '';
    return `${id},${date} ${time},${acc.id},${points},${r.type},${r.rule},,,${cpId},${approver},${r.type === 'earn' ? '任务' : ''},,${r.reason},${acc.dept},华东\n`;
  }
}

/** accounts.csv, rules.csv, program.json and campaigns.csv beside the ledger. */
export function writeSideFiles(
  dir: string,
  shape: Shape,
  roster: ScenarioRoster,
  rules: RuleSet,
  campaigns: ScenarioCampaign[],
) {
  const accounts = [
    csvLine(['account_id', 'name', 'joined_at', 'left_at', 'department', 'region', 'role', 'gender', 'level']),
  ];
  for (const a of roster.accounts)
    accounts.push(csvLine([a.id, `员工${a.id.slice(1)}`, '2020-01-01', '', a.dept, '华东', a.role, '', 'L2']));
  writeFileSync(join(dir, 'accounts.csv'), accounts.join(''));
  const lines = [csvLine(['rule_id', 'name', 'tier', 'points', 'daily_cap'])];
  for (const r of rules.rules)
    lines.push(csvLine([r.id, `${TIERS[r.tier]}规则${r.id.slice(1)}`, r.tier, r.points, r.cap]));
  writeFileSync(join(dir, 'rules.csv'), lines.join(''));
  const config = ProgramConfig.parse({
    timezone: 'Asia/Shanghai',
    point_value: 0.01 / shape.scale,
    currency: 'CNY',
    work_hours:
      shape.week === 'office'
        ? { start: '08:00', end: '20:00', days: [1, 2, 3, 4, 5] }
        : { start: '08:00', end: '22:30', days: [1, 2, 3, 4, 5, 6, 7] },
  });
  writeFileSync(join(dir, 'program.json'), `${JSON.stringify(config, null, 2)}\n`);
  // `to` is the campaign's last day (inclusive), as a planner writes it.
  const cal = [csvLine(['from', 'to', 'rule', 'label', 'multiplier'])];
  for (const c of campaigns) cal.push(csvLine([c.from, c.to, c.rule, c.label, c.multiplier]));
  writeFileSync(join(dir, 'campaigns.csv'), cal.join(''));
}
