import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/db/database.ts';
import { ALLOWED, KNOWN_CYCLES, KNOWN_VIOLATIONS, PACKAGE_OWNERS, SHARED, WEB_TYPES_FROM } from './arrows.ts';
import { allImports, fileCycles, type ImportEdge, importEdges, placeOf } from './imports.ts';

const SRC = join(PROJECT_ROOT, 'src');

/** Why an import breaks the arrows, or undefined when it follows them. */
function violation(e: ImportEdge): string | undefined {
  if (e.to.startsWith('package:')) {
    const owners = PACKAGE_OWNERS[e.to.slice('package:'.length)];
    return owners && !owners.includes(e.from)
      ? `only ${owners.map((o) => `${o}/`).join(', ')} may import ${e.to.slice(8)}`
      : undefined;
  }
  if (e.to.startsWith('../')) return `reaches outside src/ (${e.specifier})`;
  if (SHARED.includes(e.to)) return undefined;
  const allowed = ALLOWED[e.from];
  if (allowed === undefined) return `${e.from} is not a known place: add it to test/architecture/arrows.ts`;
  if (allowed.includes(e.to)) return undefined;
  if (e.from === 'web' && e.typeOnly && WEB_TYPES_FROM.includes(e.to)) return undefined;
  return `arrow ${e.from} → ${e.to}${e.typeOnly ? ' (types)' : ''} is not allowed`;
}

const key = (e: ImportEdge) => `${e.file} → ${e.specifier}`;

describe('the import graph of src/', () => {
  const edges = importEdges(SRC);

  it('finds imports (the scanner works)', () => {
    expect(edges.some((e) => e.from === 'web' && e.to === 'charts')).toBe(true);
    expect(edges.some((e) => e.from === 'db' && e.to === 'package:@duckdb/node-api')).toBe(true);
    expect(placeOf('report/html/page.ts')).toBe('report');
  });

  it('has only allowed folder-to-folder arrows (besides the listed ones to move)', () => {
    const unexpected = edges
      .filter((e) => violation(e) !== undefined && !KNOWN_VIOLATIONS.includes(key(e)))
      .map((e) => `src/${e.file}:${e.line} imports '${e.specifier}': ${violation(e)}`);
    expect(unexpected, 'move the code to the place its arrow allows, or argue the arrow in arrows.ts').toEqual([]);
  });

  it('lists no violation that is already gone (the list only shrinks)', () => {
    const present = new Set(edges.filter((e) => violation(e) !== undefined).map(key));
    expect(
      KNOWN_VIOLATIONS.filter((k) => !present.has(k)),
      'remove these from KNOWN_VIOLATIONS',
    ).toEqual([]);
  });

  it('rejects an arrow against the flow, naming it', () => {
    const back: ImportEdge = {
      file: 'db/run.ts',
      line: 1,
      from: 'db',
      to: 'report',
      typeOnly: false,
      specifier: '../report/x.ts',
    };
    expect(violation(back)).toBe('arrow db → report is not allowed');
    const code: ImportEdge = {
      file: 'web/a.ts',
      line: 1,
      from: 'web',
      to: 'audit',
      typeOnly: false,
      specifier: '../audit/x.ts',
    };
    expect(violation(code)).toBe('arrow web → audit is not allowed');
    expect(violation({ ...code, typeOnly: true })).toBeUndefined();
    const driver: ImportEdge = {
      file: 'audit/a.ts',
      line: 1,
      from: 'audit',
      to: 'package:@duckdb/node-api',
      typeOnly: false,
      specifier: '@duckdb/node-api',
    };
    expect(violation(driver)).toBe('only db/ may import @duckdb/node-api');
    // The page's policy forbids arquero's `new Function`: only the notebooks and the worker's reshape/ may use it.
    const aq = { ...driver, to: 'package:arquero', specifier: 'arquero' };
    expect(violation({ ...aq, file: 'web/a.ts', from: 'web' })).toBe('only notebooks/, reshape/ may import arquero');
    expect(violation({ ...aq, file: 'reshape/a.ts', from: 'reshape' })).toBeUndefined();
  });

  it('has no import cycle between files beyond the listed ones, and lists none that is gone', () => {
    expect(fileCycles(allImports(SRC)), 'break the cycle: move what both files need into a third').toEqual([
      ...KNOWN_CYCLES,
    ]);
  });

  it('finds a cycle, including one made of type imports', () => {
    const e = (file: string, target: string, typeOnly = false): ImportEdge => ({
      file,
      target,
      line: 1,
      from: 'web',
      to: 'web',
      typeOnly,
      specifier: target,
    });
    expect(fileCycles([e('a.ts', 'b.ts'), e('b.ts', 'c.ts', true), e('c.ts', 'a.ts'), e('c.ts', 'd.ts')])).toEqual([
      'a.ts ↔ b.ts ↔ c.ts',
    ]);
    expect(fileCycles([e('a.ts', 'b.ts'), e('b.ts', 'c.ts')])).toEqual([]);
  });
});
