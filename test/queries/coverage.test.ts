import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/db/database.ts';
import { parseHeader } from '../../src/db/run.ts';

const queryIds = readdirSync(join(PROJECT_ROOT, 'queries'))
  .filter((f) => f.endsWith('.sql'))
  .map((f) => f.replace(/\.sql$/, ''));
const testText = readdirSync(join(PROJECT_ROOT, 'test', 'queries'))
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => readFileSync(join(PROJECT_ROOT, 'test', 'queries', f), 'utf8'))
  .join('\n');

describe('every queries/*.sql file', () => {
  it.each(queryIds)('%s is run by a test through runChecked (which checks its columns against its header)', (id) => {
    expect(testText.includes(`runChecked(`) && new RegExp(`runChecked\\([^,]+, '${id}'`).test(testText)).toBe(true);
  });

  it.each(queryIds)('%s has a complete header: name, params, returns, grain', (id) => {
    const sql = readFileSync(join(PROJECT_ROOT, 'queries', `${id}.sql`), 'utf8');
    const header = parseHeader(sql);
    expect(header.name).toBe(id);
    expect(sql).toMatch(/^-- params: /m);
    expect(header.returns.length).toBeGreaterThan(0);
    expect(header.grain).not.toBe('');
    for (const p of header.params) expect(sql, `$${p} is declared but never used`).toContain(`$${p}`);
    for (const used of new Set([...sql.replace(/^--.*$/gm, '').matchAll(/\$([a-z_]+)/g)].map((m) => m[1]))) {
      expect(header.params, `$${used} is used but not declared`).toContain(used);
    }
  });

  it('is listed in queries/README.md', () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'queries', 'README.md'), 'utf8');
    for (const id of queryIds) expect(readme, id).toContain(`${id}.sql`);
  });
});
