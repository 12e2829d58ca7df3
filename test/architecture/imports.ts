import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** One import between two places under src/: the importing file, the place it reaches, and whether only types cross. */
export interface ImportEdge {
  file: string;
  line: number;
  from: string;
  to: string;
  typeOnly: boolean;
  specifier: string;
  /** The imported file relative to src/ (as written, extension included), for relative imports inside src/. */
  target?: string;
  /** An `export … from` line: the file hands on what another file defines. */
  reexport?: boolean;
}

/** The place a src-relative path belongs to: its top folder (`report`), or the file itself at the root (`dates.ts`). */
export function placeOf(srcRelative: string): string {
  return srcRelative.split(/[\\/]/)[0];
}

/** Every .ts/.tsx file below `dir` (declaration files left out). */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

// Static imports and re-exports (`import … from`, `export … from`, bare `import '…'`) and dynamic `import('…')`.
const IMPORT =
  /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every import in src/ that leaves its own place, relative imports and bare packages alike. */
export function importEdges(srcDir: string): ImportEdge[] {
  return allImports(srcDir).filter((e) => e.from !== e.to);
}

/** Every import in src/, within a place too. */
export function allImports(srcDir: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const path of sourceFiles(srcDir)) {
    const text = readFileSync(path, 'utf8');
    const file = relative(srcDir, path).split(sep).join('/');
    for (const m of text.matchAll(IMPORT)) {
      const specifier = m[3] ?? m[4];
      const line = text.slice(0, m.index + m[0].length).split('\n').length;
      const typeOnly = m[2] !== undefined || /^\s*(import|export)\s+\{\s*(type\s+[^,}]+,?\s*)+\}/.test(m[0].trim());
      let to: string;
      let target: string | undefined;
      if (specifier.startsWith('.')) {
        const rel = relative(srcDir, join(dirname(path), specifier));
        if (rel.startsWith('..')) to = `../${rel.split(sep).filter((s) => s !== '..')[0]}`;
        else {
          to = placeOf(rel);
          target = rel.split(sep).join('/');
        }
      } else {
        to = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
        to = `package:${to}`;
      }
      edges.push({ file, line, from: placeOf(file), to, typeOnly, specifier, target, reexport: m[1] === 'export' });
    }
  }
  return edges;
}

/** File cycles (strongly connected groups of two or more files), each as its files sorted, joined by " ↔ ". */
export function fileCycles(edges: ImportEdge[]): string[] {
  const next = new Map<string, string[]>();
  for (const e of edges) if (e.target) next.set(e.file, [...(next.get(e.file) ?? []), e.target]);
  // Tarjan's strongly connected components, iteratively deep enough for this tree.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[] = [];
  let counter = 0;
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) out.push(group.sort().join(' ↔ '));
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v);
  return out.sort();
}
