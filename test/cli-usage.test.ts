import { describe, expect, it } from 'vitest';
import { cli } from './cli-run.ts';

describe('command-line usage errors are our own messages', () => {
  it('names an unknown option, suggests the closest one and exits 2, without Node’s "--" advice', async () => {
    const r = await cli(['report', '--quater', '2026Q1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown option --quater');
    expect(r.stderr).toContain('--quarter');
    expect(r.stderr).not.toContain("after '--'");
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('says which option is missing its value', async () => {
    const r = await cli(['audit', '--from']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--from needs a value');
  });
});

describe('help texts', () => {
  it('cite only files that exist in the repository', async () => {
    const { existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { PROJECT_ROOT } = await import('../src/db/database.ts');
    for (const command of ['audit', 'ab', 'report']) {
      const { stdout } = await cli([command, '--help']);
      for (const file of stdout.match(/[\w./-]+\.md\b/g) ?? [])
        expect(existsSync(join(PROJECT_ROOT, file)), `${command} --help cites ${file}`).toBe(true);
    }
  });
});
