import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { UserError } from '../errors.ts';

const current = new AsyncLocalStorage<AbortSignal | undefined>();

/**
 * Runs one request's handler with a signal that fires when its client goes away before the answer is sent, so the
 * database work started for it can be cancelled (`whenAbandoned`) instead of holding a connection nobody waits on.
 */
export function withClientSignal<T>(req: IncomingMessage, res: ServerResponse, handle: () => T): T {
  const controller = new AbortController();
  const gone = () => {
    if (!res.writableFinished) controller.abort();
  };
  res.once('close', gone);
  req.once('aborted', gone);
  return current.run(controller.signal, handle);
}

/** Runs `fn` under `signal` instead of the current request's (shared work: src/server/memo.ts). */
export const runWithSignal = <T>(signal: AbortSignal, fn: () => T): T => current.run(signal, fn);

/**
 * Runs `fn` outside the current request: work it starts for nobody in particular (prewarming, storing audits ahead
 * of time after an import) is neither cancelled with that request nor counted as its waiter. Not `exit()`: on Node 20
 * a `run()` inside it (memo.ts) re-enables the storage and brings the request's signal back.
 */
export const outsideRequest = <T>(fn: () => T): T => current.run(undefined, fn);

/** The signal of the request being handled, if any (prewarming runs outside every request). */
export const clientSignal = (): AbortSignal | undefined => current.getStore();

/**
 * Calls `interrupt` when `signal` fires, and again every few milliseconds until `task` settles: an interrupt only
 * cancels the query running at that instant, and a task between two queries would otherwise start the next one.
 */
export async function cancelWhenAbandoned<T>(
  signal: AbortSignal | undefined,
  interrupt: () => void,
  task: () => Promise<T>,
): Promise<T> {
  if (!signal) return task();
  if (signal.aborted) throw abandoned();
  let repeat: NodeJS.Timeout | undefined;
  const onAbort = () => {
    interrupt();
    repeat = setInterval(interrupt, 5);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const out = await task();
    if (signal.aborted) throw abandoned();
    return out;
  } catch (e) {
    throw signal.aborted ? abandoned() : e;
  } finally {
    signal.removeEventListener('abort', onAbort);
    clearInterval(repeat);
  }
}

const abandoned = () =>
  new UserError('client_gone', 'the client closed the connection; its query was cancelled', {
    exitCode: 1,
    details: { status: 499 },
  });
