import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { cli } from '../cli-run.ts';
import { spawnServe } from '../e2e/serve-process.ts';
import { programDbWithRoster } from '../queries/program-fixture.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const exec = promisify(execFile);

/** `ledger-lens <args>` run from another folder, as a user who typed the README's commands there. */
async function cliIn(cwd: string, args: string[]) {
  const tsx = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  try {
    const r = await exec(process.execPath, ['--import', tsx, join(ROOT, 'src', 'cli', 'main.ts'), ...args], {
      cwd,
      timeout: 60_000,
    });
    return { code: 0, ...r };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('the command line beside a running server (issue 17)', () => {
  let dir: string;
  let dbPath: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'll-beside-'));
    dbPath = join(dir, 'fixture.duckdb');
    (await programDbWithRoster(dbPath)).close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('without --db and without ./ledger-lens.duckdb, reads ./data/sample.duckdb and says so', async () => {
    const cwd = join(dir, 'project');
    mkdirSync(join(cwd, 'data'), { recursive: true });
    copyFileSync(dbPath, join(cwd, 'data', 'sample.duckdb'));
    const { code, stdout, stderr } = await cliIn(cwd, ['report', '--json']);
    expect(stderr).toContain('./ledger-lens.duckdb does not exist; reading ./data/sample.duckdb');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).issued).toBe(400);
  });

  it('a database held by a running server gets a message naming the fix, not a DuckDB lock error', async () => {
    const held = join(dir, 'held.duckdb');
    copyFileSync(dbPath, held);
    const server = spawnServe(['--db', held, '--port', '0']);
    try {
      await server.url;
      const { code, stderr } = await cli(['report', '--db', held]);
      expect(code).toBe(2);
      expect(stderr).toContain(`another process (PID ${server.child.pid}) holds the database open`);
      expect(stderr).toMatch(/stop it \(Ctrl-C\).*\/api\/report/s);
      expect(stderr).not.toMatch(/IO Error|\n\s+at /);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  it('report --quarter outside the data warns on stderr and in --json', async () => {
    const { code, stdout, stderr } = await cli(['report', '--db', dbPath, '--quarter', '2019Q1', '--json']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^warning: the period 2019-01-01 – 2019-04-01 is outside the data \(/m);
    expect(JSON.parse(stdout).warnings).toEqual([expect.stringContaining('outside the data')]);
    const inside = await cli(['report', '--db', dbPath, '--json']);
    expect(JSON.parse(inside.stdout).warnings).toBeUndefined();
  });

  it('report --html --filter names the month and the group in its title and a banner, in both languages', async () => {
    const zh = join(dir, 'sales-zh.html');
    const en = join(dir, 'sales-en.html');
    const args = [
      'report',
      '--db',
      dbPath,
      '--from',
      '2026-01-01',
      '--to',
      '2026-02-01',
      '--filter',
      'department=Sales',
    ];
    expect((await cli([...args, '--html', zh])).code).toBe(0);
    expect((await cli([...args, '--html', en, '--lang', 'en'])).code).toBe(0);
    const zhHtml = readFileSync(zh, 'utf8');
    expect(zhHtml).toContain('<title>积分制度月度报告 · Sales · 2026年1月</title>');
    expect(zhHtml).toContain('已筛选：仅含部门为“Sales”的账户');
    const enHtml = readFileSync(en, 'utf8');
    expect(enHtml).toContain('<h1>Points program monthly report · Sales · January 2026</h1>');
    expect(enHtml).toContain('Filtered: only accounts whose department is “Sales”');
  });

  it('audit --csv F prints a one-line summary on stderr', async () => {
    const file = join(dir, 'flags.csv');
    const { code, stdout, stderr } = await cli(['audit', '--db', dbPath, '--csv', file]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      new RegExp(`^\\d+ flag\\(s\\) written to ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n$`),
    );
  });
});
