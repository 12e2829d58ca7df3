import { describe, expect, it } from 'vitest';
import { viewFiles } from '../../src/db/database.ts';
import { readerRejects } from '../../src/db/ingest/reader-rejects.ts';
import { memoryDb } from './helpers.ts';

describe('issue 14 item 13: the import error paths surface, never shrink the data', () => {
  it('a rejects table that cannot be read fails, instead of reading as no rejected rows', async () => {
    const db = await memoryDb();
    await expect(readerRejects(db, 'll_no_such_rejects')).rejects.toThrow(/ll_no_such_rejects/);
  });

  it('a views folder that cannot be read is an error naming it', () => {
    expect(() => viewFiles('/nonexistent/queries/views')).toThrow(
      /\/nonexistent\/queries\/views: cannot read the view definitions \(ENOENT\)/,
    );
    expect(viewFiles(new URL('../../queries/views', import.meta.url).pathname).length).toBeGreaterThan(0);
  });
});
