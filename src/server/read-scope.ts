import { AsyncLocalStorage } from 'node:async_hooks';
import type { AccountScope } from '../db/within-scope.ts';

const current = new AsyncLocalStorage<AccountScope>();

/**
 * Runs one request's handler for a user with a scope: every database read it makes (src/server/app.ts) then sees
 * the scope's accounts only (src/db/within-scope.ts), and its cached results are kept apart from everyone else's.
 * Set by the server from the user's token, never from the request.
 */
export const withReadScope = <T>(scope: AccountScope, handle: () => T): T => current.run(scope, handle);

/**
 * Runs `handle` reading the whole program, even in a scoped user's request: for the program's aggregate totals a
 * manager may be allowed (src/server/access.ts decides; the route returns aggregates only).
 */
export const withoutReadScope = <T>(handle: () => T): T => current.exit(handle);

/** The scope of the request being handled, if its user has one. */
export const readScope = (): AccountScope | undefined => current.getStore();

/** The scope as text (`department=研发部`, `department=研发部,市场部`): in messages, cache keys and the access log. */
export const scopeText = (s: AccountScope | undefined): string | null =>
  s ? `${s.attribute}=${typeof s.value === 'string' ? s.value : s.value.join(',')}` : null;
