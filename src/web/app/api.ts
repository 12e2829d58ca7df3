import { useEffect, useState } from 'react';
import { type Answer, type ApiRoute, checkAnswer, isApiRoute, routeName } from '../../api/schema.ts';

/** An answer the API refused or failed, with its own message (the server names the parameter and the fix). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly hint?: string,
    /** The server's error code (e.g. group_too_small), for a message the page words in its own language. */
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * An answer that does not match its route's schema (src/api/schema.ts): the page shows it as that part's error, in
 * its own language (Async), naming the route and the first wrong fields; the message is the developer's English.
 */
export class AnswerMismatch extends Error {
  constructor(
    readonly route: string,
    message: string,
    /** The first wrong fields, e.g. `totals: expected object`. */
    readonly fields: string,
  ) {
    super(message);
  }
}

/** The access token the page was opened with (?token=…), sent on every request as a bearer header. */
export function token(): string | null {
  return new URLSearchParams(location.search).get('token');
}

export function withToken(path: string): string {
  const tk = token();
  if (!tk) return path;
  return `${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(tk)}`;
}

/** The routes a page reads with useApi: the GET routes of the API schema. */
export type GetRoute = Exclude<ApiRoute, `${'POST' | 'PUT' | 'DELETE'} ${string}`>;

/**
 * A request path that remembers, in its type only, the route it asks: useApi reads the answer's type from the route's
 * schema through it, so a page never declares an answer's shape a second time.
 */
export type RoutePath<P extends string> = string & { readonly [routeOf]: P };
declare const routeOf: unique symbol;

/** `/api/report` + {quarter: '2026Q1', filter: null} → `/api/report?quarter=2026Q1` (empty values left out). */
export function apiPath<P extends string>(
  path: P,
  params: Record<string, string | null | undefined> = {},
): RoutePath<P> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return (s ? `${path}?${s}` : path) as RoutePath<P>;
}

export async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  const tk = token();
  if (tk) headers.set('Authorization', `Bearer ${tk}`);
  const res = await fetch(path, { ...init, headers });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string; hint?: string } } | null)?.error;
    throw new ApiError(res.status, err?.message ?? `${res.status} ${res.statusText}`, err?.hint, err?.code);
  }
  // Every route's answer is checked against the schema the server typed it with, before a page draws it.
  const route = routeName(init.method ?? 'GET', path.split('?')[0]);
  if (isApiRoute(route)) {
    const checked = checkAnswer(route, body);
    if (!checked.ok) throw new AnswerMismatch(route, checked.message, checked.fields);
  }
  return body as T;
}

/** GETs on their way, by path: parts of a page that ask for the same answer at once share one request. */
const inFlight = new Map<string, Promise<unknown>>();

/**
 * One request for every part asking `path` while it is on its way (Health's KPIs and its department bars ask for the
 * same report when no filter is set); once it settled, the next ask (a retry, a later visit) is a new request.
 */
function shared<T>(path: string): Promise<T> {
  const on = inFlight.get(path);
  if (on) return on as Promise<T>;
  const p = request<T>(path).finally(() => inFlight.delete(path));
  inFlight.set(path, p);
  return p;
}

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'error'; error: ApiError | Error; retry: () => void; path?: string }
  | { state: 'done'; data: T; path?: string };

/** Whether `loaded` holds the answer (or the failure) for `path` itself: not still loading, not an earlier path's. */
export const answered = (loaded: Loaded<unknown>, path: string | null): boolean =>
  loaded.state !== 'loading' && loaded.path === path;

/**
 * GETs `path` whenever it changes; the previous answer is dropped so a stale number is never shown as current. The
 * answer's type is its route's schema (`path` is the route itself or apiPath(route, …)), checked at run time by request.
 */
export function useApi<R extends GetRoute>(path: R | RoutePath<R> | null): Loaded<Answer<R>> {
  type T = Answer<R>;
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry button's trigger, read by no line of the effect
  useEffect(() => {
    setResult({ state: 'loading' });
    // Not asked (yet): an earlier path's answer is dropped too.
    if (path === null) return;
    let live = true;
    shared<T>(path).then(
      (data) => live && setResult({ state: 'done', data, path }),
      (error: Error) => live && setResult({ state: 'error', error, retry: () => setAttempt((a) => a + 1), path }),
    );
    return () => {
      live = false;
    };
  }, [path, attempt]);
  return result;
}
