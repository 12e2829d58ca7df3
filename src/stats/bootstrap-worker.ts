// Worker entry of the bootstrap thread (bootstrap-thread.ts): each message is one Gini bootstrap, answered with its
// interval under the message's id.
import { parentPort } from 'node:worker_threads';
import { type BootstrapOptions, bootstrapGini } from './bootstrap.ts';

parentPort?.on('message', ({ id, values, opts }: { id: number; values: Float64Array; opts: BootstrapOptions }) => {
  parentPort?.postMessage({ id, interval: bootstrapGini(values, opts) });
});
