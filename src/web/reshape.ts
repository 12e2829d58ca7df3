import { useEffect, useState } from 'react';
import { isLang, t } from '../i18n/index.ts';
import type { ChartColumn } from '../reshape/chart-table.ts';
import type { ReshapeAnswer, ReshapeJob, ReshapeJobs, ReshapeRequest } from '../reshape/messages.ts';
import type { Loaded } from './app/api.ts';
import type { CsvTable } from './components/XlsxButton.tsx';

type Output = ReshapeJobs[ReshapeJob]['output'];
let worker: Worker | undefined;
let next = 0;
const waiting = new Map<number, { resolve: (output: Output) => void; reject: (e: Error) => void }>();

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
    else caller.resolve(a.output);
  };
  // A worker that cannot start (blocked, missing) fails every pending job with the browser's reason.
  w.onerror = (e) => {
    const lang = isLang(document.documentElement.lang) ? document.documentElement.lang : 'en';
    for (const c of waiting.values()) c.reject(new Error(e.message || t(lang, 'app.reshape_failed')));
    waiting.clear();
    worker = undefined;
  };
  worker = w;
  return w;
}

/** Runs one job in the worker; the page goes on meanwhile. */
export function reshape<J extends ReshapeJob>(
  job: J,
  input: ReshapeJobs[J]['input'],
): Promise<ReshapeJobs[J]['output']> {
  const id = ++next;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve: resolve as (output: Output) => void, reject });
    reshaper().postMessage({ id, job, input } as ReshapeRequest);
  });
}

/** The worker's answer for `input` as a part of the page awaits it: loading, the error (with retry), or done. */
export function useReshaped<J extends ReshapeJob>(
  job: J,
  input: ReshapeJobs[J]['input'],
): Loaded<ReshapeJobs[J]['output']> {
  const [result, setResult] = useState<Loaded<ReshapeJobs[J]['output']>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry button's trigger, read by no line of the effect
  useEffect(() => {
    let live = true;
    setResult({ state: 'loading' });
    reshape(job, input).then(
      (data) => live && setResult({ state: 'done', data }),
      (error: Error) => live && setResult({ state: 'error', error, retry: () => setAttempt((a) => a + 1) }),
    );
    return () => {
      live = false;
    };
  }, [job, input, attempt]);
  return result;
}

type Keys<R> = Extract<keyof R, string>;
type Extras = Pick<CsvTable, 'labels' | 'types'>;

/**
 * A chart's download built in the worker when asked for (a Chart's `csv`): `columns` read from `rows`, the result
 * rows the chart draws; `extras` are the page's column titles and cell types where it gives them.
 */
export function chartCsv<R extends object>(rows: readonly R[], columns: ChartColumn<Keys<R>>[], extras: Extras = {}) {
  return async (): Promise<CsvTable> => ({
    ...(await reshape('chart-table', { parts: [{ rows }], columns })),
    ...extras,
  });
}

/** As chartCsv, for series drawn together: their rows stacked in order, each tagged with its own fixed columns. */
export function stackedCsv<R extends object, T extends string>(
  parts: { rows: readonly R[]; tag: Record<T, string> }[],
  columns: ChartColumn<Keys<R> | NoInfer<T>>[],
) {
  return async (): Promise<CsvTable> => reshape('chart-table', { parts, columns });
}
