import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedConfig } from '../../src/config.ts';
import { Database } from '../../src/db/database.ts';
import { withCampaigns } from '../../src/audit/campaigns.ts';
import { runAudit } from '../../src/audit/run.ts';
import type { AuditResult } from '../../src/audit/schema.ts';
import { storedAuditSettings, type Campaign } from '../../src/audit/settings.ts';
import { auditDataVersion, auditSettingsHash, readStoredAudit } from '../../src/audit/store.ts';
import { importLedger } from '../../src/ledger/import.ts';
import { dataRange } from '../../src/queries/data-range.ts';
import { everyPeriod, offeredPeriods } from '../../src/server/audit-prefill.ts';
import type { AppOptions } from '../../src/server/app.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { sampleDbFile, serveDb } from '../hardening/sample-db.ts';
import { sqlExec } from '../../src/db/sql.ts';

/**
 * Issue 15: the audit list answers from audits stored in the database. Proven by counting the audits computed (an
 * injected runAudit), never by timing: a restarted server reads the stored row; an import or a settings change
 * makes it unused; the background task stores every period the pages list, the offered ones first.
 */
const Q1 = { from: '2026-01-01', to: '2026-04-01' };
let sample: Awaited<ReturnType<typeof sampleDbFile>>;
let db: Database;
let calls: string[] = [];
const counting: typeof runAudit = (conn, opts) => {
  calls.push(`${opts.from}..${opts.to}`);
  return runAudit(conn, opts);
};
const servers: RunningServer[] = [];
/** A fresh server over the same database file, its audits counted; closed before the next one starts. */
async function restart(extra: Partial<AppOptions> = {}): Promise<RunningServer> {
  for (const s of servers.splice(0)) await s.close();
  calls = [];
  const s = await serveDb(db, sample.dir, { runAudit: counting, ...extra });
  servers.push(s);
  return s;
}
const auditList = async (s: RunningServer, q = 'quarter=2026Q1') => {
  const r = await fetch(new URL(`/api/audit?${q}`, s.url));
  expect(r.status).toBe(200);
  return (await r.json()) as AuditResult;
};
/** Wall times differ run to run; everything else must be equal. */
const withoutTimes = (a: AuditResult) => ({ ...a, checks: a.checks.map((c) => ({ ...c, seconds: 0 })) });
const keyNow = async (period: { from: string; to: string }, campaigns: Campaign[] = []) => ({
  ...period,
  settingsHash: auditSettingsHash(withCampaigns(await storedAuditSettings(db), campaigns), await storedConfig(db)),
  dataVersion: await auditDataVersion(db),
});

beforeAll(async () => {
  sample = await sampleDbFile();
  db = await Database.open(sample.path, { threads: 2 });
}, 180_000);
afterAll(async () => {
  for (const s of servers.splice(0)) await s.close();
  db?.close();
  sample?.cleanup();
});

describe('audits stored in the database', () => {
  let first: AuditResult;

  it('stores a computed audit, equal to a fresh runAudit of the period', async () => {
    const s = await restart();
    first = await auditList(s);
    expect(calls).toEqual(['2026-01-01..2026-04-01']);
    const stored = await readStoredAudit(db, await keyNow(Q1));
    expect(stored).not.toBeNull();
    expect(stored!.flags.length).toBeGreaterThan(0);
    const fresh = await runAudit(db, { ...Q1, settings: await storedAuditSettings(db) });
    expect(withoutTimes(stored!)).toEqual(withoutTimes(fresh));
    expect(first.flags.map((f) => f.flag_id)).toEqual(fresh.flags.map((f) => f.flag_id));
  }, 120_000);

  it('a restarted server answers from the stored row and computes no audit', async () => {
    const s = await restart();
    const again = await auditList(s);
    expect(calls).toEqual([]);
    expect(withoutTimes(again)).toEqual(withoutTimes(first));
  }, 120_000);

  it('a settings change (a campaign) leaves the stored row unused: the audit is computed again', async () => {
    const campaigns: Campaign[] = [
      { from: '2026-02-01', to: '2026-02-02', rule: null, label: 'double points', multiplier: 2 },
    ];
    const s = await restart({ campaigns });
    await auditList(s);
    expect(calls).toEqual(['2026-01-01..2026-04-01']);
    expect(await readStoredAudit(db, await keyNow(Q1, campaigns))).not.toBeNull();
    // The period's row now holds the campaign's audit: the server without it computes its own again.
    await auditList(await restart());
    expect(calls).toEqual(['2026-01-01..2026-04-01']);
  }, 120_000);

  it('an import leaves the stored row unused: the audit is computed again', async () => {
    await auditList(await restart());
    expect(calls).toEqual([]);
    for (const s of servers.splice(0)) await s.close();
    const file = join(sample.dir, 'one-more.csv');
    writeFileSync(
      file,
      'event_id,occurred_at,account_id,points,event_type\nx-store-1,2026-02-10 10:00:00,U0001,5,earn\n',
    );
    await importLedger(db, { file });
    const before = await keyNow(Q1);
    await auditList(await restart());
    expect(calls).toEqual(['2026-01-01..2026-04-01']);
    expect(await readStoredAudit(db, before)).not.toBeNull();
  }, 120_000);

  it('the background task stores every listed period, the offered ones first; a fresh server then computes none', async () => {
    await sqlExec(db, 'DELETE FROM audit_results');
    const s = await restart({ prewarm: true });
    await s.auditsStored();
    const range = await dataRange(db);
    const offered = offeredPeriods(range.first_at!, range.last_at!);
    const every = everyPeriod(range.first_at!, range.last_at!);
    expect(offered.length).toBeGreaterThanOrEqual(5);
    // Every month and quarter the pickers list (meta), each once.
    const meta = (await (await fetch(new URL('/api/meta', s.url))).json()) as { quarters: string[]; months: string[] };
    expect(every).toHaveLength(meta.quarters.length + meta.months.length);
    expect(calls.slice(0, offered.length)).toEqual(offered.map((p) => `${p.from}..${p.to}`));
    expect([...calls].sort()).toEqual(every.map((p) => `${p.from}..${p.to}`).sort());
    for (const p of every) expect(await readStoredAudit(db, await keyNow(p)), `${p.from}..${p.to}`).not.toBeNull();
    const next = await restart();
    // The oldest month and quarter, which no page offers first, are read as well.
    await auditList(next, `month=${meta.months.at(-1)}`);
    await auditList(next, `quarter=${meta.quarters.at(-1)}`);
    await auditList(next, 'quarter=2026Q1');
    expect(calls).toEqual([]);
  }, 600_000);

  it('requests during the task share its audits: each offered period is audited once, whoever asks first', async () => {
    await sqlExec(db, 'DELETE FROM audit_results');
    const s = await restart({ prewarm: true });
    const range = await dataRange(db);
    const offered = offeredPeriods(range.first_at!, range.last_at!);
    // Asked at once, while the task runs: each request either starts the audit or waits for the one running.
    const month = offered.at(-1)!.from.slice(0, 7);
    await Promise.all([auditList(s, 'quarter=2026Q1'), auditList(s, `month=${month}`), auditList(s)]);
    await s.auditsStored();
    const every = everyPeriod(range.first_at!, range.last_at!);
    expect([...calls].sort()).toEqual(every.map((p) => `${p.from}..${p.to}`).sort());
  }, 600_000);

  it('a period that fails in the task is left to be audited on request; the task still stores the others', async () => {
    const range = await dataRange(db);
    const [failing, next] = everyPeriod(range.first_at!, range.last_at!).slice(-2);
    for (const p of [failing, next])
      await sqlExec(
        db,
        `DELETE FROM audit_results WHERE period_from = DATE '${p.from}' AND period_to = DATE '${p.to}'`,
      );
    const logged: string[] = [];
    const failOne: typeof runAudit = (conn, opts) =>
      opts.from === failing.from && opts.to === failing.to
        ? Promise.reject(new Error('planted failure'))
        : counting(conn, opts);
    const s = await restart({ prewarm: true, runAudit: failOne, log: (line) => logged.push(line) });
    await s.auditsStored();
    expect(calls).toEqual([`${next.from}..${next.to}`]);
    expect(logged.filter((l) => l.includes('planted failure'))).toHaveLength(1);
    expect(await readStoredAudit(db, await keyNow(failing))).toBeNull();
    expect(await readStoredAudit(db, await keyNow(next))).not.toBeNull();
    // The next start's task audits the period left over.
    const again = await restart({ prewarm: true });
    await again.auditsStored();
    expect(calls).toEqual([`${failing.from}..${failing.to}`]);
    expect(await readStoredAudit(db, await keyNow(failing))).not.toBeNull();
  }, 300_000);

  it('an import through the Data page starts the task again: the offered periods are stored for the new data', async () => {
    const s = await restart({ prewarm: true });
    await s.auditsStored();
    expect(calls).toEqual([]);
    const post = (path: string, body?: string) =>
      fetch(new URL(path, s.url), { method: 'POST', body, headers: { 'X-Ledger-Lens': '1' } });
    const csv = 'event_id,occurred_at,account_id,points,event_type\nx-store-2,2026-02-11 10:00:00,U0002,7,earn\n';
    const checked = (await (await post('/api/uploads?name=more.csv', csv)).json()) as { upload_id: string };
    expect((await post(`/api/uploads/commit?upload_id=${checked.upload_id}`)).status).toBe(200);
    await s.auditsStored();
    const range = await dataRange(db);
    const every = everyPeriod(range.first_at!, range.last_at!);
    expect([...calls].sort()).toEqual(every.map((p) => `${p.from}..${p.to}`).sort());
    for (const p of every) expect(await readStoredAudit(db, await keyNow(p)), `${p.from}..${p.to}`).not.toBeNull();
  }, 600_000);
});
