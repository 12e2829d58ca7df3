import { expect } from 'vitest';
import type { RunningServer } from '../../src/server/server.ts';

/**
 * Requests as the users of a users file, by name (`tokens` maps a name to its token; null = no token). One
 * connection per request: searching a long answer can outlast the keep-alive timeout.
 */
export function userCalls(tokens: Record<string, string>) {
  const call = async (srv: RunningServer, user: string | null, path: string, method = 'GET') => {
    const headers: Record<string, string> = { connection: 'close', 'X-Ledger-Lens': '1' };
    if (user) headers.authorization = `Bearer ${tokens[user]}`;
    const r = await fetch(new URL(path, srv.url), { method, headers });
    return { status: r.status, text: await r.text() };
  };
  /** The JSON answer of a request that must succeed (the failure names the path and the server's message). */
  const json = async (srv: RunningServer, user: string | null, path: string) => {
    const r = await call(srv, user, path);
    expect(r.status, `${path}: ${r.text.slice(0, 200)}`).toBe(200);
    return JSON.parse(r.text);
  };
  return { call, json };
}
