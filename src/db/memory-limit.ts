import { UserError } from '../errors.ts';

/**
 * The smallest limit Ledger Lens accepts: DuckDB's CSV reader asks for a 256 MiB buffer as it starts, so a smaller
 * limit fails every file read with an out-of-memory error; twice that leaves the passes room beside it.
 */
const FLOOR_BYTES = 512 * 2 ** 20;

const UNITS: Record<string, number> = {
  b: 1,
  k: 1e3,
  m: 1e6,
  g: 1e9,
  t: 1e12,
  ki: 2 ** 10,
  mi: 2 ** 20,
  gi: 2 ** 30,
  ti: 2 ** 40,
};

/**
 * LEDGER_LENS_MEMORY_LIMIT, checked (undefined when unset or empty). DuckDB would refuse some nonsense only as a
 * "Failed to set config" that names no variable, and read '-5GB' or 'none' as no limit at all: a size with a unit,
 * at least FLOOR_BYTES, is all that reaches it.
 */
export function memoryLimitFromEnv(): string | undefined {
  const value = process.env.LEDGER_LENS_MEMORY_LIMIT;
  if (value === undefined || value === '') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]i?|b)(?:b|ytes?)?\s*$/i.exec(value);
  const bytes = m ? Number(m[1]) * UNITS[m[2].toLowerCase()] : Number.NaN;
  if (!(bytes >= FLOOR_BYTES)) {
    throw new UserError(
      'bad_memory_limit',
      `LEDGER_LENS_MEMORY_LIMIT=${value}: ${m ? 'too small (at least 512MB)' : 'not a size'}`,
      { hint: 'Set a size with its unit, at least 512MB, e.g. 2GB or 1536MiB, or unset it for the default (1GB).' },
    );
  }
  return value.trim();
}
