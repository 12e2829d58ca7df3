import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/db/database.ts';
import { importSampleDir } from '../audit/helpers.ts';
import { cliWithKey, leaks, sampleIdentities, substrings, workbookText } from './outputs.ts';

/**
 * Issue 14: every output format of a pseudonymised run (JSON, CSV, XLSX, HTML), searched for every raw account id
 * and name of the sample roster: 0 hits. The same runs without --pseudonymize do show ids, so the search can fail.
 */
const KEY = 'no-raw-ids-test-key-0123456789';

let db: string;
let dir: string;
let cleanup: () => void;
const { ids, names } = sampleIdentities();

beforeAll(async () => {
  const s = await importSampleDir(join(PROJECT_ROOT, 'sample-data'));
  db = s.db.path;
  dir = dirname(db);
  s.closeDb();
  cleanup = s.cleanup;
}, 120_000);
afterAll(() => cleanup?.());

describe('a pseudonymised run prints no raw id and no name, in any format', () => {
  it('audit, audit-sample, rank, report, simulate, economics: JSON, CSV, XLSX and HTML', async () => {
    const f = (name: string) => join(dir, name);
    const runs: [string, string[]][] = [
      ['audit', ['audit', '--json', '--csv', f('audit.csv')]],
      ['audit-sample', ['audit-sample', '--rate', '0.05', '--by', 'department', '--json']],
      ['audit-sample csv', ['audit-sample', '--rate', '0.05', '--csv', f('sample.csv')]],
      [
        'rank',
        [
          'rank',
          '--period',
          'quarter',
          '--by',
          'department',
          '--top',
          '500',
          '--json',
          '--csv',
          f('rank.csv'),
          '--xlsx',
          f('rank.xlsx'),
        ],
      ],
      [
        'report',
        [
          'report',
          '--by',
          'department',
          '--json',
          '--csv',
          f('report.csv'),
          '--html',
          f('report.html'),
          '--xlsx',
          f('report.xlsx'),
        ],
      ],
      ['simulate', ['simulate', '--from', '2026-04-01', '--to', '2026-07-01', '--cap', '100', '--json']],
    ];
    const outputs: [string, string][] = [];
    for (const [what, args] of runs) {
      const r = await cliWithKey([...args, '--pseudonymize', '--db', db], KEY);
      expect(r.code, `${what}: ${r.stderr}`).toBe(0);
      outputs.push([`${what} stdout`, r.stdout]);
    }
    const economics = await cliWithKey(
      [
        'economics',
        '--from',
        '2026-01-01',
        '--to',
        '2026-07-01',
        '--items',
        join(PROJECT_ROOT, 'sample-data', 'items.csv'),
        '--json',
        '--db',
        db,
      ],
      KEY,
    );
    expect(economics.code, economics.stderr).toBe(0);
    outputs.push(['economics stdout', economics.stdout]);
    for (const file of ['audit.csv', 'sample.csv', 'rank.csv', 'report.csv', 'report.html'])
      outputs.push([file, readFileSync(f(file), 'utf8')]);
    for (const file of ['rank.xlsx', 'report.xlsx']) outputs.push([file, await workbookText(f(file))]);

    const found = outputs.flatMap(([where, text]) =>
      [...leaks(text, ids), ...substrings(text, names)].map((x) => `${where}: ${x}`),
    );
    expect(found).toEqual([]);
    // The pseudonymised outputs do carry people, as pseudonyms: the search looked at real content.
    expect(outputs.find(([w]) => w === 'audit stdout')![1]).toMatch(/"account_id": ?"P-[0-9a-f]{12}"/);
    expect(outputs.find(([w]) => w === 'rank.xlsx')![1]).toMatch(/P-[0-9a-f]{12}/);
  }, 300_000);

  it('the same search finds the ids in a run without --pseudonymize (the search can fail)', async () => {
    const r = await cliWithKey(['rank', '--period', 'quarter', '--json', '--db', db], KEY);
    expect(leaks(r.stdout, ids).length).toBeGreaterThan(0);
  }, 60_000);
});
