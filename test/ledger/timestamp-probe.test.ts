import { describe, expect, it } from 'vitest';
import { timestampFormat } from '../../src/db/ingest/one-shot.ts';
import { connectionOf } from '../../src/db/sql.ts';
import { HEADER, memoryDb, writeTemp } from './helpers.ts';

// The typed read's timestamp format (the one-shot report and the import's one-pass insert): the first candidate that
// reads every sampled value, found before the file's one pass starts, so its cost is paid on the serial path.

const withTimes = (...times: string[]) =>
  writeTemp('ledger.csv', `${HEADER}\n${times.map((t, i) => `e${i},${t},u1,5,earn,R1,研发部`).join('\n')}\n`);

describe('timestampFormat', () => {
  it.each([
    ['seconds', ['2026-01-05 09:00:00', '2026-01-05 10:30:59'], '%Y-%m-%d %H:%M:%S'],
    ['fractions', ['2026-01-05 09:00:00.250', '2026-01-05 10:30:59.5'], '%Y-%m-%d %H:%M:%S.%f'],
    ['minutes with a T', ['2026-01-05T09:00', '2026-01-05T10:30'], '%Y-%m-%dT%H:%M'],
    ['slashes', ['2026/01/05 09:00', '2026/01/06 10:30'], '%Y/%m/%d %H:%M'],
    ['dates alone', ['20260105', '20260106'], '%Y%m%d'],
    ['one format for some rows and another for the rest', ['2026-01-05 09:00:00', '2026/01/06 10:30'], undefined],
    ['words', ['yesterday', 'today'], undefined],
  ])('reads %s', async (_what, times, expected) => {
    const db = await memoryDb();
    expect(await timestampFormat(db, withTimes(...times))).toBe(expected);
  });

  it('reads the sample of the file once, whichever candidate reads it', async () => {
    const db = await memoryDb();
    const conn = connectionOf(db);
    const read = conn.runAndReadAll.bind(conn);
    let reads = 0;
    conn.runAndReadAll = (sql, params) => {
      reads += (sql.match(/read_csv\(/g) ?? []).length;
      return read(sql, params);
    };
    // The eighth candidate: each one tried before it read the sample again (about 0.1 s each at 10M rows).
    expect(await timestampFormat(db, withTimes('2026/01/05 09:00', '2026/01/06 10:30'))).toBe('%Y/%m/%d %H:%M');
    expect(reads).toBe(1);
  });
});
