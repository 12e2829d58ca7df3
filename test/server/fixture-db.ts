import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/db/database.ts';
import { importLedger } from '../../src/ledger/import.ts';

/**
 * Two CSV exports loaded through the real importer, so the imports table holds what users' imports leave.
 * The first: 6 months (2025-10 … 2026-03) × 5 accounts of earn rows, one redemption per account at the end of March,
 * one row with unreadable points and one repeated event id (both quarantined). The second, an overlapping export:
 * March's 5 earn rows again (duplicates) and 2 new positive adjustments. The first file's name carries markup to
 * prove the page escapes it.
 */
export const FIXTURE_FILE_NAME = 'ledger<img src=x onerror=alert(1)>&q1.csv';
export const OVERLAP_FILE_NAME = 'ledger-march.csv';

const HEADER = 'event_id,occurred_at,account_id,points,event_type,department';
const dept = (a: number) => (a <= 2 ? 'Sales' : 'Ops');

export function fixtureCsvs() {
  const first = [HEADER];
  const march: string[] = [];
  let issued = 0;
  const months = ['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'];
  for (const [m, month] of months.entries()) {
    for (let a = 1; a <= 5; a++) {
      const pts = 10 * a + m; // account a earns 10a + m points in month m
      issued += pts;
      const line = `e-${month}-${a},${month}-15 10:00:00,acc-${a},${pts},earn,${dept(a)}`;
      first.push(line);
      if (month === '2026-03') march.push(line);
    }
  }
  for (let a = 1; a <= 5; a++) first.push(`r-${a},2026-03-31 09:00:00,acc-${a},-5,redeem,${dept(a)}`);
  first.push('bad-1,2026-03-20 10:00:00,acc-1,abc,earn,Sales');
  first.push(first[1]); // repeats event id e-2025-10-1 within the file
  const second = [
    HEADER,
    ...march,
    'a-1,2026-03-30 12:00:00,acc-1,3,adjust,Sales',
    'a-2,2026-03-30 12:00:00,acc-2,4,adjust,Sales',
  ];
  return {
    first: `${first.join('\n')}\n`,
    second: `${second.join('\n')}\n`,
    expected: {
      // 30 earn + 5 redeem accepted; the bad number and the repeated id quarantined: 37 read.
      first: { rows_read: 37, accepted: 35, quarantined: 2, duplicates: 0 },
      // March's 5 earn rows were imported before (duplicates); the 2 adjustments are new: 7 read.
      second: { rows_read: 7, accepted: 2, quarantined: 0, duplicates: 5 },
      rows: 37, // 35 + 2 accepted rows in the ledger
      rejects: 2,
      // issued = Σ_m Σ_a (10a + m) = 6 × (10+20+30+40+50) + 5 × (0+1+2+3+4+5) = 900 + 75 = 975
      issued,
      // outstanding = issued − 5 redemptions × 5 + adjustments 3 + 4 = 975 − 25 + 7 = 957
      outstanding: issued - 25 + 7,
    },
  };
}

/** A database file in a fresh temp dir, filled from the two fixture exports; `cleanup` removes the dir. */
export async function fixtureDb(): Promise<{
  dir: string;
  path: string;
  expected: ReturnType<typeof fixtureCsvs>['expected'];
  cleanup(): void;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'll-server-'));
  const { first, second, expected } = fixtureCsvs();
  writeFileSync(join(dir, FIXTURE_FILE_NAME), first);
  writeFileSync(join(dir, OVERLAP_FILE_NAME), second);
  const path = join(dir, 'test.duckdb');
  const db = await Database.open(path, { memoryLimit: '1GB', threads: 1 });
  try {
    await importLedger(db, { file: join(dir, FIXTURE_FILE_NAME) });
    await importLedger(db, { file: join(dir, OVERLAP_FILE_NAME) });
  } finally {
    db.close();
  }
  return { dir, path, expected, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
