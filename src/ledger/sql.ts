/** A safe SQL string literal: file paths and user values are quoted, never spliced raw. */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
