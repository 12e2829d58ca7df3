import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database } from '../db/database.ts';
import type { AccountScope } from '../db/within-scope.ts';
import { UserError } from '../errors.ts';
import {
  mayCall,
  PROGRAM_TOTALS_ROUTE,
  programTotalsAllowed,
  programTotalsRefused,
  scopeGuard,
  scopeText,
  viewerGuard,
} from './access.ts';
import { withReadScope } from './read-scope.ts';
import { ensureAccessLog } from '../db/access-log.ts';
import { appendAccess, exportOf } from './access-log.ts';
import type { Context, Handler } from './context.ts';
import { addTransform, pseudonymizing } from './privacy.ts';
import { authorized, givenToken, sameSecret } from './security.ts';
import { setPrincipal } from './principal.ts';
import { authenticate, type Principal, type Users } from './users.ts';

export interface AccessOptions {
  ctx: Context;
  users?: Users;
  token?: string;
  pseudonymKey?: string;
  clock?: () => Date;
  /** Runs a database write in turn with the requests (the access log). */
  write: (task: (db: Database) => Promise<void>) => Promise<void>;
}

/**
 * Who a request comes from and what they may see. Without a users file: anyone on loopback, or whoever has the one
 * token, is an administrator (today's behaviour; all pseudonymised with serve --pseudonymize). With one: each token
 * is a person with a role and maybe a scope, checked on the server for every route, and every request is logged.
 */
export function accessControl(o: AccessOptions) {
  const locked = o.users !== undefined || o.token !== undefined;
  const clock = o.clock ?? (() => new Date());
  const pseudo = o.pseudonymKey ? pseudonymizing(o.ctx, o.pseudonymKey) : undefined;
  const viewerCheck = viewerGuard(o.ctx);
  const guards = new Map<string, ReturnType<typeof scopeGuard>>();
  const guardOf = (scope: AccountScope) => {
    const k = scopeText(scope)!;
    if (!guards.has(k)) guards.set(k, scopeGuard(o.ctx, scope));
    return guards.get(k)!;
  };

  if (o.users)
    o.write((db) => ensureAccessLog(db)).catch((e: unknown) =>
      o.ctx.log(`access log: ${(e as Error)?.message ?? String(e)}`),
    );

  const accepts = (given: string) =>
    o.users ? authenticate(o.users, given) !== null : o.token !== undefined && sameSecret(given, o.token);

  const who = (req: IncomingMessage, url: URL): Principal | null => {
    if (o.users) return authenticate(o.users, givenToken(req, url));
    if (!authorized(req, url, o.token)) return null;
    return { name: o.token ? 'token' : 'local', role: 'admin', pseudonymize: o.pseudonymKey !== undefined };
  };

  const logOnFinish = (p: Principal, req: IncomingMessage, res: ServerResponse, url: URL) => {
    const params = new URLSearchParams(url.search);
    params.delete('token');
    const query = params.size > 0 ? `?${params}` : '';
    const at = clock().toISOString().replace('T', ' ').replace('Z', '');
    res.on('finish', () => {
      const exported = exportOf(res);
      const entry = {
        at,
        user_name: p.name,
        role: p.role,
        method: req.method ?? 'GET',
        route: url.pathname,
        query,
        scope: scopeText(p.scope),
        status: res.statusCode,
        export_file: exported?.file ?? null,
        export_rows: exported?.rows ?? null,
      };
      o.write((db) => appendAccess(db, entry)).catch((e: unknown) =>
        o.ctx.log(`access log: ${(e as Error)?.message ?? String(e)}`),
      );
    });
  };

  const serve = async (
    p: Principal,
    key: string,
    route: Handler,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ) => {
    if (o.users) logOnFinish(p, req, res, url);
    setPrincipal(req, p);
    if (!mayCall(p, key)) {
      throw new UserError('forbidden', `${key}: not available to the role ${p.role}`, {
        details: { status: 403 },
        hint: 'Ask an administrator for another role.',
      });
    }
    if (p.pseudonymize) {
      if (!pseudo) throw new Error('a pseudonymised user but no pseudonym key: serve checks this at start');
      await pseudo(url, res);
    }
    const scope = p.scope;
    if (!scope) {
      if (p.role === 'viewer') addTransform(res, await viewerCheck(url));
      if (key === 'GET /api/meta') addTransform(res, withAccess(p, false, null));
      return route(req, res, url);
    }
    // Everything the request reads, the guard's checks included, is read within the scope.
    await withReadScope(scope, async () => {
      const guard = await guardOf(scope)(key, url);
      addTransform(res, guard.transform);
      const totals = guard.tooSmall === null && (await programTotalsAllowed(o.ctx, p));
      if (key === PROGRAM_TOTALS_ROUTE && !totals) throw programTotalsRefused();
      if (key === 'GET /api/meta') addTransform(res, withAccess(p, totals, guard.tooSmall));
      await route(req, res, url);
    });
  };

  return { locked, accepts, who, serve };
}

/**
 * What /api/meta tells the page about its user: the role and scope, whether to ask for the program's totals beside
 * the scope's (a manager allowed them; everyone else's numbers are the program's already), and the minimum group
 * size a scope falls short of (the page then shows the notice alone).
 */
const withAccess =
  (p: Principal, programTotals: boolean, scopeTooSmall: number | null) =>
  <T>(x: T): T =>
    ({
      ...(x as object),
      access: {
        role: p.role,
        scope: scopeText(p.scope),
        program_totals: programTotals,
        scope_too_small: scopeTooSmall,
      },
    }) as T;
