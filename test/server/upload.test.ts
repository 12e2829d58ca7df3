import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { reportBuilder } from '../../src/server/report-builder.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { fixtureDb } from './fixture-db.ts';

let fixture: Awaited<ReturnType<typeof fixtureDb>>;
let db: Database;
let server: RunningServer;
let uploadDir: string;

const HEADERS = { 'X-Ledger-Lens': '1' };
const post = (path: string, body?: string, headers: Record<string, string> = HEADERS) =>
  fetch(new URL(path, server.url), { method: 'POST', body, headers });
// biome-ignore lint/suspicious/noExplicitAny: answers of several shapes, checked field by field in each test.
const json = async (r: Response) => (await r.json()) as Record<string, any>;
const totals = async () =>
  (await json(await fetch(new URL('/api/imports', server.url)))).totals as { rows: number; issued: number };

// Chinese headers and a quarantined row: what a user's export from a Chinese HR system looks like.
const CSV = [
  '流水号,发生时间,员工编号,积分,类型,部门',
  'n-1,2026-03-05 10:00:00,acc-9,40,earn,Sales',
  'n-2,2026-03-06 10:00:00,acc-9,x,earn,Sales',
  'n-3,2026-03-07 10:00:00,acc-8,60,earn,Ops',
  '',
].join('\n');

beforeAll(async () => {
  fixture = await fixtureDb();
  db = await Database.open(fixture.path, { threads: 1 });
  uploadDir = join(fixture.dir, 'uploads');
  server = await startServer({
    db,
    host: '127.0.0.1',
    port: 0,
    buildReport: reportBuilder(),
    log: () => {},
    uploadDir,
    maxUploadBytes: 1000,
  });
});
afterAll(async () => {
  await server?.close();
  db?.close();
  fixture?.cleanup();
});

describe('uploading a ledger from the Data page', () => {
  it('checks first, imports nothing until committed, then imports and the numbers follow', async () => {
    const before = await totals();
    const report = await json(await fetch(new URL('/api/report?quarter=2026Q1', server.url)));
    const checked = await json(await post('/api/uploads?name=export.csv', CSV));
    expect(checked.check).toMatchObject({ rows_read: 3, accepted: 2, quarantined: 1, duplicates: 0, dry_run: true });
    expect(checked.check.mapping).toMatchObject({
      event_id: '流水号',
      occurred_at: '发生时间',
      account_id: '员工编号',
      points: '积分',
    });
    expect(checked.check.quarantine[0]).toMatchObject({ line: 3 });
    expect(await totals()).toEqual(before); // a check writes nothing

    const done = await json(await post(`/api/uploads/commit?upload_id=${checked.upload_id}`));
    expect(done.import).toMatchObject({ rows_read: 3, accepted: 2, quarantined: 1, dry_run: false });
    const after = await totals();
    expect(after.rows).toBe(before.rows + 2);
    expect(after.issued).toBe(before.issued + 40 + 60);
    // The cached report was dropped: the new rows show at once.
    const again = await json(await fetch(new URL('/api/report?quarter=2026Q1', server.url)));
    expect(again.issued).toBe(report.issued + 100);
    expect(readdirSync(uploadDir)).toEqual([]); // the waiting file is gone
    const progress = await json(
      await fetch(new URL(`/api/uploads/progress?upload_id=${checked.upload_id}`, server.url)),
    );
    expect(progress.progress.done).toBe(true);
  });

  it('refuses a post without the X-Ledger-Lens header (another site cannot post here)', async () => {
    const r = await post('/api/uploads?name=x.csv', CSV, {});
    expect(r.status).toBe(400);
    expect((await json(r)).error.code).toBe('missing_header');
  });

  it('answers 413 above the size limit and 400 for an unusable file, keeping nothing', async () => {
    const big = await post(
      '/api/uploads?name=big.csv',
      `${CSV}${'n-9,2026-03-07 10:00:00,acc-8,60,earn,Ops\n'.repeat(40)}`,
    );
    expect(big.status).toBe(413);
    expect((await json(big)).error.message).toContain('larger than the limit');
    const headerOnly = await post('/api/uploads?name=empty.csv', 'event_id,occurred_at,account_id,points,event_type\n');
    expect(headerOnly.status).toBe(400);
    expect((await json(headerOnly)).error.message).toContain('empty.csv');
    expect(readdirSync(uploadDir)).toEqual([]);
  });

  it('discards a checked upload, and a later commit of it says the upload is gone', async () => {
    const checked = await json(await post('/api/uploads?name=../../evil.csv', CSV));
    expect(checked.name).toBe('evil.csv'); // the path is cut to a file name inside the upload folder
    expect(existsSync(join(uploadDir, checked.upload_id, 'evil.csv'))).toBe(true);
    expect((await json(await post(`/api/uploads/discard?upload_id=${checked.upload_id}`))).discarded).toBe(true);
    const late = await post(`/api/uploads/commit?upload_id=${checked.upload_id}`);
    expect(late.status).toBe(400);
    expect((await json(late)).error.code).toBe('unknown_upload');
  });
});
