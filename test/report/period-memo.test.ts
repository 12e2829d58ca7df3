import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { buildReport, type PeriodMemo, type ReportOptions } from '../../src/report/build.ts';
import type { PeriodResult } from '../../src/report/period-metrics.ts';
import { sampleDbFile, serveDb } from '../hardening/sample-db.ts';
import { sqlRows } from '../../src/db/sql.ts';
import type { Report } from '../../src/report/schema.ts';

/** A memo as the server's (a map of promises), counting the periods it had to compute. */
function countingMemo() {
  const held = new Map<string, Promise<PeriodResult>>();
  const made: string[] = [];
  const memo: PeriodMemo = {
    has: (key) => held.has(key),
    get: (key, make) => {
      if (!held.has(key)) {
        made.push(key.split('|').slice(1, 3).join('–'));
        held.set(key, make());
      }
      return held.get(key)!;
    },
  };
  return { memo, made };
}

/**
 * The server keeps each period's numbers (`memo`) so that the report of a quarter reuses the quarter before that the
 * report after it computed, and splits a report over an idle second connection (`second`): every report must equal
 * the one computed alone on one connection, number for number.
 */
describe('reports sharing period results and a second connection', () => {
  let sample: Awaited<ReturnType<typeof sampleDbFile>>;
  let db: Database;
  let value: string;
  beforeAll(async () => {
    sample = await sampleDbFile();
    db = await Database.open(sample.path, { readOnly: true });
    [{ value }] = await sqlRows<{ value: string }>(
      db,
      "SELECT value FROM account_attributes WHERE attribute = 'department' GROUP BY value ORDER BY count(*) DESC, value LIMIT 1",
    );
  }, 120_000);
  afterAll(() => {
    db?.close();
    sample?.cleanup();
  });

  const walk = (filter?: ReportOptions['filter']): ReportOptions[] => [
    { period: { quarter: '2026Q1' }, by: 'department', filter },
    { period: { quarter: '2025Q4' }, by: 'department', filter },
    { period: { quarter: '2025Q3' }, filter },
    { period: { from: '2025-11-01', to: '2025-12-01' }, filter },
    { period: { from: '2025-10-01', to: '2025-11-01' }, filter },
  ];

  for (const [name, filter] of [
    ['unfiltered', undefined],
    ['within a department', 'department'],
  ] as const)
    it(`a walk back through quarters and months computes each period once and equals each report alone: ${name}`, async () => {
      const f = filter ? { attribute: filter, value } : undefined;
      const second = await db.fork();
      try {
        // On one connection, then with a second one (the period before, or the breakdown and series, run there).
        for (const beside of [undefined, second]) {
          const { memo, made } = countingMemo();
          for (const opts of walk(f)) {
            const alone = await buildReport(db, { ...opts, intervals: false });
            expect(await buildReport(db, { ...opts, intervals: false, memo, second: beside })).toEqual(alone);
          }
          // 2026Q1 and 2025Q4; 2025Q3 alone (2025Q4 held); 2025Q2; November and October; September.
          expect(made).toEqual([
            '2026-01-01–2026-04-01',
            '2025-10-01–2026-01-01',
            '2025-07-01–2025-10-01',
            '2025-04-01–2025-07-01',
            '2025-11-01–2025-12-01',
            '2025-10-01–2025-11-01',
            '2025-09-01–2025-10-01',
          ]);
          // Forward, each report finds the period before held: only the period itself is computed.
          made.length = 0;
          for (const opts of [...walk(f)].reverse()) {
            const alone = await buildReport(db, { ...opts, intervals: false });
            expect(await buildReport(db, { ...opts, intervals: false, memo, second: beside })).toEqual(alone);
          }
          expect(made).toEqual([]);
        }
      } finally {
        second.close();
      }
    });

  it('a report with intervals neither reads nor fills the memo (its values feed the bootstrap)', async () => {
    const { memo, made } = countingMemo();
    const withCi = await buildReport(db, { period: { quarter: '2026Q1' }, memo });
    expect(made).toEqual([]);
    expect(withCi.gini_ci).not.toBeNull();
    expect(withCi).toEqual(await buildReport(db, { period: { quarter: '2026Q1' } }));
  });

  it("the server's reports walked back a quarter at a time equal the CLI's", async () => {
    const server = await serveDb(db, sample.dir);
    try {
      for (const path of [
        'quarter=2026Q1&by=department',
        'quarter=2025Q4&by=department',
        `quarter=2025Q4&filter=${encodeURIComponent(`department=${value}`)}`,
        `quarter=2025Q3&filter=${encodeURIComponent(`department=${value}`)}`,
        'month=2025-11',
        'month=2025-10',
      ]) {
        const got = (await (await fetch(new URL(`/api/report?${path}`, server.url))).json()) as Report;
        const q = new URLSearchParams(path);
        const quarter = q.get('quarter');
        const month = q.get('month');
        const filter = q.get('filter')?.split('=');
        const cli = await buildReport(db, {
          period: quarter
            ? { quarter }
            : { from: `${month}-01`, to: month === '2025-11' ? '2025-12-01' : '2025-11-01' },
          by: q.get('by') ?? undefined,
          filter: filter ? { attribute: filter[0], value: filter[1] } : undefined,
          intervals: false,
        });
        expect(got).toEqual(JSON.parse(JSON.stringify(cli)));
      }
    } finally {
      await server.close();
    }
  });
});
