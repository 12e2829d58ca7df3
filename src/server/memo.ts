import { clientSignal, runWithSignal } from './cancel.ts';

interface Entry {
  result: Promise<unknown>;
  /** Every waiter has gone and the work is being cancelled: a new request starts it again instead of joining it. */
  cancelled: AbortSignal;
  /** Counts one more request waiting for the result; the work is cancelled only once every waiter has gone. */
  join(signal: AbortSignal | undefined): void;
}

/**
 * Memoises results by key. The server holds the database file's write lock, so only its own imports can change the
 * data: they call `clear`. A failed computation is forgotten so it can be retried.
 * Requests that ask for the same key while it is computed share the work; it runs under a signal of its own that
 * fires only when all of them have disconnected (a waiter outside any request, such as prewarming, keeps it alive),
 * so one visitor leaving never fails another's answer.
 */
export function memo(limit: number) {
  const cache = new Map<string, Entry>();
  const get = <T>(key: string, make: () => Promise<T>): Promise<T> => {
    let hit = cache.get(key);
    if (!hit || hit.cancelled.aborted) {
      const shared = new AbortController();
      let waiting = 0;
      const result = runWithSignal(shared.signal, make);
      hit = {
        result,
        cancelled: shared.signal,
        join(signal) {
          if (!signal) waiting = Number.POSITIVE_INFINITY;
          else {
            waiting++;
            signal.addEventListener('abort', () => --waiting === 0 && shared.abort(), { once: true });
          }
        },
      };
      cache.set(key, hit);
      result.catch(() => cache.get(key) === hit && cache.delete(key));
      // Oldest first out: Map keeps insertion order.
      if (cache.size > limit) cache.delete(cache.keys().next().value as string);
    }
    hit.join(clientSignal());
    return hit.result as Promise<T>;
  };
  /** Whether `key` is held or being computed (work whose waiters all left is not: a new request starts it again). */
  const has = (key: string): boolean => {
    const hit = cache.get(key);
    return hit !== undefined && !hit.cancelled.aborted;
  };
  return { get, has, clear: () => cache.clear() };
}
