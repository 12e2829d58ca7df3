import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/audit/schema.ts';
import { PROJECT_ROOT } from '../../src/db/database.ts';
import { pseudonymizeDeep, pseudonymizer } from '../../src/privacy/pseudonymize.ts';
import type { RankResult } from '../../src/rank/schema.ts';
import { importSampleDir } from '../audit/helpers.ts';

const exec = promisify(execFile);
const KEY_1 = 'first-auditor-key-0123456789';
const KEY_2 = 'second-auditor-key-987654321';

/** The CLI as a real process, with the pseudonym key (or none) in its environment only. */
async function cli(args: string[], key?: string) {
  const env = { ...process.env };
  delete env.LEDGER_LENS_PSEUDONYM_KEY;
  if (key !== undefined) env.LEDGER_LENS_PSEUDONYM_KEY = key;
  try {
    const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: PROJECT_ROOT,
      env,
      maxBuffer: 64 << 20,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('pseudonymizer', () => {
  it('is HMAC-SHA256 of the id under the key, first 12 hex digits (RFC 4231 test case 2)', () => {
    // RFC 4231 §4.3: HMAC-SHA256(key "Jefe", "what do ya want for nothing?") = 5bdcc146bf60754e6a042426089575c7…
    expect(pseudonymizer('Jefe')('what do ya want for nothing?')).toBe('P-5bdcc146bf60');
  });

  it('replaces ids in id fields and in the reasons that name people, leaving free text and other values alone', () => {
    const p = pseudonymizer(KEY_1);
    const input = {
      account_id: 'A1',
      accounts: ['A1', 'A10'],
      reason_key: 'concentration',
      reason_vars: { giver: 'A1', share: '80 %', total: 50, role: 'transferred', receiver: 'A10' },
      explanation: 'A1 gave 80 % of their 50 points (transferred) to A10',
      rows: [{ approver_id: 'M-2', counterparty_id: null, points: 5, reason: 'approved by M-2' }],
      event_ids: ['E1'],
      n: 3,
    };
    const out = pseudonymizeDeep(input, p);
    const [a1, a10, m2] = [p('A1'), p('A10'), p('M-2')];
    expect(new Set([a1, a10, m2]).size).toBe(3);
    expect(out).toEqual({
      account_id: a1,
      accounts: [a1, a10],
      reason_key: 'concentration',
      reason_vars: { giver: a1, share: '80 %', total: 50, role: 'transferred', receiver: a10 },
      explanation: `${a1} gave 80 % of their 50 points (transferred) to ${a10}`,
      // The ledger's own free text is the ledger's: ids are replaced where the structure puts them, not searched for.
      rows: [{ approver_id: m2, counterparty_id: null, points: 5, reason: 'approved by M-2' }],
      event_ids: ['E1'],
      n: 3,
    });
    expect(input.account_id).toBe('A1'); // a copy: the input is untouched
  });
});

describe('--pseudonymize on the CLI (sample ledger)', () => {
  let db: string;
  let cleanup: () => void;
  let plain: AuditResult;
  beforeAll(async () => {
    const s = await importSampleDir(join(PROJECT_ROOT, 'sample-data'));
    db = s.db.path;
    s.closeDb();
    cleanup = s.cleanup;
    const r = await cli(['audit', '--json', '--db', db]);
    expect(r.code).toBe(0);
    plain = JSON.parse(r.stdout);
  }, 120_000);
  afterAll(() => cleanup?.());

  it('audit: every account id becomes its keyed pseudonym, the same across runs with the same key, different with another', async () => {
    const [one, again, other] = await Promise.all([
      cli(['audit', '--json', '--pseudonymize', '--db', db], KEY_1),
      cli(['audit', '--json', '--pseudonymize', '--db', db], KEY_1),
      cli(['audit', '--json', '--pseudonymize', '--db', db], KEY_2),
    ]);
    for (const r of [one, again, other]) expect(r.code, r.stderr).toBe(0);
    const a: AuditResult = JSON.parse(one.stdout);
    // Same key, same pseudonyms (only the checks' run times may differ between runs).
    expect(JSON.parse(again.stdout).flags).toEqual(a.flags);
    const b: AuditResult = JSON.parse(other.stdout);
    const p1 = pseudonymizer(KEY_1);
    const withAccount = plain.flags.filter((f) => f.account_id !== null);
    expect(withAccount.length).toBeGreaterThan(0);
    expect(a.flags.map((f) => f.account_id)).toEqual(
      plain.flags.map((f) => (f.account_id === null ? null : p1(f.account_id))),
    );
    expect(a.flags.map((f) => f.accounts)).toEqual(plain.flags.map((f) => f.accounts.map(p1)));
    expect(a.flags.map((f) => f.value)).toEqual(plain.flags.map((f) => f.value)); // numbers untouched
    // No real id survives anywhere in the output, explanations included.
    const ids = new Set(plain.flags.flatMap((f) => [...f.accounts, ...(f.account_id ? [f.account_id] : [])]));
    for (const id of ids) expect(one.stdout).not.toMatch(new RegExp(`"${id}"|[ (]${id}[ ,)]`));
    const changed = b.flags.filter((f, i) => f.account_id !== null && f.account_id !== a.flags[i].account_id);
    expect(changed.length).toBe(withAccount.length);
  }, 120_000);

  it('rank and audit-sample: JSON and CSV carry pseudonyms only', async () => {
    const dir = dirname(db);
    const csv = join(dir, 'sample.csv');
    const [rankPlain, rankP, sampleP, samplePlain] = await Promise.all([
      cli(['rank', '--period', 'quarter', '--json', '--db', db]),
      cli(['rank', '--period', 'quarter', '--json', '--pseudonymize', '--db', db], KEY_1),
      cli(['audit-sample', '--rate', '0.02', '--csv', csv, '--pseudonymize', '--db', db], KEY_1),
      cli(['audit-sample', '--rate', '0.02', '--json', '--db', db]),
    ]);
    for (const r of [rankPlain, rankP, sampleP, samplePlain]) expect(r.code, r.stderr).toBe(0);
    const p1 = pseudonymizer(KEY_1);
    const rp: RankResult = JSON.parse(rankPlain.stdout);
    const rk: RankResult = JSON.parse(rankP.stdout);
    expect(rp.rows.length).toBeGreaterThan(0);
    expect(rk.rows.map((r) => r.account_id)).toEqual(rp.rows.map((r) => p1(r.account_id)));
    const rows = (JSON.parse(samplePlain.stdout) as { rows: { account_id: string }[] }).rows;
    const text = readFileSync(csv, 'utf8');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(text).not.toContain(`,${r.account_id},`);
      expect(text).toContain(`,${p1(r.account_id)},`);
    }
  }, 120_000);

  it('refuses --pseudonymize without a key (exit 2, says where to put one); a key in --config works too', async () => {
    const r = await cli(['audit', '--json', '--pseudonymize', '--db', db]);
    expect(r.code).toBe(2);
    // With --json the refusal is the one JSON document on stdout (cli.md).
    const { error } = JSON.parse(r.stdout);
    expect(error.code).toBe('pseudonym_key_missing');
    expect(error.message).toContain('--pseudonymize needs a key');
    expect(error.hint).toContain('LEDGER_LENS_PSEUDONYM_KEY');
    const short = await cli(['rank', '--period', 'all', '--json', '--pseudonymize', '--db', db], 'short');
    expect(short.code).toBe(2);
    expect(JSON.parse(short.stdout).error.message).toContain('at least 16');
    const config = join(dirname(db), 'program.json');
    const program = JSON.parse(readFileSync(join(PROJECT_ROOT, 'sample-data', 'program.json'), 'utf8'));
    writeFileSync(config, JSON.stringify({ ...program, privacy: { pseudonym_key: KEY_2 } }));
    const [viaConfig, viaEnv] = await Promise.all([
      cli(['rank', '--period', 'all', '--json', '--pseudonymize', '--config', config, '--db', db]),
      cli(
        [
          'rank',
          '--period',
          'all',
          '--json',
          '--pseudonymize',
          '--config',
          join(PROJECT_ROOT, 'sample-data', 'program.json'),
          '--db',
          db,
        ],
        KEY_2,
      ),
    ]);
    expect(viaConfig.code, viaConfig.stderr).toBe(0);
    expect(JSON.parse(viaConfig.stdout).rows).toEqual(JSON.parse(viaEnv.stdout).rows);
  }, 120_000);
});
