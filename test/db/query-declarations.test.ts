import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Database, PROJECT_ROOT } from '../../src/db/database.ts';
import { DECLARATIONS_COMMAND, DECLARATIONS_FILE, declarationsSource } from '../../src/db/query-declarations-source.ts';
import { DayPeriodParams } from '../../src/db/query-types.ts';
import { loadQuery, QueryError, run, runQueryText } from '../../src/db/run.ts';
import { insertLedger, openTestDb } from '../queries/fixture.ts';

// A column is declared once, in its query file's header: run() checks rows against it at run time, and the types
// generated from it (src/db/query-declarations.ts) let tsc check every caller.

/** Formatting aside (the generator's output goes through the formatter), the text. */
const bare = (s: string) => s.replace(/\s+/g, '').replace(/;}/g, '}');

describe(`${DECLARATIONS_FILE}: the query files' types`, () => {
  it(`is what the headers say now (after editing a header, run \`${DECLARATIONS_COMMAND}\`)`, () => {
    const written = readFileSync(join(PROJECT_ROOT, DECLARATIONS_FILE), 'utf8');
    expect(bare(written)).toBe(bare(declarationsSource(join(PROJECT_ROOT, 'queries'))));
  });

  it('writes each header item with the type its zod schema accepts, nullable params optional', () => {
    const text = bare(declarationsSource(join(PROJECT_ROOT, 'queries')));
    expect(text).toContain(
      bare(
        `flows: { params: { from: string; to: string; scope_attribute?: string | null; scope_value?: string | null }`,
      ),
    );
    expect(text).toContain(bare('month: Date; issued: number;'));
    expect(text).toContain(bare('lorenz: Array<{ k: number; p: number; l: number }>;'));
  });
});

describe('a column renamed in a header alone', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDb();
    await insertLedger(db, [{ at: '2026-01-05 09:00', account: 'A', points: 10, type: 'earn', rule: 'R1' }]);
  });
  afterAll(() => db?.close());

  const period = { from: '2026-01-01', to: '2026-02-01' };

  it('runs as it is', async () => {
    const [row] = await runQueryText(db, 'flows', loadQuery('flows').sql, period);
    expect(row).toMatchObject({ rows: 1, issued: 10, active: 1 });
  });

  it('makes run() reject the rows, naming the file and the column', async () => {
    const sql = loadQuery('flows').sql.replace(/^(-- returns: .*)\bissued DOUBLE/m, '$1issued_total DOUBLE');
    expect(sql).toContain('issued_total DOUBLE');
    const err = await runQueryText(db, 'flows', sql, period).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryError);
    expect((err as Error).message).toMatch(
      /^queries\/flows\.sql: row 0 does not match the declared columns: issued_total/,
    );
  });

  it('changes the generated types, so tsc points at the callers that still read the old name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'll-headers-'));
    try {
      writeFileSync(
        join(dir, 'flows.sql'),
        loadQuery('flows').sql.replace(/^(-- returns: .*)\bissued DOUBLE/m, '$1issued_total DOUBLE'),
      );
      const types = bare(declarationsSource(dir));
      expect(types).toContain(bare('issued_total: number | null;'));
      expect(types).not.toContain(bare('issued: number | null;'));
      // …and the file written from the real headers then differs: the first test of this file fails until regenerated.
      expect(types).not.toBe(bare(readFileSync(join(PROJECT_ROOT, DECLARATIONS_FILE), 'utf8')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('what tsc checks at a call (each line fails to compile without its expect-error)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db?.close());

  it('a column the header does not declare, a param it does not take, a narrowing of an unknown column', async () => {
    const rows = await run(db, 'flows', { from: '2026-01-01', to: '2026-02-01' });
    const issued: number | null = rows[0].issued;
    expect(issued).toBeNull();
    // @ts-expect-error flows.sql returns no column issued_total
    expect(rows[0].issued_total).toBeUndefined();
    // @ts-expect-error issued may be null (the header marks it): not a plain number
    const plain: number = rows[0].issued;
    expect(plain).toBeNull();
    // @ts-expect-error flows.sql takes no $since
    await expect(run(db, 'flows', { since: '2026-01-01', to: '2026-02-01' })).rejects.toThrow(/bad parameters: from/);
    await expect(
      // @ts-expect-error a narrowing names only declared columns
      run(db, 'flows', DayPeriodParams, { from: '2026-01-01', to: '2026-02-01' }, { issued_total: z.number() }),
    ).rejects.toThrow(/narrows issued_total, which the header does not return/);
  });

  it("a caller's own param schema must still give every param the header requires", async () => {
    const OldNames = z.object({ since: z.string(), to: z.string() });
    // @ts-expect-error the schema yields no `from`, which flows.sql requires
    const call = run(db, 'flows', OldNames, { since: '2026-01-01', to: '2026-02-01' });
    await expect(call).rejects.toThrow(/queries\/flows\.sql: bad parameters: from: not given/);
  });

  it('a narrowed column is checked at run time and typed as narrowed', async () => {
    const rows = await run(
      db,
      'tier_mix',
      DayPeriodParams.extend({ target_base: z.number(), target_challenge: z.number(), target_reward: z.number() }),
      { from: '2026-01-01', to: '2026-02-01', target_base: 0.6, target_challenge: 0.3, target_reward: 0.1 },
      { tier: z.enum(['base', 'challenge', 'reward']) },
    );
    const tiers: ('base' | 'challenge' | 'reward')[] = rows.map((r) => r.tier);
    expect(tiers.length).toBeGreaterThanOrEqual(0);
    await expect(
      run(
        db,
        'tier_mix',
        DayPeriodParams.extend({ target_base: z.number(), target_challenge: z.number(), target_reward: z.number() }),
        { from: '2026-01-01', to: '2026-02-01', target_base: 0.6, target_challenge: 0.3, target_reward: 0.1 },
        { tier: z.enum(['gold']) },
      ),
    ).rejects.toThrow(/queries\/tier_mix\.sql: row 0 does not match the declared columns: tier/);
  });
});
