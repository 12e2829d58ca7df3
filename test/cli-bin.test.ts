import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/db/database.ts';

const exec = promisify(execFile);

describe('bin/ledger-lens.js, the installed command', () => {
  // It loads zod before registering the TypeScript loader: the source's own imports of zod must still work through it.
  it('runs a command whose modules build zod schemas, from any directory', async () => {
    const bin = join(PROJECT_ROOT, 'bin', 'ledger-lens.js');
    const { stdout } = await exec(process.execPath, [bin, 'report', '--help'], { cwd: '/', timeout: 60_000 });
    expect(stdout).toContain('Usage: ledger-lens report');
    // report/schema.ts builds its zod schemas as it loads, and the options are checked before the database is opened.
    const bad = await exec(process.execPath, [bin, 'report', '--db', '/nonexistent.duckdb'], {
      cwd: '/',
      timeout: 60_000,
    }).catch((e: { code: number; stderr: string }) => e);
    expect('code' in bad ? bad.code : 0).toBe(2);
    expect('stderr' in bad ? bad.stderr : '').toContain('no such database');
  });
});
