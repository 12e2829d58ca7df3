import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/db/database.ts';
import { identifyingSet, isIdentifying } from '../../src/privacy/identifying.ts';
import { importSampleDir } from '../audit/helpers.ts';
import { cliWithKey } from './outputs.ts';

/** Issue 14 item 2: with --pseudonymize, an attribute that names a person cannot be a grouping or a filter. */
const KEY = 'identifying-test-key-0123456789';
const cli = (args: string[]) => cliWithKey(args, KEY);

describe('identifying attributes', () => {
  it('the default list knows English and Chinese names of names, phones, e-mails and id-card numbers; a setting adds more', () => {
    const set = identifyingSet(undefined);
    for (const a of [
      'name',
      'Name',
      'full_name',
      '姓名',
      '手机',
      '手机号',
      '电话',
      '邮箱',
      '身份证号',
      'email',
      'E-mail',
      'phone',
      'id_card',
    ])
      expect(isIdentifying(a, set), a).toBe(true);
    for (const a of ['department', '部门', 'region', 'role', 'gender', 'level'])
      expect(isIdentifying(a, set), a).toBe(false);
    expect(isIdentifying('工牌号', identifyingSet(['工牌号']))).toBe(true);
  });
});

describe('--pseudonymize refuses a grouping by a person attribute (sample ledger)', () => {
  let db: string;
  let cleanup: () => void;
  beforeAll(async () => {
    const s = await importSampleDir(join(PROJECT_ROOT, 'sample-data'));
    db = s.db.path;
    s.closeDb();
    cleanup = s.cleanup;
  }, 120_000);
  afterAll(() => cleanup?.());

  it.each([
    [['rank', '--period', 'quarter', '--by', 'name'], '--by name'],
    [['report', '--by', 'name'], '--by name'],
    [['report', '--filter', 'name=王红晶'], '--filter name'],
    [['audit-sample', '--rate', '0.01', '--by', 'name'], '--by name'],
  ])(
    '%j → exit 2 with a message, no name printed',
    async (args, what) => {
      const r = await cli([...args, '--json', '--pseudonymize', '--db', db]);
      expect(r.code).toBe(2);
      const { error } = JSON.parse(r.stdout);
      expect(error.code).toBe('identifying_attribute');
      expect(error.message).toContain(what);
      expect(error.message).toMatch(/identifies a person/);
      expect(r.stdout).not.toContain('王红晶');
    },
    60_000,
  );

  it('an attribute added by privacy.identifying_attributes in --config is refused too; other groupings work', async () => {
    const config = join(dirname(db), 'program.json');
    writeFileSync(config, JSON.stringify({ privacy: { identifying_attributes: ['level'] } }));
    const refused = await cli([
      'rank',
      '--period',
      'quarter',
      '--by',
      'level',
      '--json',
      '--pseudonymize',
      '--config',
      config,
      '--db',
      db,
    ]);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout).error.message).toContain('--by level');
    const fine = await cli([
      'rank',
      '--period',
      'quarter',
      '--by',
      'department',
      '--json',
      '--pseudonymize',
      '--db',
      db,
    ]);
    expect(fine.code, fine.stderr).toBe(0);
    // Without --pseudonymize the grouping is the user's choice.
    expect((await cli(['rank', '--period', 'quarter', '--by', 'name', '--json', '--db', db])).code).toBe(0);
  }, 60_000);
});
