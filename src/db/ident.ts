/** A name quoted as an SQL identifier (DuckDB's double quotes), for a column taken from a file's header. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
