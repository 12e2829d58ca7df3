// The account-spike demand's literals (demand.ts): the small per-rule results the cluster computed first (the CTEs
// rules and levels of queries/audit_account_spike.sql) sent back as constants, so the candidate query reads the
// window's earn cells once instead of recomputing them in every subquery that needs them (18.16 has no WITH for
// subqueries). Every test here is the one the SQL ran, on the same doubles, in the same order of operations.
import type { DuckDBValue } from '@duckdb/node-api';
import { chNumber, chString } from './literal.ts';
import { isoDay } from './demand-literals.ts';

/** A row of the CTE rules: rule_id, usual_n, rate, award, days, tests (text cells, as DemandContext.local gives). */
export type RuleRow = string[];
/** A row of the CTE levels: rule_id, n, c. */
export type LevelRow = string[];

/**
 * {rule_keys}, {rule_index}, {rule_max}, {hits_kept}, {hits_skipped}, {has_award}, {award}, {tests} and {rules} of
 * audit_account_spike_cand.sql. A count n ≥ 2 of rule r on a day is counted (the CTE counted) when n > usual_n, or
 * when some account-day of the span reached n and the others reached n less often than a Poisson count at the
 * rule's rate: (at_least(n) − self) < (at_least(n − 1) − self) · rate / n, self = 1 on a kept day (its own count is
 * among the levels) and 0 on a program-spike day. Counts above the span's largest are always above usual_n.
 * {rule_alone}: per rule the least count n > usual_n whose Poisson point probability at usual_n is below
 * burstAlpha / (2 tests), the SQL's alone (a burst kept whatever the day's points); counts only grow rarer above it.
 */
export function spikeRuleLiterals(
  rules: RuleRow[],
  levels: LevelRow[],
  awardMinDays: number,
  burstAlpha: number,
): Record<string, string> {
  const byRule = new Map<string, { n: number; c: number }[]>();
  for (const [r, n, c] of levels) byRule.set(r, [...(byRule.get(r) ?? []), { n: Number(n), c: Number(c) }]);
  const keys: string[] = [];
  const max: number[] = [];
  const kept: number[][] = [];
  const skipped: number[][] = [];
  let tests = 0;
  let award = Number.NEGATIVE_INFINITY;
  for (const [r, usualText, rateText, awardText, daysText, testsText] of rules) {
    const usual = Number(usualText);
    const rate = Number(rateText);
    const lv = byRule.get(r) ?? [];
    const atLeast = (k: number) => lv.reduce((s, l) => s + (l.n >= k ? l.c : 0), 0);
    const most = lv.reduce((m, l) => Math.max(m, l.n), 0);
    // A leading 0 (never a count ≥ 2) keeps every list a typed, non-empty array.
    const hits: number[][] = [[0], [0]];
    for (let n = 2; n <= most; n++)
      for (const self of [0, 1]) {
        const ge = atLeast(n);
        if (n > usual || (ge > 0 && ge - self < ((atLeast(n - 1) - self) * rate) / n)) hits[self].push(n);
      }
    keys.push(r);
    max.push(most);
    skipped.push(hits[0]);
    kept.push(hits[1]);
    tests += Number(testsText);
    if (Number(daysText) >= awardMinDays) award = Math.max(award, Number(awardText));
  }
  const bar = Math.log(burstAlpha / (2 * Math.max(1, tests)));
  const alone = rules.map(([, usualText]) => {
    const usual = Number(usualText);
    // ln n! summed up from 1: the counts are small, and the SQL's lgamma agrees with it but in the last bits.
    let n = 1;
    let lnFactorial = 0;
    for (;;) {
      n++;
      lnFactorial += Math.log(n);
      if (n > usual && n * Math.log(usual) - usual - lnFactorial < bar) return n;
    }
  });
  const list = (xs: number[]) => `[${xs.map(chNumber).join(', ')}]`;
  const has = Number.isFinite(award);
  return {
    rule_keys: `[${keys.map(chString).join(', ')}]`,
    rule_index: list(keys.map((_, i) => i + 1)),
    rule_max: list(max),
    rule_alone: list(alone),
    hits_kept: `[${kept.map(list).join(', ')}]`,
    hits_skipped: `[${skipped.map(list).join(', ')}]`,
    has_award: has ? '1' : '0',
    award: has ? chNumber(award) : '0',
    tests: chNumber(tests),
    rules: chNumber(rules.length),
  };
}

/**
 * $campaigns of audit_account_spike.sql ('YYYY-MM-DD|rule|multiplier,…', rule '' = every rule) as the lookup lists of
 * audit_account_spike_rules.sql: the largest multiplier per day (camp_all) and per day and rule (camp_rule).
 */
export function campaignLists(value: DuckDBValue): Record<string, string> {
  const all = new Map<string, number>();
  const rule = new Map<string, number>();
  for (const c of String(value ?? '')
    .split(',')
    .filter(Boolean)) {
    const [day, r = '', m = ''] = c.split('|');
    const mult = Number(m);
    if (m === '' || !Number.isFinite(mult)) throw new Error(`not a campaign day: ${c}`);
    const [map, key] = r === '' ? [all, isoDay(day)] : [rule, `${isoDay(day)}|${r}`];
    map.set(key, Math.max(map.get(key) ?? mult, mult));
  }
  // Each list starts with a key no day has, so none is an empty array of no type.
  const lists = (m: Map<string, number>) => [
    `[${['', ...m.keys()].map(chString).join(', ')}]`,
    `[${['1.', ...[...m.values()].map(chNumber)].join(', ')}]`,
  ];
  const [allKeys, allMults] = lists(all);
  const [ruleKeys, ruleMults] = lists(rule);
  return { camp_all_keys: allKeys, camp_all_mults: allMults, camp_rule_keys: ruleKeys, camp_rule_mults: ruleMults };
}

/**
 * The candidates' accounts and their windows, the parameters of audit_account_spike_cells.sql and the files that
 * read it: {account_set}, {account_keys}, per account the span [lo, hi] of day numbers since 1970-01-01 from
 * window_days before its first candidate day to its last ({account_lo}, {account_hi}), and its candidate days
 * ({account_days}: comma-separated YYYY-MM-DD, in the order of account_keys).
 */
export function candidateSpans(days: string[][], windowDays: number): Record<string, string> {
  const spans = new Map<string, { lo: number; hi: number; days: string[] }>();
  for (const [a, day] of days) {
    const iso = isoDay(day);
    const n = Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    const span = spans.get(a) ?? { lo: n, hi: n, days: [] };
    span.lo = Math.min(span.lo, n);
    span.hi = Math.max(span.hi, n);
    span.days.push(iso);
    spans.set(a, span);
  }
  const accounts = [...spans.keys()].map(chString);
  const each = (f: (s: { lo: number; hi: number; days: string[] }) => string) =>
    `[${[...spans.values()].map(f).join(', ')}]`;
  return {
    account_set: `(${accounts.join(', ')})`,
    account_keys: `[${accounts.join(', ')}]`,
    account_lo: each((s) => chNumber(s.lo - windowDays)),
    account_hi: each((s) => chNumber(s.hi)),
    account_days: each((s) => chString(s.days.join(','))),
  };
}
