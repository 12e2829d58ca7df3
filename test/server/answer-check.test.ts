import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { sendAnswer } from '../../src/server/respond.ts';
import { type RunningServer, startServer } from '../../src/server/server.ts';
import { openTestDb } from '../queries/fixture.ts';

// The server checks each answer against its route's schema (src/api/schema.ts) as it sends it: a drifted answer is
// the server's fault, a 500 whose log line names the route and the field, never a body the page would misread.
describe('an answer that does not match its schema', () => {
  let db: Database;
  let server: RunningServer;
  const lines: string[] = [];
  beforeAll(async () => {
    db = await openTestDb();
    server = await startServer({
      db,
      host: '127.0.0.1',
      port: 0,
      log: (line) => lines.push(line),
      extraRoutes: [
        () => ({
          // A route answering as a half-merged change would: `ok` became a string.
          'GET /api/test-drift': async (_req, res) => sendAnswer(res, '/api/health', { ok: 'yes' } as never),
          'GET /api/test-fine': async (_req, res) => sendAnswer(res, '/api/health', { ok: true }),
        }),
      ],
    });
  });
  afterAll(async () => {
    await server?.close();
    db?.close();
  });

  it('is not sent: a 500 without the body, and the log names the route and the field', async () => {
    const res = await fetch(new URL('/api/test-drift', server.url));
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('internal');
    expect(JSON.stringify(body)).not.toContain('yes');
    expect(lines.join('\n')).toMatch(
      /The answer of \/api\/health does not match its schema \(src\/api\/schema.ts\): ok:/,
    );
  });

  it('a matching answer is sent as it is', async () => {
    const res = await fetch(new URL('/api/test-fine', server.url));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});
