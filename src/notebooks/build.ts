import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { SAMPLE_DIR } from '../demo/database.ts';
import { PROJECT_ROOT } from '../db/database.ts';
import { loaderContext } from './context.ts';
import { writeNotebookData } from './data.ts';
import { openNotebookDatabase } from './database.ts';
import { notebookViteConfig } from './vite.ts';

export const NOTEBOOKS_DIR = join(PROJECT_ROOT, 'notebooks');
export const DEFAULT_OUT = join(PROJECT_ROOT, 'dist', 'notebooks');

export interface NotebookOptions {
  /** Database file; default the sample (data/sample.duckdb, imported when missing). */
  db?: string;
  /** `2026Q3`; default the latest complete quarter, as `ledger-lens report`. */
  quarter?: string;
  /** Experiment arms CSV for the experiment notebook; default sample-data/assignments.csv when reading the sample. */
  assignments?: string;
  log?: (line: string) => void;
}

/** The notebooks: every notebooks/*.html file. */
export function notebookFiles(): string[] {
  return readdirSync(NOTEBOOKS_DIR)
    .filter((f) => f.endsWith('.html'))
    .sort();
}

/** Runs the loaders against the database into `<dir>/data/`. */
export async function prepareData(dir: string, opts: NotebookOptions): Promise<void> {
  const log = opts.log ?? (() => {});
  const source = await openNotebookDatabase(opts.db, log);
  try {
    const ctx = await loaderContext(
      source.db,
      opts.quarter,
      opts.assignments ?? (opts.db === undefined ? join(SAMPLE_DIR, 'assignments.csv') : undefined),
    );
    log(`reading ${source.source} for ${ctx.period.label} (${ctx.period.from} – ${ctx.period.to}, to exclusive)`);
    await writeNotebookData(ctx, dir, log);
  } finally {
    source.close();
  }
}

/**
 * Builds static pages into `out`. The notebooks and their data are staged in a folder inside notebooks/ (so the
 * kit's bare imports resolve from the project's node_modules) and the source folder is never written to.
 */
export async function buildNotebooks(
  out: string,
  opts: NotebookOptions = {},
): Promise<{ out: string; pages: string[] }> {
  const stage = mkdtempSync(join(NOTEBOOKS_DIR, '.stage-'));
  try {
    const pages = notebookFiles();
    for (const f of pages) cpSync(join(NOTEBOOKS_DIR, f), join(stage, f));
    cpSync(join(NOTEBOOKS_DIR, 'lib'), join(stage, 'lib'), { recursive: true });
    await prepareData(stage, opts);
    await build({
      ...notebookViteConfig(stage),
      build: {
        outDir: resolve(out),
        emptyOutDir: true,
        chunkSizeWarningLimit: 1500,
        rollupOptions: { input: pages.map((f) => join(stage, f)) },
      },
    });
    return { out: resolve(out), pages };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
