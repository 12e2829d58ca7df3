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
}

/** The place a src-relative path belongs to: its top folder (`report`), or the file itself at the root (`dates.ts`). */
export function placeOf(srcRelative: string): string {
  return srcRelative.split(/[\\/]/)[0];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

// Static imports and re-exports (`import … from`, `export … from`, bare `import '…'`) and dynamic `import('…')`.
const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every import in src/ that leaves its own place, relative imports and bare packages alike. */
export function importEdges(srcDir: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const path of sourceFiles(srcDir)) {
    const text = readFileSync(path, 'utf8');
    const file = relative(srcDir, path).split(sep).join('/');
    for (const m of text.matchAll(IMPORT)) {
      const specifier = m[3] ?? m[4];
      const line = text.slice(0, m.index + m[0].length).split('\n').length;
      const typeOnly = m[2] !== undefined || /^\s*(import|export)\s+\{\s*(type\s+[^,}]+,?\s*)+\}/.test(m[0].trim());
      let to: string;
      if (specifier.startsWith('.')) {
        const target = relative(srcDir, join(dirname(path), specifier));
        if (target.startsWith('..')) to = `../${target.split(sep).filter((s) => s !== '..')[0]}`;
        else to = placeOf(target);
      } else {
        to = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
        to = `package:${to}`;
      }
      const from = placeOf(file);
      if (from !== to) edges.push({ file, line, from, to, typeOnly, specifier });
    }
  }
  return edges;
}
