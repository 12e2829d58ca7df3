import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/db/database.ts';
import { CHART_QUERIES, KPI_QUERIES, sourceFiles } from '../../src/web/app/sources.ts';

const PAGES = join(PROJECT_ROOT, 'src', 'web', 'pages');

/** Chart ids as the pages write them: `<Chart id="…"` possibly across lines. */
function chartIds(): string[] {
  const ids = readdirSync(PAGES).flatMap((f) =>
    [...readFileSync(join(PAGES, f), 'utf8').matchAll(/<Chart\b[^>]*?\bid="([a-z0-9-]+)"/gs)].map((m) => m[1]),
  );
  return [...new Set(ids)].sort();
}

describe('the source line under each chart and KPI card', () => {
  it('every chart on a page names its queries', () => {
    const ids = chartIds();
    expect(ids.length).toBeGreaterThan(15);
    expect(ids.filter((id) => !(id in CHART_QUERIES))).toEqual([]);
  });

  it('names only query files that exist', () => {
    for (const ids of [...Object.values(CHART_QUERIES), ...Object.values(KPI_QUERIES)]) {
      for (const id of ids) expect(existsSync(join(PROJECT_ROOT, 'queries', `${id}.sql`)), id).toBe(true);
    }
  });

  it('writes the files as the notebooks do', () => {
    expect(sourceFiles(['flows', 'stocks'])).toBe('queries/flows.sql, queries/stocks.sql');
    expect(sourceFiles(undefined)).toBeNull();
  });
});
