import { ingest } from './ingest.ts';

export const summary = 'validate a ledger export, write nothing';
export const run = (argv: string[]) => ingest('check', argv);
