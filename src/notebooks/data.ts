import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoaderContext } from './context.ts';
import { LOADERS } from './loaders/index.ts';

/** Runs every loader and writes `<dir>/data/<name>.json`; returns the files written. */
export async function writeNotebookData(
  ctx: LoaderContext,
  dir: string,
  log: (line: string) => void,
): Promise<string[]> {
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const files: string[] = [];
  for (const [name, load] of Object.entries(LOADERS)) {
    const file = join(dataDir, `${name}.json`);
    writeFileSync(file, JSON.stringify({ generated_from: ctx.db.path, ...((await load(ctx)) as object) }));
    log(`data/${name}.json ← src/notebooks/loaders/${name}.ts`);
    files.push(file);
  }
  return files;
}
