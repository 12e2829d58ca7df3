import { ingest } from './ingest.ts';

export const summary = 'validate a ledger export and add it to the database';
export const run = (argv: string[]) => ingest('import', argv);
