import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { run } from '../db/run.ts';
import { int, one } from '../db/query-types.ts';

/**
 * The typed call of queries/data_range.sql: how many ledger rows there are and their first and last time. Every
 * domain that picks a default period (report, audit, rankings) and the server's pages read it.
 */
export const DataRangeRow = z.object({ rows: int, first_at: z.string().nullable(), last_at: z.string().nullable() });
export const dataRange = async (db: Database) =>
  one('data_range', await run(db, 'data_range', z.object({}), DataRangeRow, {}));
