// The per-value sums of an import (src/db/rollup-attributes.ts) grouped by the value's number against the reduction
// as written, paired in one process on a database with rollups: CPU seconds each, best of the turns, the ratio,
// and whether both gave the same rows. Usage: node --import tsx bench/value-sums.ts DB [turns] [local]
// With `local`, rollup_account_day is first rewritten inside the transaction, so both read it as an import's
// refresh does: as the transaction's own rows, not yet committed.
// Writes TEMP tables only, inside a transaction rolled back at the end: the database is left as it was.
import { absentInDayRule } from '../src/db/absent-sums.ts';
import { Database } from '../src/db/database.ts';
import { byValueId, VALUE_ID_TABLES, withoutCash } from '../src/db/rollup-attributes.ts';
import { reduction } from '../src/db/rollup-specs.ts';
import { sqlExec, sqlRows } from '../src/db/sql.ts';

const [path, turns = '3', local] = process.argv.slice(2);
const db = await Database.open(path);
const cpu = async (sql: string) => {
  const c0 = process.cpuUsage();
  await sqlExec(db, sql);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};
await sqlExec(db, 'BEGIN');
if (local === 'local')
  await sqlExec(
    db,
    'CREATE TEMP TABLE ll_cells AS FROM rollup_account_day; DELETE FROM rollup_account_day; INSERT INTO rollup_account_day FROM ll_cells; DROP TABLE ll_cells',
  );
// The value numbers, as refreshAttributes makes them (their cost is counted once, below).
const ids = await cpu(VALUE_ID_TABLES);
const cashless = (await absentInDayRule(db)).cash;
const tables: [string, string, string][] = [
  ['value_month', reduction('value_month'), 'attribute, value, month'],
  ['value_day_rule', reduction('value_day_rule'), 'attribute, value, day'],
  ['value_rule_quarter', reduction('value_rule_quarter'), 'attribute, value, quarter, rule_id'],
];
let before = 0;
let after = ids;
for (const [id, sql, order] of tables) {
  const lean = byValueId(id === 'value_day_rule' && cashless ? withoutCash(sql) : sql);
  const as = (t: string, s: string) =>
    `CREATE OR REPLACE TEMP TABLE ${t} AS SELECT * FROM (\n${s}\n) ORDER BY ${order}`;
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < Number(turns); i++) {
    a.push(await cpu(as('x_before', sql)));
    b.push(await cpu(as('x_after', lean)));
  }
  const [{ differ }] = await sqlRows<{ differ: number }>(
    db,
    `SELECT ((SELECT count(*) FROM (FROM x_before EXCEPT ALL FROM x_after)) + (SELECT count(*) FROM (FROM x_after EXCEPT ALL FROM x_before)))::INTEGER AS differ`,
  );
  const best = (v: number[]) => Math.min(...v);
  before += best(a);
  after += best(b);
  console.log(
    `${id.padEnd(20)} before ${a.map((x) => x.toFixed(2)).join(' ')}  after ${b.map((x) => x.toFixed(2)).join(' ')}  best ratio ${(best(b) / best(a)).toFixed(2)}  rows differing ${differ}`,
  );
}
console.log(
  `value ids ${ids.toFixed(2)} CPU s; all three, best: ${before.toFixed(2)} → ${after.toFixed(2)} CPU s (${(after / before).toFixed(2)}), cashless ${cashless}`,
);
await sqlExec(db, 'ROLLBACK');
db.close();
