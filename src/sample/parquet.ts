import { copyCsvToParquet } from '../db/csv-files.ts';
import { Database } from '../db/database.ts';
import { LEDGER_HEADER } from './ledger-writer.ts';

const TYPES: Record<string, string> = {
  occurred_at: 'TIMESTAMP',
  points: 'DECIMAL(18,2)',
  cash_value: 'DECIMAL(18,2)',
};

/**
 * ledger.parquet holds the same rows as ledger.csv, typed (TIMESTAMP wall clock, DECIMAL points) so that it reads
 * without a mapping; empty CSV fields become NULL. DuckDB streams the CSV, so memory stays flat for large samples.
 * (Converting month parts on DuckDB's threads while the generator ran was tried: on two cores it slowed the generator
 * more than it saved.)
 */
export async function csvToParquet(csv: string, parquet: string): Promise<void> {
  const db = await Database.open(':memory:', { memoryLimit: '512MB' });
  try {
    const columns = LEDGER_HEADER.map((name) => ({ name, type: TYPES[name] ?? 'VARCHAR' }));
    await copyCsvToParquet(db, csv, parquet, columns);
  } finally {
    db.close();
  }
}
