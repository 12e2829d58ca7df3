import type { CsvValue } from '../csv.ts';
import type { ArmHistogram } from '../reshape/arm-bins.ts';
import type { ReshapeAnswer, ReshapeRequest } from '../reshape/messages.ts';

let worker: Worker | undefined;
let next = 0;
const waiting = new Map<number, { resolve: (rows: CsvValue[][]) => void; reject: (e: Error) => void }>();

/**
 * The reshaping worker, started on first use. Arquero needs `new Function`, which the page's policy forbids; the
 * worker is a separate script with its own policy (src/server/security.ts), so the page never evaluates strings.
 */
function reshaper(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('../reshape/reshape-worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (e: MessageEvent<ReshapeAnswer>) => {
    const a = e.data;
    const caller = waiting.get(a.id);
    waiting.delete(a.id);
    if (!caller) return;
    if ('error' in a) caller.reject(new Error(a.error));
    else caller.resolve(a.rows);
  };
  // A worker that cannot start (blocked, missing) fails every pending job with the browser's reason.
  w.onerror = (e) => {
    for (const c of waiting.values()) c.reject(new Error(e.message || 'the reshaping worker did not start'));
    waiting.clear();
    worker = undefined;
  };
  worker = w;
  return w;
}

function ask(request: Omit<ReshapeRequest, 'id'>): Promise<CsvValue[][]> {
  const id = ++next;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    reshaper().postMessage({ ...request, id } satisfies ReshapeRequest);
  });
}

/** An experiment's histogram as CSV rows (arm, bin_from, bin_to, accounts), built in the worker. */
export const armBinRowsInWorker = (input: ArmHistogram) => ask({ job: 'arm-bins', input });
