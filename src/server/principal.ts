import type { IncomingMessage } from 'node:http';
import type { Principal } from './users.ts';

const principals = new WeakMap<IncomingMessage, Principal>();

/** Set by the access control before a route runs: who sent the request (a route that records who did what reads it). */
export function setPrincipal(req: IncomingMessage, p: Principal) {
  principals.set(req, p);
}

/** The request's user; `local` (an administrator) when the server runs without a users file. */
export function principalOf(req: IncomingMessage): Principal {
  return principals.get(req) ?? { name: 'local', role: 'admin', pseudonymize: false };
}
