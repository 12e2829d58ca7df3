/** The importer's public surface: CLI, server and tests import from here. */
export { importLedger } from './import-ledger.ts';
export { rollupIdsClean, readCleanLedger } from './read-clean.ts';
export { importAccounts, importRules } from './import-keyed.ts';
export type { ImportOptions } from './pipeline.ts';
export type { ImportSummary, QuarantineEntry } from './summary.ts';
