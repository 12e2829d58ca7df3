import { mkdtempSync, rmSync } from 'node:fs';
import { startLoopbackServer } from '../../src/server/loopback.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../src/db/database.ts';
import { ensureSampleDb, SAMPLE_DIR, sampleFiles } from '../../src/demo/database.ts';
import type { RunningServer } from '../../src/server/server.ts';
import type { AppOptions } from '../../src/server/app.ts';

/** The bundled sample imported into a database file in a fresh temp dir (as `serve --sample` makes it). */
export async function sampleDbFile(): Promise<{ dir: string; path: string; cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'll-hardening-'));
  const path = join(dir, 'sample.duckdb');
  await ensureSampleDb(path, sampleFiles(SAMPLE_DIR), { log: () => {} });
  return { dir, path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A loopback server over an open database, with the real report builder; extra app options as given. */
export async function serveDb(db: Database, dir: string, extra: Partial<AppOptions> = {}): Promise<RunningServer> {
  return startLoopbackServer(db, { uploadDir: join(dir, 'uploads'), ...extra });
}
