import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/db/database.ts';
import { allImports, type ImportEdge } from './imports.ts';

const SRC = join(PROJECT_ROOT, 'src');

/**
 * A name handed on from another place (`export { addDays } from '../dates.ts'` in audit/) gives one thing two
 * addresses, and importers drift between them (issue 18, item 3). A place's own barrel (audit/index.ts over
 * audit/*.ts) is one address per place and stays allowed.
 */
function secondAddress(e: ImportEdge): string | undefined {
  if (!e.reexport || e.from === e.to || e.to.startsWith('package:')) return undefined;
  return `src/${e.file}:${e.line} re-exports '${e.specifier}' from ${e.to}: import it from there instead`;
}

describe('re-exports across places', () => {
  it('none: every name is imported from the file that defines it', () => {
    const found = allImports(SRC).flatMap((e) => secondAddress(e) ?? []);
    expect(found).toEqual([]);
  });

  it('rejects a function handed on from another place, and allows a barrel within its own place', () => {
    const edge: ImportEdge = {
      file: 'audit/context.ts',
      line: 36,
      from: 'audit',
      to: 'dates.ts',
      typeOnly: false,
      specifier: '../dates.ts',
      reexport: true,
    };
    expect(secondAddress(edge)).toMatch(/re-exports '..\/dates.ts' from dates.ts/);
    expect(secondAddress({ ...edge, reexport: false })).toBeUndefined();
    expect(secondAddress({ ...edge, file: 'audit/index.ts', to: 'audit', specifier: './run.ts' })).toBeUndefined();
  });

  it('sees the re-exports of src/ (the scanner works)', () => {
    expect(allImports(SRC).some((e) => e.reexport && e.file === 'audit/index.ts')).toBe(true);
  });
});
