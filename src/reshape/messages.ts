import type { ArmBin, ArmHistogram } from './arm-histogram.ts';
import type { ChartTableSpec, CsvRows } from './chart-table.ts';

/** The worker's jobs: what each takes and what it answers. */
export interface ReshapeJobs {
  /** A chart's download: its columns read from the result rows it draws. */
  'chart-table': { input: ChartTableSpec; output: CsvRows };
  /** An experiment's histogram long, with each bin's share of its arm: what the arm-distribution chart draws. */
  'arm-histogram': { input: ArmHistogram; output: ArmBin[] };
}

export type ReshapeJob = keyof ReshapeJobs;

/** What the page asks the reshaping worker: one job, numbered so answers find their caller. */
export type ReshapeRequest = { [J in ReshapeJob]: { id: number; job: J; input: ReshapeJobs[J]['input'] } }[ReshapeJob];

/** The worker's answer: the job's output, or why it could not build it. */
export type ReshapeAnswer = { id: number; output: ReshapeJobs[ReshapeJob]['output'] } | { id: number; error: string };
