import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { ensureAccessLog } from '../../src/db/access-log.ts';
import { appendAccess } from '../../src/server/access-log.ts';
import { authenticate, loadUsers } from '../../src/server/users.ts';
import { cli } from '../cli-run.ts';

const dir = mkdtempSync(join(tmpdir(), 'll-users-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ledger-lens users add', () => {
  it('prints the token once as {name, role, token}; the file holds its salted hash, and the token opens the door', async () => {
    const file = join(dir, 'users.yaml');
    const r = await cli([
      'users',
      'add',
      '李经理',
      '--role',
      'manager',
      '--scope',
      'department=研发部',
      '--users',
      file,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['name', 'role', 'token']);
    expect(out).toMatchObject({ name: '李经理', role: 'manager' });
    expect(out.token).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(file, 'utf8')).not.toContain(out.token);
    expect(authenticate(loadUsers(file), out.token)).toEqual({
      name: '李经理',
      role: 'manager',
      scope: { attribute: 'department', value: '研发部' },
      pseudonymize: false,
    });
    expect(
      authenticate(
        loadUsers(file),
        out.token.replace(/.$/, (c: string) => (c === '0' ? '1' : '0')),
      ),
    ).toBeNull();
  });

  it('a scope of several values: --scope repeated on one attribute, written as a YAML list', async () => {
    const file = join(dir, 'two.yaml');
    const args = ['users', 'add', '双经理', '--role', 'manager', '--scope', 'department=研发部'];
    const r = await cli([...args, '--scope', 'department=市场部', '--users', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/department:\n\s+- 研发部\n\s+- 市场部/);
    expect(authenticate(loadUsers(file), JSON.parse(r.stdout).token)?.scope).toEqual({
      attribute: 'department',
      value: ['研发部', '市场部'],
    });
    const mixed = await cli([...args, '--scope', 'region=华东', '--users', file]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/--scope region=华东: a scope has one attribute \(department\)/);
  });

  it("--program-totals yes|no: a manager's own answer to the program's managers_see_program_totals", async () => {
    const file = join(dir, 'totals.yaml');
    const args = ['users', 'add', '周总监', '--role', 'manager', '--scope', 'department=研发部'];
    const r = await cli([...args, '--program-totals', 'yes', '--users', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/program_totals: true/);
    expect(authenticate(loadUsers(file), JSON.parse(r.stdout).token)?.programTotals).toBe(true);
    const no = await cli(['users', 'add', '吴组长', ...args.slice(3), '--program-totals', 'no', '--users', file]);
    expect(no.code, no.stderr).toBe(0);
    expect(loadUsers(file).entries.find((u) => u.name === '吴组长')?.program_totals).toBe(false);
  });

  it.each([
    [['users', 'add', 'x', '--role', 'viewer', '--program-totals', 'yes'], /only a manager's view of program totals/],
    [
      ['users', 'add', 'x', '--role', 'manager', '--scope', 'a=b', '--program-totals', 'maybe'],
      /--program-totals maybe: yes or no/,
    ],
    [['users', 'add', 'x', '--role', 'boss'], /--role boss: not one of admin, auditor, manager, viewer/],
    [['users', 'add', 'x', '--role', 'manager'], /a manager needs a scope/],
    [['users', 'add', 'x', '--role', 'viewer', '--scope', 'department=A'], /only a manager has a scope/],
    [['users', 'add', 'x', '--role', 'viewer', '--pseudonymize'], /only an auditor/],
    [['users', 'add', '李经理', '--role', 'viewer'], /already a user 李经理/],
  ])('%j → exit 2 with a message', async (args, message) => {
    const r = await cli([...args, '--users', join(dir, 'users.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('a broken users file is refused by serve with its path and the field', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'users:\n  - name: a\n    role: root\n    token_hash: x\n');
    const r = await cli(['serve', '--users', bad, '--port', '0', '--db', join(dir, 'none.duckdb')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(bad);
    expect(r.stderr).toMatch(/users\.0\.role/);
  });
});

describe('ledger-lens access-log', () => {
  it('prints the log as JSON', async () => {
    const path = join(dir, 'log.duckdb');
    const db = await Database.open(path);
    await ensureAccessLog(db);
    await appendAccess(db, {
      at: '2026-12-06 02:00:00.000',
      user_name: 'aud',
      role: 'auditor',
      method: 'GET',
      route: '/api/audit/flags.csv',
      query: '?quarter=2026Q3',
      scope: null,
      status: 200,
      export_file: 'audit-flags.csv',
      export_rows: 12,
    });
    db.close();
    const r = await cli(['access-log', '--db', path, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).entries).toEqual([
      {
        at: '2026-12-06T02:00:00.000',
        user_name: 'aud',
        role: 'auditor',
        method: 'GET',
        route: '/api/audit/flags.csv',
        query: '?quarter=2026Q3',
        scope: null,
        status: 200,
        export_file: 'audit-flags.csv',
        export_rows: 12,
      },
    ]);
  });
});
