import { armBinRows } from './arm-bins.ts';
import type { ReshapeAnswer, ReshapeRequest } from './messages.ts';

// The dashboard's dedicated worker: the only browser code that runs arquero. The server sends this file with a
// policy allowing 'unsafe-eval' (and no network), while the page keeps `script-src 'self'`.
// (The project compiles against the DOM library, not the worker one: the little this file needs, typed here.)
const scope = self as unknown as {
  onmessage: (e: MessageEvent<ReshapeRequest>) => void;
  postMessage: (answer: ReshapeAnswer) => void;
};

scope.onmessage = (e: MessageEvent<ReshapeRequest>) => {
  const { id, input } = e.data;
  let answer: ReshapeAnswer;
  try {
    answer = { id, rows: armBinRows(input) };
  } catch (err) {
    answer = { id, error: (err as Error).message };
  }
  scope.postMessage(answer);
};
