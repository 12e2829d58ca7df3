import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/db/database.ts';
import { allImports } from './imports.ts';

const SRC = join(PROJECT_ROOT, 'src');

/** Every file of src/ that `file` (src-relative) loads, itself included, through relative imports of any kind. */
function reached(file: string): Set<string> {
  const edges = allImports(SRC).filter((e) => e.target !== undefined);
  const seen = new Set([file]);
  for (const f of seen) for (const e of edges) if (e.file === f && e.target) seen.add(e.target);
  return seen;
}

// `report --ledger` of a clean file loads src/ledger/read-clean.ts before its read starts (src/cli/source.ts): the
// importer's modules, a sixth of a second of one core at the start of the command, are loaded only when needed.
describe('the one-shot read loads none of the importer', () => {
  it('read-clean.ts reaches the one-shot read and not the import pipeline', () => {
    const files = reached('ledger/read-clean.ts');
    expect(files.has('db/ingest/one-shot.ts')).toBe(true);
    expect([...files].filter((f) => /^ledger\/(import|import-ledger|import-keyed|pipeline)\.ts$/.test(f))).toEqual([]);
  });

  it('the pipeline is reached from the importer (the walk follows imports)', () => {
    expect(reached('ledger/import.ts').has('ledger/pipeline.ts')).toBe(true);
  });
});
