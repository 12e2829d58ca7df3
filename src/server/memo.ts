/**
 * Memoises results by key. The server holds the database file's write lock, so only its own imports can change the
 * data: they call `clear`. A failed computation is forgotten so it can be retried.
 */
export function memo(limit: number) {
  const cache = new Map<string, Promise<unknown>>();
  const get = <T>(key: string, make: () => Promise<T>): Promise<T> => {
    const hit = cache.get(key);
    if (hit) return hit as Promise<T>;
    const p = make();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
    // Oldest first out: Map keeps insertion order.
    if (cache.size > limit) cache.delete(cache.keys().next().value as string);
    return p;
  };
  return { get, clear: () => cache.clear() };
}
