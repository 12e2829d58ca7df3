import { armHistogram } from './arm-histogram.ts';
import { chartTable } from './chart-table.ts';
import type { ReshapeAnswer, ReshapeJob, ReshapeJobs, ReshapeRequest } from './messages.ts';

// The dashboard's dedicated worker: the only browser code that runs arquero. The server sends this file with a
// policy allowing 'unsafe-eval' (and no network), while the page keeps `script-src 'self'`.
// (The project compiles against the DOM library, not the worker one: the little this file needs, typed here.)
const scope = self as unknown as {
  onmessage: (e: MessageEvent<ReshapeRequest>) => void;
  postMessage: (answer: ReshapeAnswer) => void;
};

const JOBS: { [J in keyof ReshapeJobs]: (input: ReshapeJobs[J]['input']) => ReshapeJobs[J]['output'] } = {
  'chart-table': chartTable,
  'arm-histogram': (input) => armHistogram(input).objects() as ReshapeJobs['arm-histogram']['output'],
};

scope.onmessage = (e: MessageEvent<ReshapeRequest>) => {
  const { id, job, input } = e.data;
  let answer: ReshapeAnswer;
  try {
    // The request's job and input travel as one union; TypeScript cannot pair them through the table, hence the cast.
    const run = JOBS[job] as ((input: ReshapeRequest['input']) => ReshapeJobs[ReshapeJob]['output']) | undefined;
    if (!run) throw new Error(`no reshaping job named "${job}"`);
    answer = { id, output: run(input) };
  } catch (err) {
    answer = { id, error: (err as Error).message };
  }
  scope.postMessage(answer);
};
