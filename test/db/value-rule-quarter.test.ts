import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import { scopeParams } from '../../src/db/query-types.ts';
import { loadQuery } from '../../src/db/run.ts';
import { sqlRows } from '../../src/db/sql.ts';
import { importAccounts, importLedger } from '../../src/ledger/import.ts';
import { importSampleDir } from '../audit/helpers.ts';
import { writeTemp } from '../ledger/helpers.ts';
import { orderedRowsJson } from './rows-text.ts';

const SAMPLE = join(import.meta.dirname, '..', '..', 'sample-data');
const HEADER =
  'event_id,occurred_at,account_id,points,event_type,rule_id,experiment_id,variant,counterparty_id,approver_id,category,cash_value,reason,department,region';

/** Each rule's distinct accounts per attribute value, quarter and month of it, straight from the ledger's rows. */
const RAW = `SELECT a.attribute, a.value, l.rule_id, date_trunc('quarter', l.occurred_at)::DATE AS quarter,
    count(DISTINCT l.account_id)::INTEGER,
    count(DISTINCT l.account_id) FILTER (WHERE (month(l.occurred_at) - 1) % 3 = 0)::INTEGER,
    count(DISTINCT l.account_id) FILTER (WHERE (month(l.occurred_at) - 1) % 3 = 1)::INTEGER,
    count(DISTINCT l.account_id) FILTER (WHERE (month(l.occurred_at) - 1) % 3 = 2)::INTEGER
  FROM ledger l JOIN account_attributes a ON a.account_id = l.account_id
  WHERE coalesce(l.rule_id, '') <> '' GROUP BY ALL`;

const text = orderedRowsJson;

/**
 * rollup_value_rule_quarter is recomputed with the attributes: after a roster import that moves an account to
 * another department, and after a second ledger import into a quarter already held, it must equal the distinct
 * counts read from the raw rows, and a filtered rule usage read from it must equal the one counted from the scope's
 * account × day cells (the branch a source without the value tables takes).
 */
describe('rollup_value_rule_quarter against the raw rows', () => {
  let sample: Awaited<ReturnType<typeof importSampleDir>>;
  let db: Database;
  let direct: Database;
  beforeAll(async () => {
    sample = await importSampleDir(SAMPLE);
    db = sample.db;
    direct = await db.fork();
    await direct.keepsLess('ll_value_days_kept');
  });
  afterAll(() => {
    direct.close();
    sample.cleanup();
  });

  const usage = (conn: Database, from: string, to: string, value: string | string[]) =>
    sqlRows(conn, loadQuery('rule_usage').sql, {
      from,
      to,
      ...scopeParams({ attribute: 'department', value }),
    }).then((rows) => JSON.stringify(rows));

  const sameAsRaw = async () => {
    const kept = await text(db, 'SELECT * FROM rollup_value_rule_quarter');
    expect(kept.length).toBeGreaterThan(10);
    expect(kept).toBe(await text(db, RAW));
    for (const [from, to] of [
      ['2024-10-01', '2025-01-01'],
      ['2024-10-01', '2024-11-01'],
      ['2024-11-01', '2024-12-01'],
      ['2024-12-01', '2025-01-01'],
    ])
      for (const value of ['生产部', '财务部', ['生产部', '市场部']]) {
        const fromValues = await usage(db, from, to, value);
        expect(fromValues).toContain('"accounts":');
        expect(fromValues, `${from} ${value}`).toBe(await usage(direct, from, to, value));
      }
  };

  it('after the sample ledger and roster', sameAsRaw);

  it('after a roster import that moves an account to another department', async () => {
    const before = await sqlRows<{ value: string }>(
      db,
      `SELECT value FROM rollup_account_attributes WHERE account_id = 'U1591' AND attribute = 'department'`,
    );
    expect(before).toEqual([{ value: '生产部' }]);
    await importAccounts(db, { file: writeTemp('roster-move.csv', 'account_id,department\nU1591,财务部\n') });
    await sameAsRaw();
  });

  it('after a second ledger import into a quarter already held', async () => {
    const rows = [
      'X000000001,2024-11-20 10:00:00,U1591,50,earn,R07,,,,U0106,任务,,,财务部,西南',
      'X000000002,2024-12-03 10:00:00,U0002,50,earn,R01,,,,U0106,任务,,,财务部,华东',
    ];
    const file = writeTemp('second.csv', `${[HEADER, ...rows].join('\n')}\n`);
    await importLedger(db, { file, config: loadConfig(join(SAMPLE, 'program.json')) });
    const [{ n }] = await sqlRows<{ n: number }>(
      db,
      `SELECT count(*)::INTEGER AS n FROM ledger WHERE event_id LIKE 'X%'`,
    );
    expect(n).toBe(2);
    await sameAsRaw();
  });
});
