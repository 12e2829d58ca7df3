// Whether a query reads the large rollups, from its text and params: an on-demand ClickHouse source fetches account ×
// day cells only for the queries that read them, so a wrong "no" would give a wrong number. Checked here on the
// query files themselves; the equality tests check the numbers.
import { describe, expect, it } from 'vitest';
import { lazyRollupsRead } from '../../src/db/clickhouse/needs.ts';
import { loadQuery } from '../../src/db/run.ts';

const unfiltered = { scope_attribute: null, scope_value: null };
const quarter = { from: '2026-01-01', to: '2026-04-01', ...unfiltered };
const reads = (file: string, params: Record<string, string | number | null>) =>
  [...lazyRollupsRead(loadQuery(file).sql, params)].sort();

describe('which large rollups a query reads', () => {
  it('a month-aligned, unfiltered period reads none (account × month and day × rule serve it)', () => {
    for (const file of ['flows', 'distribution', 'group_fairness', 'stocks', 'roi', 'tier_mix', 'monthly_series'])
      expect(reads(file, quarter), file).toEqual([]);
    expect(reads('participant_retention', { ...quarter, prev_from: '2025-10-01' })).toEqual([]);
    expect(reads('rank_period', { ...quarter, prev_from: '2025-10-01', prev_to: '2026-01-01' })).toEqual([]);
    // A macro's NULL start (since the first row) is known, not unknown: a year's cohorts read no account × day cell,
    // filtered or not.
    const year = { ...quarter, from: '2025-04-01' };
    expect(reads('cohort_retention', year)).toEqual([]);
    expect(reads('cohort_retention', { ...year, scope_attribute: 'department', scope_value: 'x' })).toEqual([]);
  });

  it('a period not on 1sts, or a filter where the macro then reads account × day, reads it', () => {
    expect(reads('flows', { ...quarter, from: '2026-01-05' })).toEqual(['rollup_account_day']);
    expect(reads('rank_period', { ...quarter, prev_from: '2025-12-29', prev_to: '2026-01-05' })).toEqual([
      'rollup_account_day',
    ]);
    expect(reads('roi', { ...quarter, scope_attribute: 'department', scope_value: 'x' })).toEqual([
      'rollup_account_day',
    ]);
    expect(reads('stocks', { ...quarter, to: '2026-03-15', scope_attribute: 'department', scope_value: 'x' })).toEqual([
      'rollup_account_day',
    ]);
    expect(reads('cohort_retention', { ...quarter, from: '2025-04-01', to: '2026-03-15' })).toEqual([
      'rollup_account_day',
    ]);
    // Filtered but month-aligned, stocks read account × month.
    expect(reads('stocks', { ...quarter, scope_attribute: 'department', scope_value: 'x' })).toEqual([]);
    // The passes a report request keeps once (src/db/shared-passes.ts) call the macros' direct forms.
    const pass = (call: string, p: Record<string, string | null>) => [...lazyRollupsRead(`SELECT * FROM ${call}`, p)];
    const args = '($from::DATE, $to::DATE, $scope_attribute, $scope_value)';
    expect(pass(`ll_period_days_direct${args}`, quarter)).toEqual([]);
    expect(pass(`ll_period_days_direct${args}`, { ...quarter, scope_attribute: 'region', scope_value: 'x' })).toEqual([
      'rollup_account_day',
    ]);
    expect(pass(`ll_period_accounts_direct${args}`, quarter)).toEqual([]);
    expect(pass(`ll_period_accounts_direct${args}`, { ...quarter, to: '2026-03-31' })).toEqual(['rollup_account_day']);
  });

  it('a query naming the table reads it; a comment naming it does not; an argument it cannot read counts as read', () => {
    expect(reads('rule_usage', quarter)).toEqual(['rollup_account_day']);
    expect(reads('audit_night_hours', { ...quarter, start: '08:00', end: '20:00', kept: 1 })).toEqual([
      'rollup_approver_hour',
    ]);
    expect([...lazyRollupsRead('-- rollup_account_day\nSELECT 1', {})]).toEqual([]);
    expect([...lazyRollupsRead('SELECT * FROM ll_account_months(now(), $to::DATE, NULL, NULL)', quarter)]).toEqual([
      'rollup_account_day',
    ]);
    expect([...lazyRollupsRead('SELECT * FROM ll_scoped_days($missing, NULL)', quarter)]).toEqual([
      'rollup_account_day',
    ]);
  });
});
