import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProgramConfig } from '../config.ts';
import { csvLine } from './csv-writer.ts';
import type { Experiment } from './experiment.ts';
import { ITEMS } from './mall.ts';
import { DEPARTMENTS } from './org.ts';
import type { Roster } from './roster.ts';
import { RULES } from './rules.ts';

/** The small side files of a sample: roster, rules, mall items, experiment assignments, program config. */

export function writeAccounts(dir: string, roster: Roster): string {
  const lines = [
    csvLine(['account_id', 'name', 'joined_at', 'left_at', 'department', 'region', 'role', 'gender', 'level']),
  ];
  for (const a of roster.accounts)
    lines.push(
      csvLine([a.id, a.name, a.joined, a.left, DEPARTMENTS[a.dept].name, a.region, a.role, a.gender, a.level]),
    );
  return write(dir, 'accounts.csv', lines.join(''));
}

export function writeRules(dir: string): string {
  const lines = [csvLine(['rule_id', 'name', 'tier', 'points', 'daily_cap'])];
  for (const r of RULES) lines.push(csvLine([r.id, r.name, r.tier, r.points, r.cap]));
  return write(dir, 'rules.csv', lines.join(''));
}

export function writeItems(dir: string): string {
  const lines = [csvLine(['item_id', 'name', 'category', 'points', 'cash_value'])];
  for (const it of ITEMS) lines.push(csvLine([it.id, it.name, it.category, it.points, it.cash.toFixed(2)]));
  return write(dir, 'items.csv', lines.join(''));
}

export function writeAssignments(dir: string, roster: Roster, experiment: Experiment): string {
  const lines = [csvLine(['account_id', 'experiment_id', 'variant'])];
  for (const a of roster.accounts) {
    const v = experiment.variant(a.idx);
    if (v) lines.push(csvLine([a.id, experiment.id, v]));
  }
  return write(dir, 'assignments.csv', lines.join(''));
}

/** The program settings, validated by the same schema `--config` is read with. */
export function programConfig(): ProgramConfig {
  return ProgramConfig.parse({
    timezone: 'Asia/Shanghai',
    point_value: 0.01,
    currency: 'CNY',
    expiry_months: 12,
    work_hours: { start: '08:00', end: '20:00', days: [1, 2, 3, 4, 5] },
    tier_target: { base: 0.7, challenge: 0.2, reward: 0.1 },
  });
}

export function writeProgram(dir: string): string {
  return write(dir, 'program.json', `${JSON.stringify(programConfig(), null, 2)}\n`);
}

export function writeJson(dir: string, name: string, value: unknown): string {
  return write(dir, name, `${JSON.stringify(value, null, 2)}\n`);
}

function write(dir: string, name: string, text: string): string {
  writeFileSync(join(dir, name), text, 'utf8');
  return name;
}
