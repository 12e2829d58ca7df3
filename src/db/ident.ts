/** A name quoted as an SQL identifier (DuckDB's double quotes), for a column taken from a file's header. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A safe SQL string literal: file paths and user values are quoted, never spliced raw. A NUL would end the statement's
 * text where DuckDB reads it (an unterminated string, so a failed request), so it is written as chr(0).
 */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''").replace(/\0/g, "' || chr(0) || '")}'`;
}
