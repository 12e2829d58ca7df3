import { createRequire } from 'node:module';

/**
 * @duckdb/node-api, loaded with require rather than import. It is CommonJS (about 40 files): imported from ESM under
 * the CLI's TypeScript loader, every one of its files passes the loader's hooks and Node's scan of CommonJS exports,
 * which cost `report --json` about 0.1–0.2 CPU s of start-up; require loads the same module without either. Types
 * come from `import type` as before; the classes are the same objects an import would give.
 */
export const duckdbApi = createRequire(import.meta.url)('@duckdb/node-api') as typeof import('@duckdb/node-api');
