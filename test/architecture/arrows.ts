/**
 * The allowed folder-to-folder arrows under src/, as the data flows: files → db → queries → domain → cli/server → web.
 * A place is a top folder of src/ or a file at its root. Anything not listed here fails test/architecture.
 */

/** Leaf modules every place may use: no I/O of their own, no imports back up. */
export const SHARED = ['errors.ts', 'dates.ts', 'periods', 'csv.ts', 'stats', 'i18n'];

/** Domain modules: compose queries and statistics into results; they reach the database only through db/. */
export const DOMAIN = [
  'report',
  'audit',
  'experiments',
  'simulate',
  'rank',
  'economics',
  'privacy',
  'charts',
  'export',
];

/** Arrows, `from → [to…]`, beyond "anyone → SHARED". */
export const ALLOWED: Record<string, readonly string[]> = {
  // Stored settings are read from the database (queries/program_config.sql).
  'config.ts': ['db'],
  ledger: ['db', 'config.ts'],
  sample: ['db', 'config.ts'],
  // The bundled sample ledger imported into the demo database that `serve --sample` and the notebooks open.
  demo: ['ledger', 'db', 'config.ts'],
  db: [],
  // Typed calls of the queries several domains share (the data's range, the account attributes).
  queries: ['db'],
  // The KPI cards, formatted for a language: pure, drawn by the dashboard and the printable report alike.
  cards: [],
  ...Object.fromEntries(DOMAIN.map((d) => [d, ['db', 'queries', 'config.ts']])),
  // A what-if replay is a simulation; the experiment page offers it beside the comparison.
  experiments: ['db', 'queries', 'config.ts', 'simulate'],
  // The printable report draws the same chart specs and KPI cards as the dashboard.
  report: ['db', 'queries', 'config.ts', 'charts', 'cards'],
  // Workbooks and text tables render finished domain results.
  export: ['db', 'queries', 'config.ts', 'report', 'rank', 'economics'],
  // The schemas of the API's answers: zod modules of the domain, bundled into the web app.
  api: ['report', 'audit', 'experiments', 'simulate', 'rank', 'economics'],
  cli: ['ledger', 'sample', 'demo', 'db', 'queries', 'config.ts', ...DOMAIN, 'server'],
  server: ['ledger', 'sample', 'demo', 'db', 'queries', 'config.ts', 'api', ...DOMAIN],
  // The experiment notebook draws the arm histogram reshaped as the dashboard's worker reshapes it.
  notebooks: ['db', 'queries', 'demo', 'config.ts', 'reshape', ...DOMAIN],
  web: ['charts', 'cards', 'api'],
  // Arquero reshaping of small result tables, run in the dashboard's worker (web/ reaches it by URL, not import).
  reshape: [],
};

/** Places web/ may import types from (the shapes of API answers), never code. */
export const WEB_TYPES_FROM = [...DOMAIN, 'reshape'];

/**
 * Packages only these places may import. Arquero compiles its expressions with `new Function`, which the dashboard
 * page's Content-Security-Policy forbids, so it reshapes tables in the notebooks' Node loaders and in reshape/, the
 * code of the dashboard's worker (which has its own policy), never in web/.
 */
export const PACKAGE_OWNERS: Record<string, readonly string[]> = {
  '@duckdb/node-api': ['db'],
  arquero: ['notebooks', 'reshape'],
};

/**
 * Today's imports against the arrows, to be moved away (issue 18, items 2 and 3). The test fails when one is added,
 * and also when one is gone but still listed, so this list only shrinks.
 */
export const KNOWN_VIOLATIONS: readonly string[] = [];

/** Today's import cycles between files (type imports count: they tie the files together all the same). Only shrinks. */
export const KNOWN_CYCLES: readonly string[] = [];
