/**
 * Runs the given tasks one at a time, in arrival order. The server has one DuckDB connection; a report is a
 * sequence of queries (some with temp tables), and two interleaved sequences on one connection could clash.
 */
export function serial() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => {});
    return run;
  };
}

/**
 * Memoises report builds by key. The server holds the database file's write lock, so nothing else can change the
 * data while it runs and a report, once computed, stays right. A failed build is forgotten so it can be retried.
 */
export function memo<T>(limit: number) {
  const cache = new Map<string, Promise<T>>();
  return (key: string, make: () => Promise<T>): Promise<T> => {
    const hit = cache.get(key);
    if (hit) return hit;
    const p = make();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
    // Oldest first out: Map keeps insertion order.
    if (cache.size > limit) cache.delete(cache.keys().next().value as string);
    return p;
  };
}
