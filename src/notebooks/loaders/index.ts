import type { Loader } from '../context.ts';
import { experiment } from './experiment.ts';
import { fairness } from './fairness.ts';
import { health } from './health.ts';

/** notebooks/data/<name>.json ← LOADERS[name]; a notebook reads it with FileAttachment("data/<name>.json"). */
export const LOADERS: Record<string, Loader> = { health, fairness, experiment };
