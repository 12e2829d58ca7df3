import { describe, expect, it } from 'vitest';
import { loadConfig, storedConfig } from '../../src/config.ts';
import { importLedger } from '../../src/ledger/import.ts';
import { memoryDb, tempDir, writeTemp } from '../ledger/helpers.ts';
import { sqlRows } from '../../src/db/sql.ts';

/** Issue 14 item 3: the pseudonym key is used for the run, never stored, and the import says so. */
describe('the pseudonym key never enters the database', () => {
  it('import --config with privacy.pseudonym_key stores the settings without the key, and warns', async () => {
    const dir = tempDir();
    const key = 'a-secret-pseudonym-key-4711';
    const config = loadConfig(
      writeTemp('program.json', JSON.stringify({ timezone: 'Asia/Shanghai', privacy: { pseudonym_key: key } }), dir),
    );
    const file = writeTemp('l.csv', 'event_id,occurred_at,account_id,points\ne1,2026-01-05 10:00:00,A1,10\n', dir);
    const db = await memoryDb();
    const s = await importLedger(db, { file, config });
    expect(s.warnings.join('\n')).toMatch(/privacy\.pseudonym_key.*not stored/);
    const everything = JSON.stringify(await sqlRows(db, 'SELECT config::VARCHAR AS c FROM program'));
    expect(everything).not.toContain(key);
    expect(everything).toContain('Asia/Shanghai');
    expect((await storedConfig(db)).privacy?.pseudonym_key).toBeUndefined();
    expect(config.privacy?.pseudonym_key).toBe(key); // the run itself still has it
  });
});
