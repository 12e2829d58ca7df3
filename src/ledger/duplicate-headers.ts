import { UserError } from '../errors.ts';
import type { FileSource } from './file-source.ts';

/** Two header cells with one name: an error when a canonical column reads it (which one?), a warning otherwise. */
export function assertNoAmbiguousHeaders(file: string, src: FileSource, used: Record<string, string>) {
  const dups = src.duplicateHeaders ?? [];
  if (dups.length === 0) return;
  const names = new Set(Object.values(used));
  const clash = dups.filter((d) => names.has(d.name));
  if (clash.length > 0) {
    throw new UserError(
      'duplicate_header',
      `${file}: line 1 names the same column twice: ${clash.map((d) => `"${d.name}" (columns ${d.positions.join(' and ')})`).join(', ')}; it is not clear which one to use`,
      {
        hint: 'Rename one of the columns in the file, or map the canonical column to the renamed one with --mapping.',
      },
    );
  }
  src.warnings.push(
    `header: column names appear twice (${dups.map((d) => `"${d.name}"`).join(', ')}); the later ones are kept as "<name>_2" attributes`,
  );
}
