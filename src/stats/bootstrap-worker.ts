// Worker entry of bootstrapGiniOffThread (bootstrap-thread.ts): one Gini bootstrap, posted back as its interval.
import { parentPort, workerData } from 'node:worker_threads';
import { type BootstrapOptions, bootstrapGini } from './bootstrap.ts';

const { values, opts } = workerData as { values: Float64Array; opts: BootstrapOptions };
parentPort?.postMessage(bootstrapGini(values, opts));
