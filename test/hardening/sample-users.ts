import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Database, PROJECT_ROOT } from '../../src/db/database.ts';
import type { AppOptions } from '../../src/server/app.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { addUser, loadUsers, type NewUser } from '../../src/server/users.ts';
import { sampleDbFile, serveDb } from './sample-db.ts';

/** The bundled sample's roster, the rows of accounts.csv (account id first, name second, department fifth). */
export const SAMPLE_ROSTER: string[][] = readFileSync(join(PROJECT_ROOT, 'sample-data', 'accounts.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','));

/** An administrator, a viewer and a manager of 研发部: the users most role tests start from. */
export const ADMIN_VIEWER_MANAGER: NewUser[] = [
  { name: 'ada', role: 'admin' },
  { name: 'vic', role: 'viewer' },
  { name: 'mgr', role: 'manager', scope: { attribute: 'department', value: '研发部' } },
];

export interface ServedSample {
  db: Database;
  server: RunningServer;
  close(): Promise<void>;
}

/**
 * A copy of the sample database served with a users file of `users` (their tokens written into `tokens`, which the
 * caller's request helpers already hold); `prepare` changes the database before the server starts.
 */
export async function serveSampleWithUsers(
  users: NewUser[],
  tokens: Record<string, string>,
  opts: Partial<AppOptions> & { prepare?: (db: Database) => Promise<unknown> } = {},
): Promise<ServedSample> {
  const { prepare, ...extra } = opts;
  const sample = await sampleDbFile();
  const file = join(sample.dir, 'users.yaml');
  for (const u of users) tokens[u.name] = addUser(file, u);
  const db = await Database.open(sample.path, { threads: 2 });
  await prepare?.(db);
  const server = await serveDb(db, sample.dir, { users: loadUsers(file), ...extra });
  return {
    db,
    server,
    async close() {
      await server.close();
      db.close();
      sample.cleanup();
    },
  };
}
