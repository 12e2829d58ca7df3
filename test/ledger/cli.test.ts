import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csv, tempDir, writeTemp } from './helpers.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'ledger-lens.js');
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

describe('ledger-lens import / check', () => {
  it('import --json prints exactly one JSON document with the keys of cli.md', () => {
    const dir = tempDir();
    const file = writeTemp('a.csv', csv('e1,2026-01-01,u1,10,earn,R,d', 'e2,2026-01-01,u1,x,earn,R,d'), dir);
    const r = cli('import', file, '--db', join(dir, 'l.duckdb'), '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    for (const key of [
      'rows_read',
      'accepted',
      'quarantined',
      'duplicates',
      'import_id',
      'mapping',
      'quarantine',
      'warnings',
    ])
      expect(out).toHaveProperty(key);
    expect(out).toMatchObject({ rows_read: 2, accepted: 1, quarantined: 1, duplicates: 0, import_id: 1 });
    expect(out.quarantine[0]).toMatchObject({ line: 3, reasons: ['points (column "points"): "x" is not a number'] });
  });

  it('import with roster, rules and config reports each, and a second run counts duplicates', () => {
    const dir = tempDir();
    const db = join(dir, 'l.duckdb');
    const args = [
      'import',
      writeTemp('a.csv', csv('e1,2026-01-01 09:00,u1,10,earn,R,d'), dir),
      '--db',
      db,
      '--json',
      '--accounts',
      writeTemp('acc.csv', 'account_id,department\nu1,研发部\n', dir),
      '--rules',
      writeTemp('r.csv', 'rule_id,tier\nR,base\n', dir),
      '--config',
      writeTemp('c.json', '{"timezone":"Asia/Shanghai","point_value":0.01}', dir),
    ];
    const first = JSON.parse(cli(...args).stdout);
    expect([first.accepted, first.accounts.accepted, first.rules.accepted]).toEqual([1, 1, 1]);
    const second = JSON.parse(cli(...args).stdout);
    expect([second.duplicates, second.accounts.duplicates, second.rules.duplicates]).toEqual([1, 1, 1]);
  });

  it('human output shows the reconciliation and the quarantined lines', () => {
    const dir = tempDir();
    const r = cli(
      'check',
      writeTemp('a.csv', csv('e1,2026-01-01,u1,10,earn,R,d', 'e2,2026-01-01,u1,x,earn,R,d'), dir),
      '--db',
      join(dir, 'x.duckdb'),
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('rows read 2 = accepted 1 + quarantined 1 + duplicates 0');
    expect(r.stdout).toContain('line 3: points (column "points"): "x" is not a number');
  });

  it('bad usage and unusable input exit 2 with a message and no stack trace', () => {
    const dir = tempDir();
    const cases = [
      [['import'], /give exactly one ledger file/],
      [['import', join(dir, 'missing.csv')], /missing\.csv: cannot open the file/],
      [['import', writeTemp('e.csv', '', dir)], /e\.csv: the file is empty/],
      [['import', writeTemp('a.csv', csv('e1,2026-01-01,u1,10,earn,R,d'), dir), '--bogus'], /unknown option --bogus/],
      [
        [
          'import',
          writeTemp('b.csv', csv('e1,2026-01-01,u1,10,earn,R,d'), dir),
          '--config',
          writeTemp('c.json', '{"timezone":"Mars/Base"}', dir),
        ],
        /timezone "Mars\/Base" is not an IANA time zone/,
      ],
      [['frobnicate'], /unknown command "frobnicate"/],
    ] as const;
    for (const [args, message] of cases) {
      const r = cli(...args, '--db', join(dir, 'l.duckdb'));
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('ledger-lens quarantine', () => {
  it('lists the quarantined rows and exports them all as CSV with a BOM', async () => {
    const dir = tempDir();
    const db = join(dir, 'l.duckdb');
    const bad = Array.from({ length: 60 }, (_, i) => `b${i},2026-01-01,u1,=HYPERLINK("x"),earn,R,d`);
    cli('import', writeTemp('a.csv', csv('e1,2026-01-01,u1,10,earn,R,d', ...bad), dir), '--db', db);
    const list = cli('quarantine', '--db', db);
    expect(list.status).toBe(0);
    expect(list.stdout).toContain('import 1: 60 quarantined rows');
    expect(list.stdout).toContain(
      'a.csv:3: points (column "points"): "=HYPERLINK(""x"")" is not a number'.replace('""x""', '"x"'),
    );
    expect(list.stdout).toContain('… 10 more');
    const out = join(dir, 'q.csv');
    expect(cli('quarantine', '--db', db, '--csv', out).status).toBe(0);
    const text = (await import('node:fs')).readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFFimport_id,file,line,reasons,')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(61);
    // A formula in a source cell stays text in Excel.
    expect(text).toContain(`,"'=HYPERLINK(""x"")",`);
    const json = JSON.parse(cli('quarantine', '--db', db, '--json', '--import', '1').stdout);
    expect(json).toMatchObject({ import_id: 1, total: 60 });
    expect(cli('quarantine', '--db', db, '--import', '9').status).toBe(2);
  });
});
