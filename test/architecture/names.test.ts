import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/db/database.ts';
import { sourceFiles } from './imports.ts';

const SRC = join(PROJECT_ROOT, 'src');

/** Names every module of a kind exports on purpose (a command's `run`, an import's `summary`). */
const ROLE_NAMES = new Set(['run', 'summary']);

/**
 * Exported names that mean two things in two files (issue 18, item 3: one name, one thing). Empty since every
 * double was renamed after what it holds or made the one that exists; the list only shrinks, so keep it so.
 */
const KNOWN_COLLISIONS: readonly string[] = [];

const EXPORT = /^export (?:async )?(?:function\*?|const|let|class|interface|type|enum) ([A-Za-z_$][\w$]*)/gm;

describe('exported names that do not collide', () => {
  const files = new Map<string, Set<string>>();
  for (const p of sourceFiles(SRC)) {
    const file = relative(SRC, p).split(sep).join('/');
    for (const m of readFileSync(p, 'utf8').matchAll(EXPORT)) {
      if (!ROLE_NAMES.has(m[1])) files.set(m[1], (files.get(m[1]) ?? new Set()).add(file));
    }
  }
  const collisions = [...files].filter(([, where]) => where.size > 1);

  it('no new name is exported from two files', () => {
    const added = collisions
      .filter(([name]) => !KNOWN_COLLISIONS.includes(name))
      .map(([name, where]) => `${name}: ${[...where].join(', ')}`);
    expect(added, 'import the one that exists, or name the new one after what it holds').toEqual([]);
  });

  it('lists no collision that is gone', () => {
    expect(KNOWN_COLLISIONS.filter((n) => !collisions.some(([name]) => name === n))).toEqual([]);
  });
});
