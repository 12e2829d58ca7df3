import type { CsvValue } from '../csv.ts';
import type { ArmHistogram } from './arm-bins.ts';

/** What the page asks the reshaping worker: one job, numbered so answers find their caller. */
export type ReshapeRequest = { id: number; job: 'arm-bins'; input: ArmHistogram };

/** The worker's answer: the CSV rows, or why it could not build them. */
export type ReshapeAnswer = { id: number; rows: CsvValue[][] } | { id: number; error: string };
