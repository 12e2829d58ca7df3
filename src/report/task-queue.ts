import type { Database } from '../db/database.ts';

/** Named reads of a report, each run on whichever connection takes it. */
export type Tasks<T> = { [K in keyof T]: (on: Database) => Promise<T[K]> };

/**
 * Reads shared by the connections of one report: each connection, once its own period is done, takes the next read
 * not yet taken, so two connections end at about the same time whichever finished first (a fixed split leaves one
 * idle while the other still works). Reads are taken in the order given: the longest first. A read's answer does
 * not depend on the connection that runs it (a connection without the request's kept passes computes them).
 */
export function taskQueue<T extends object>(tasks: Tasks<T>) {
  const todo = Object.entries(tasks) as [keyof T, (on: Database) => Promise<unknown>][];
  const done: Partial<T> = {};
  let failure: { error: unknown } | undefined;
  /** Runs reads on `on` until none is left or one has failed; rejects with the first failure it meets. */
  const drain = async (on: Database): Promise<void> => {
    for (let next = todo.shift(); next && !failure; next = todo.shift()) {
      const [key, task] = next;
      try {
        done[key] = (await task(on)) as T[keyof T];
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  };
  /** Every answer, once every drain has ended (call after awaiting them). */
  const results = (): T => {
    if (failure) throw failure.error;
    if (todo.length > 0) throw new Error('taskQueue: results asked for before every read was taken');
    return done as T;
  };
  return { drain, results };
}
