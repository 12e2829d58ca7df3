import type { Database } from '../db/database.ts';
import { run } from '../db/run.ts';
import { one } from '../db/query-types.ts';

export const dataRange = async (db: Database) => one('data_range', await run(db, 'data_range', {}));
