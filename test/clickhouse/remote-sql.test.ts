// Every ClickHouse query file becomes one statement: its parts ({@name}) written in, each {param} of its header
// given, nothing left over; the parts a file names exist, and a missing value is an error, not a silent gap.
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/db/database.ts';
import { loadQuery } from '../../src/db/run.ts';
import { remoteSql } from '../../src/db/clickhouse/remote-sql.ts';

const DIR = join(PROJECT_ROOT, 'queries', 'clickhouse');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.sql'))
  .map((f) => `clickhouse/${f.slice(0, -4)}`);
/** The {param} names a file's header declares ({ledger} is the table). */
const declared = (file: string) =>
  [...(/^-- params: (.*)$/m.exec(loadQuery(file).sql)?.[1] ?? '').matchAll(/\{([a-z_]+)\}/g)]
    .map((m) => m[1])
    .filter((p) => p !== 'ledger');

describe('ClickHouse query files', () => {
  it('each expands to one statement with its parts written in and every declared value given', () => {
    const all = new Set(['rule_id', 'approver_id', 'counterparty_id', 'cash_value', 'experiment_id', 'reason']);
    for (const file of files) {
      const values = Object.fromEntries(declared(file).map((p) => [p, '1']));
      const sql = remoteSql(file, 'db.t', all, values);
      expect(sql, file).not.toMatch(/\{@?[a-z_]+\}/);
      expect(sql, file).toContain('FROM db.t');
      // A part's own comments are left out, as the file's are.
      expect(sql, file).not.toMatch(/^\s*--/m);
    }
  });

  it('a part is written in where it is named, and a value the header declares must be given', () => {
    const values = { from: "'a'", to: "'b'", share: '0.5', min_count: '10', min_receivers: '3' };
    const sql = remoteSql('clickhouse/audit_concentration_share', 'db.t', new Set(), values);
    // The pairs' two halves, the first of them itself a part: approvals and transfers, both reading the table.
    expect(sql.match(/FROM db\.t/g)?.length).toBe(2);
    expect(sql).toContain("'approver' AS ro");
    // A value is written in as it is: `$'`, `$&` or `$1` in a literal are text, not replacement patterns.
    for (const text of ["'$'x'", "'$&'", "'$1$$'"])
      expect(remoteSql('clickhouse/audit_concentration_share', 'db.t', new Set(), { ...values, from: text })).toContain(
        `>= ${text}`,
      );
    const { min_count: _, ...short } = values;
    expect(() => remoteSql('clickhouse/audit_concentration_share', 'db.t', new Set(), short)).toThrow(/min_count/);
  });
});
