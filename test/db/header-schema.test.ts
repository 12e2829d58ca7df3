import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/db/database.ts';
import { duckdbType, parseDeclared, schemasOf, tsForType, zodForType } from '../../src/db/header-schema.ts';
import { QueryError, run } from '../../src/db/run.ts';
import { openTestDb } from '../queries/fixture.ts';
import { sqlExec } from '../../src/db/sql.ts';

const queryIds = readdirSync(join(PROJECT_ROOT, 'queries'))
  .filter((f) => f.endsWith('.sql'))
  .map((f) => f.replace(/\.sql$/, ''));

describe('every queries/*.sql header parses to zod schemas', () => {
  it.each(queryIds)('%s', (id) => {
    const sql = readFileSync(join(PROJECT_ROOT, 'queries', `${id}.sql`), 'utf8');
    const { params, row } = schemasOf(sql);
    const returns = /^-- returns: (.*)$/m.exec(sql)?.[1] ?? '';
    expect(Object.keys(row.shape)).toEqual(parseDeclared(returns).map((d) => d.name));
    expect(Object.keys(row.shape).length).toBeGreaterThan(0);
    for (const name of Object.keys(params.shape)) expect(sql).toContain(`$${name}`);
  });
});

describe('the header grammar', () => {
  it('reads names, types and nullable marks, keeping STRUCT fields together', () => {
    expect(parseDeclared('$from TIMESTAMP, $ref VARCHAR (nullable), lorenz STRUCT(k INTEGER, l DOUBLE)[]')).toEqual([
      { name: 'from', type: 'TIMESTAMP', nullable: false },
      { name: 'ref', type: 'VARCHAR', nullable: true },
      { name: 'lorenz', type: 'STRUCT(k INTEGER, l DOUBLE)[]', nullable: false },
    ]);
    expect(parseDeclared('none')).toEqual([]);
    expect(parseDeclared('rate DOUBLE (null when issued = 0)')[0].nullable).toBe(true);
  });

  it('maps each DuckDB type to the JS value the driver gives', () => {
    expect(zodForType('INTEGER', 'row').safeParse(1.5).success).toBe(false);
    expect(zodForType('BIGINT', 'row').safeParse(7).success).toBe(true);
    expect(zodForType('DOUBLE', 'row').safeParse('1').success).toBe(false);
    expect(zodForType('BOOLEAN', 'row').safeParse(true).success).toBe(true);
    expect(zodForType('DATE', 'row').safeParse(new Date(0)).success).toBe(true);
    expect(zodForType('TIMESTAMP', 'param').safeParse('2026-01-01 08:00').success).toBe(true);
    expect(zodForType('TIMESTAMP', 'param').safeParse('01/02/2026').success).toBe(false);
    expect(zodForType('STRUCT(k INTEGER, l DOUBLE)[]', 'row').safeParse([{ k: 1, l: 0.5 }]).success).toBe(true);
    expect(zodForType('VARCHAR[]', 'row').safeParse([1]).success).toBe(false);
  });

  it('reads a nullable mark on a STRUCT field, and leaves it out of the DuckDB type', () => {
    const t = 'STRUCT(n INTEGER, cap DOUBLE (nullable))[] (nullable)';
    expect(duckdbType(t)).toBe('STRUCT(n INTEGER, cap DOUBLE)[]');
    const [d] = parseDeclared(`repeats ${t}`);
    expect(d.nullable).toBe(true);
    expect(zodForType(d.type, 'row').safeParse([{ n: 1, cap: null }]).success).toBe(true);
    expect(zodForType(d.type, 'row').safeParse([{ n: null, cap: 1 }]).success).toBe(false);
    expect(tsForType(d.type, 'row')).toBe('Array<{ n: number; cap: number | null; }>');
  });

  it('refuses a type it does not know, naming the fix', () => {
    expect(() => zodForType('HUGEINT', 'row')).toThrow(/unknown type HUGEINT.*cast in SQL/);
    expect(() => parseDeclared('justaname')).toThrow(/not "name TYPE"/);
  });
});

describe('run() without schemas uses the header', () => {
  it('validates params and rows from the SQL file alone', async () => {
    const db = await openTestDb();
    try {
      const rows = await run(db, 'flows', { from: '2026-01-01', to: '2026-04-01' });
      expect(rows).toHaveLength(1);
      expect(rows[0].rows).toBe(0);
      expect(rows[0].issued).toBeNull();
      await expect(run(db, 'flows', { from: 'yesterday', to: '2026-04-01' })).rejects.toThrow(
        /queries\/flows.sql: bad parameters: from/,
      );
    } finally {
      db.close();
    }
  });

  it('keeps the driver error as the cause of a QueryError', async () => {
    const db = await openTestDb();
    try {
      await sqlExec(db, 'DROP VIEW IF EXISTS ledger_clean');
      const err = await run(db, 'data_range', {}).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(QueryError);
      expect((err as QueryError).cause).toBeInstanceOf(Error);
      expect((err as QueryError).message).toContain(((err as QueryError).cause as Error).message);
    } finally {
      db.close();
    }
  });
});
