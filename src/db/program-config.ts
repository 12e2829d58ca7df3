import type { Database } from './database.ts';
import { sqlExec, sqlRows } from './sql.ts';

/**
 * Rewrites the program settings row (the `program` table's one JSON document) through `edit`, in one transaction:
 * a setting changed from the server (the campaign calendar) keeps every other setting as the last import stored it.
 * Before any config was stored, `edit` gets {} and the rest are the defaults.
 */
export async function editProgramConfig(
  db: Database,
  edit: (config: Record<string, unknown>) => Record<string, unknown>,
): Promise<void> {
  await db.transaction(async () => {
    const [row] = await sqlRows<{ config: string }>(db, 'SELECT config::VARCHAR AS config FROM program WHERE id = 1');
    const config = row ? (JSON.parse(row.config) as Record<string, unknown>) : {};
    await sqlExec(db, 'INSERT OR REPLACE INTO program VALUES (1, $config)', { config: JSON.stringify(edit(config)) });
  });
}
