import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { programDbWithRoster } from '../queries/program-fixture.ts';
import { allNumbersFinite, CLI_BY_KEYS, CLI_GROUP_KEYS, CLI_PERIOD_KEYS } from './report-fixtures.ts';
import { cli } from '../cli-run.ts';

describe('ledger-lens report (spawned CLI)', () => {
  let dir: string;
  let dbPath: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'll-report-'));
    dbPath = join(dir, 'fixture.duckdb');
    (await programDbWithRoster(dbPath)).close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--json prints one JSON document with every cli.md key and no NaN', async () => {
    const { code, stdout, stderr } = await cli(['report', '--json', '--db', dbPath, '--by', 'department']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    for (const k of CLI_PERIOD_KEYS) {
      expect(report, k).toHaveProperty(k);
      expect(report.previous, `previous.${k}`).toHaveProperty(k);
    }
    expect(report.population).toMatchObject({ kind: 'roster', n: 6 });
    for (const k of CLI_BY_KEYS) expect(report.by, k).toHaveProperty(k);
    for (const k of CLI_GROUP_KEYS) expect(report.by.groups[0], k).toHaveProperty(k);
    expect(stdout).not.toMatch(/NaN|Infinity/);
    expect(allNumbersFinite(report)).toEqual([]);
    expect(report.issued).toBe(400);
  });

  it('--csv writes metric,current,previous,change with a BOM', async () => {
    const file = join(dir, 'report.csv');
    const { code, stdout } = await cli(['report', '--db', dbPath, '--quarter', '2026Q1', '--csv', file]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('metric,current,previous,change');
    expect(lines).toContain('issued,400,240,160'); // 2026Q1 vs 2025Q4
  });

  it('--html writes the printable report through the HTML renderer', async () => {
    const file = join(dir, 'report.html');
    const { code, stdout } = await cli(['report', '--db', dbPath, '--html', file, '--lang', 'en']);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/<html/i);
    expect(html).toContain('2026');
  });

  it('exits 2 with a message for a bad --quarter', async () => {
    const r = await cli(['report', '--json', '--db', dbPath, '--quarter', '2026Q7']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--quarter "2026Q7" is not a quarter');
    expect(JSON.parse(r.stdout).error.code).toBe('bad_quarter');
  });

  it('exits 2 naming the path when the database is missing', async () => {
    const missing = join(dir, 'nope.duckdb');
    const r = await cli(['report', '--db', missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(missing);
    expect(r.stderr).toContain('ledger-lens import');
  });

  it('exits 2 listing the attributes for an unknown --by', async () => {
    const r = await cli(['report', '--db', dbPath, '--by', 'team']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--by "team"');
    expect(r.stderr).toContain('department, joined_at, left_at');
  });

  it('--ledger reads a file directly through the importer', async () => {
    const file = join(dir, 'ledger.csv');
    writeFileSync(
      file,
      [
        'event_id,occurred_at,account_id,points,event_type,department',
        'x1,2026-01-05 10:00:00,u1,100,earn,Sales',
        'x2,2026-01-06 10:00:00,u2,300,earn,Ops',
        'x3,2026-02-01 10:00:00,u1,-40,redeem,Sales',
      ].join('\n'),
    );
    const r = await cli(['report', '--ledger', file, '--quarter', '2026Q1', '--json', '--by', 'department']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ issued: 400, redeemed: 40, active: 2 });
    expect(report.gini).toBeCloseTo(((2 * 1 - 3) * 100 + (2 * 2 - 3) * 300) / (2 * 400), 12); // 0.25
    expect(report.by.groups.map((g: { value: string }) => g.value).sort()).toEqual(['Ops', 'Sales']);
  });
});
