import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Database } from '../../src/db/database.ts';
import { importLedger } from '../../src/ledger/import.ts';
import { openFileSource } from '../../src/ledger/file-source.ts';
import { insertKeepsOrder } from '../../src/db/insert-order.ts';
import { cleanLedgerInsert } from '../../src/db/ingest/one-shot.ts';
import { canonicalHeader } from '../../src/ledger/canonical-header.ts';
import { expectReconciled, memoryDb, tempDir, writeTemp } from './helpers.ts';
import { connectionOf, sqlRows } from '../../src/db/sql.ts';

// The import's one-pass typed read (pipeline.ts typedPass) must store exactly what the full staged pass stores,
// and hand every file it cannot take whole to that pass.

const HEADER = 'event_id,occurred_at,account_id,points,event_type,rule_id,department,cash_value,approver_id';
const ROWS = [
  'e1,2026-01-05 09:00:00,u1,10,earn,R1,研发部,,M1',
  'e2,2026-01-05 10:30:00,u2,-20.5,redeem,,销售部,3.25,',
  'e3,2026-02-01 00:00:00,u1,7.25,earn,R2,研发部,,',
  'e2,2026-01-05 10:30:00,u2,-20.5,redeem,,销售部,3.25,',
  'e1,2026-01-05 09:00:00,u1,11,earn,R1,研发部,,M1',
  'e4,2026-03-31 23:59:59,u3,-1,deduct,R3,"财务部, 北京",,M2',
];
const file = (rows: string[], tail = '\n') => writeTemp('ledger.csv', `${[HEADER, ...rows].join('\n')}${tail}`);

/** Every stored row with its line, and every quarantined line with its reasons. */
async function stored(db: Database) {
  return {
    ledger: await sqlRows(
      db,
      `SELECT * EXCLUDE (import_id, extra), extra::VARCHAR AS extra FROM ledger ORDER BY source_line`,
    ),
    rejects: await sqlRows(db, `SELECT line, reasons, raw::VARCHAR AS raw FROM rejects ORDER BY line`),
  };
}

/** The statements run on `db` from now on: every one goes through its connection's run(). */
function recordStatements(db: Database): string[] {
  const statements: string[] = [];
  const conn = connectionOf(db);
  const run = conn.run.bind(conn);
  conn.run = (sql, params) => {
    statements.push(sql);
    return run(sql, params);
  };
  return statements;
}

/** Imports `path` into a fresh database, noting whether the one-pass typed insert stood. */
async function imported(path: string) {
  const db = await memoryDb();
  const statements = recordStatements(db);
  const summary = await importLedger(db, { file: path });
  expectReconciled(summary);
  const typed = statements.some((s) => s.startsWith('INSERT INTO ledger') && s.includes('read_csv('));
  const staged = statements.some((s) => s.includes('FROM ll_stage WHERE ok'));
  return { db, summary, typed, staged };
}

describe('the typed pass of the import', () => {
  it('reads a plain UTF-8 CSV without a copy, and any other file the full way', async () => {
    const db = await memoryDb();
    const plain = await openFileSource(db, file(ROWS), { defer: true });
    expect(plain.deferred).toBeDefined();
    expect(plain.rows).toBe(ROWS.length);
    plain.cleanup();
    // A blank line shifts every line after it: the reader's row numbers would be wrong.
    const blank = await openFileSource(db, file([ROWS[0], '', ROWS[2]]), { defer: true });
    expect(blank.deferred).toBeUndefined();
    expect(blank.rows).toBe(2);
    blank.cleanup();
    expect((await openFileSource(db, file(ROWS))).deferred).toBeUndefined();
  });

  it('stores the same rows, lines, duplicates and conflicts as the staged pass', async () => {
    const typed = await imported(file(ROWS));
    // The same rows with a trailing blank line: no longer plain, so the staged pass reads them.
    const staged = await imported(file(ROWS, '\n\n'));
    expect(typed).toMatchObject({ typed: true, staged: false });
    expect(staged).toMatchObject({ typed: false, staged: true });
    // Within one file every later copy of an id is quarantined, with the source text of its line.
    expect(typed.summary).toMatchObject({ rows_read: 6, accepted: 4, duplicates: 0, quarantined: 2 });
    expect(await stored(typed.db)).toEqual(await stored(staged.db));
    expect(typed.summary.quarantine.map((q) => [q.line, q.raw.event_id, q.raw.points])).toEqual([
      [5, 'e2', '-20.5'],
      [6, 'e1', '11'],
    ]);
    // A second import of the same file: every row met before, identical, is a duplicate.
    expect(await importLedger(typed.db, { file: file(ROWS) })).toMatchObject({
      import_id: 2,
      accepted: 0,
      duplicates: 4,
      quarantined: 2,
    });
  });

  // A timestamp no sampled format reads is seen before the typed pass starts; the rest only by its count.
  it.each([
    ['a padded value', 'e5,2026-01-06 08:00:00, u4 ,5,earn,R1,研发部,,', true],
    // Accounts, rules and attributes are checked once per distinct value after the insert, ids on every row.
    ['a department padded with an ideographic space', 'e5,2026-01-06 08:00:00,u4,5,earn,R1,研发部\u3000,,', true],
    ['a padded rule', 'e5,2026-01-06 08:00:00,u4,5,earn, R1,研发部,,', true],
    ['a padded approver', 'e5,2026-01-06 08:00:00,u4,5,earn,R1,研发部,,M1 ', true],
    ['a padded event id', ' e5,2026-01-06 08:00:00,u4,5,earn,R1,研发部,,', true],
    // ASCII ids are tested for a leading or trailing ' ' alone: any other padding is trimmed as before.
    ['an event id ending in a no-break space', 'e5\u00a0,2026-01-06 08:00:00,u4,5,earn,R1,研发部,,', true],
    ['an event id led by an ideographic space', '\u3000e5,2026-01-06 08:00:00,u4,5,earn,R1,研发部,,', true],
    ['an event id of spaces only', '   ,2026-01-06 08:00:00,u4,5,earn,R1,研发部,,', true],
    ['a thousands separator', 'e5,2026-01-06 08:00:00,u4,"1,200",earn,R1,研发部,,', true],
    ['a quoted value across two lines', 'e5,2026-01-06 08:00:00,u4,5,earn,R1,"研发部\n二组",,', true],
    ['a ragged row', 'e5,2026-01-06 08:00:00,u4,5,earn,R1', true],
    ['a sign that contradicts the type', 'e5,2026-01-06 08:00:00,u4,-5,earn,R1,研发部,,', true],
    ['an unreadable timestamp', 'e5,yesterday,u4,5,earn,R1,研发部,,', false],
    ['another timestamp format', 'e5,2026/01/06 08:00,u4,5,earn,R1,研发部,,', false],
  ])('hands a file with %s to the staged pass, which numbers every line', async (_what, extra, tried) => {
    const rows = [...ROWS.slice(0, 3), extra, ROWS[5]];
    const result = await imported(file(rows));
    expect(result).toMatchObject({ typed: tried, staged: true });
    expect(result.summary.import_id).toBe(1);
    expect(result.summary.rows_read).toBe(rows.length);
    const reference = await imported(file(rows, '\n\n'));
    expect(reference.typed).toBe(false);
    expect(await stored(result.db)).toEqual(await stored(reference.db));
    // The last row's line counts the two physical lines of a quoted value that spans them.
    const lines = await sqlRows<{ line: number }>(
      result.db,
      `SELECT source_line::INTEGER AS line FROM ledger WHERE event_id = 'e4'`,
    );
    expect(lines).toEqual([{ line: rows.join('\n').split('\n').length + 1 }]);
  });

  // Values trim leaves as they are: kept whole by the typed pass, as by the staged one.
  it.each([
    ['an id with an inner space', 'e 5,2026-01-06 08:00:00,u4,5,earn,R1,研发部,,'],
    ['an id ending in a tab', 'e5\t,2026-01-06 08:00:00,u4,5,earn,R1,研发部,,'],
    ['an id of non-ASCII letters', '订单５,2026-01-06 08:00:00,u4,5,earn,R1,研发部,,'],
  ])('reads a file with %s in one pass, storing what the staged pass stores', async (_what, extra) => {
    const rows = [...ROWS.slice(0, 3), extra, ROWS[5]];
    const result = await imported(file(rows));
    expect(result).toMatchObject({ typed: true, staged: false });
    expect(await stored(result.db)).toEqual(await stored((await imported(file(rows, '\n\n'))).db));
  });

  it('numbers the lines of a file read and written on two threads from the order its rows are stored in', async () => {
    // Several of the reader's parallel ranges, with line = the id's number + 2 to check against.
    const n = 400_000;
    const body = Array.from(
      { length: n },
      (_, i) =>
        `e${i},2026-01-${String(1 + (i % 28)).padStart(2, '0')} 10:00:00,u${i % 997},${1 + (i % 50)},earn,R${i % 7},研发部,,`,
    );
    const db = await Database.open(join(tempDir(), 'lines.duckdb'), { threads: 2, memoryLimit: '1GB' });
    try {
      const statements = recordStatements(db);
      const summary = await importLedger(db, { file: file(body) });
      expect(summary).toMatchObject({ rows_read: n, accepted: n });
      // The ordered insert stood (no window serialising the read, no second read the full way), numbered after it.
      expect(statements.filter((s) => s.startsWith('UPDATE ledger SET source_line'))).toHaveLength(1);
      expect(statements.some((s) => s.includes('row_number() OVER () + 1 AS line'))).toBe(false);
      expect(statements.some((s) => s.includes('FROM ll_stage WHERE ok'))).toBe(false);
      const [check] = await sqlRows<{ wrong: number; first: number; last: number }>(
        db,
        `SELECT count(*) FILTER (WHERE source_line <> substr(event_id, 2)::BIGINT + 2)::DOUBLE AS wrong,
                min(source_line)::DOUBLE AS first, max(source_line)::DOUBLE AS last FROM ledger`,
      );
      expect(check).toEqual({ wrong: 0, first: 2, last: n + 1 });
    } finally {
      db.close();
    }
  });

  it('numbers lines from the stored order only when DuckDB plans a batch insert, which keeps the order read', async () => {
    // Two threads, as the import runs: on one DuckDB plans a plain insert (then the window numbers the lines).
    const db = await Database.open(':memory:', { threads: 2, memoryLimit: '1GB' });
    const path = file(ROWS);
    const insert = cleanLedgerInsert(path, canonicalHeader(path) ?? [], '%Y-%m-%d %H:%M:%S', {
      importId: 1,
      lines: 'order',
    });
    expect(await insertKeepsOrder(db, insert)).toBe(true);
    // A filter DuckDB runs as a join (an IN list of the six types) makes a plain parallel insert, which interleaves
    // its threads' rows (seen at 2M rows): such a plan must be refused, and the lines numbered as they are read.
    const joined = insert.replace(
      ' WHERE ',
      ` WHERE event_type IN ('earn', 'deduct', 'redeem', 'expire', 'adjust', 'transfer') AND `,
    );
    expect(joined).not.toBe(insert);
    expect(await insertKeepsOrder(db, joined)).toBe(false);
    db.close();
  });
});
