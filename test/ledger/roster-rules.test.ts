import { describe, expect, it } from 'vitest';
import { importAccounts, importRules } from '../../src/ledger/import.ts';
import { expectReconciled, memoryDb, writeTemp } from './helpers.ts';
import { sqlRows } from '../../src/db/sql.ts';

describe('accounts roster', () => {
  it('imports a Chinese-header roster with attributes, quarantines bad rows, and replaces changed accounts on re-import', async () => {
    const db = await memoryDb();
    const v1 = writeTemp(
      'roster.csv',
      '工号,入职日期,离职日期,部门,岗位,性别,职级\nE1,2024-03-01,,研发部,工程师,女,P5\nE2,2023/07/15,2026-01-31,销售部,销售,男,P4\n,2024-01-01,,财务部,会计,女,P3\nE3,someday,,行政部,助理,男,P2\n',
    );
    const s = await importAccounts(db, { file: v1 });
    expectReconciled(s);
    expect(s).toMatchObject({ kind: 'accounts', rows_read: 4, accepted: 2, quarantined: 2 });
    expect(s.quarantine.map((q) => [q.line, q.reasons[0]])).toEqual([
      [4, 'account_id (column "工号"): missing'],
      [5, 'joined_at (column "入职日期"): "someday" is not a date (use YYYY-MM-DD)'],
    ]);
    const rows = await sqlRows<{
      account_id: string;
      joined: string;
      left_at: string | null;
      dept: string;
      level: string;
    }>(
      db,
      `SELECT account_id, joined_at::VARCHAR AS joined, left_at::VARCHAR AS left_at, attrs['department'] AS dept, attrs['职级'] AS level FROM accounts ORDER BY account_id`,
    );
    expect(rows).toEqual([
      { account_id: 'E1', joined: '2024-03-01', left_at: null, dept: '研发部', level: 'P5' },
      { account_id: 'E2', joined: '2023-07-15', left_at: '2026-01-31', dept: '销售部', level: 'P4' },
    ]);
    // E1 moved department: the newer row replaces the older one; E2 is unchanged: a duplicate.
    const v2 = writeTemp(
      'roster2.csv',
      '工号,入职日期,离职日期,部门,岗位,性别,职级\nE1,2024-03-01,,市场部,工程师,女,P5\nE2,2023/07/15,2026-01-31,销售部,销售,男,P4\n',
    );
    const s2 = await importAccounts(db, { file: v2 });
    expectReconciled(s2);
    expect(s2).toMatchObject({ accepted: 1, duplicates: 1, quarantined: 0 });
    expect(await sqlRows(db, `SELECT account_id, attrs['department'] AS d FROM accounts ORDER BY account_id`)).toEqual([
      { account_id: 'E1', d: '市场部' },
      { account_id: 'E2', d: '销售部' },
    ]);
  });
});

describe('rules table', () => {
  it('imports tiers (English or Chinese), nominal points and daily caps', async () => {
    const db = await memoryDb();
    const s = await importRules(db, {
      file: writeTemp(
        'rules.csv',
        'rule_id,name,tier,points,daily_cap\nR1,按时打卡,base,5,5\nR2,技术创新,挑战,50,100\nR3,年度之星,reward,"1,000",\nR4,神秘,legendary,1,1\n',
      ),
    });
    expectReconciled(s);
    expect(s).toMatchObject({ kind: 'rules', accepted: 3, quarantined: 1 });
    expect(s.quarantine[0]).toMatchObject({
      line: 5,
      reasons: ['tier (column "tier"): "legendary" is not a tier (base, challenge, reward)'],
    });
    expect(
      await sqlRows(
        db,
        `SELECT rule_id, tier, points::DOUBLE AS points, daily_cap::DOUBLE AS cap FROM rules ORDER BY rule_id`,
      ),
    ).toEqual([
      { rule_id: 'R1', tier: 'base', points: 5, cap: 5 },
      { rule_id: 'R2', tier: 'challenge', points: 50, cap: 100 },
      { rule_id: 'R3', tier: 'reward', points: 1000, cap: null },
    ]);
  });
});
