// ClickHouse 18.16 has no server-side query parameters, so every value reaches it as a literal written here: the one
// place where text becomes SQL. Values are validated before (dates, names); this makes any string safe.
import { UserError } from '../../errors.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A single-quoted ClickHouse string literal that reads back as exactly `value`. Backslash and quote are escaped, and
 * every control character is written as \xHH so no byte can end the literal or the statement. A string that is not
 * well-formed UTF-16 (a lone surrogate) has no UTF-8 form that would read back the same, so it is refused.
 */
export function chString(value: string): string {
  if (LONE_SURROGATE.test(value))
    throw new UserError('bad_value', 'a value contains a lone UTF-16 surrogate and cannot be sent to ClickHouse', {
      hint: 'Check the text for broken characters.',
    });
  let out = "'";
  for (const ch of value) {
    const code = ch.codePointAt(0) as number;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}'`;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A database or table name, back-quoted; only plain names are accepted, so nothing needs escaping. */
export function chIdentifier(name: string, what: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new UserError('bad_usage', `${what} "${name}" is not a plain ClickHouse name`, {
      hint: 'Use letters, digits and underscores, e.g. analytics.ledger.',
    });
  }
  return `\`${name}\``;
}

/** A table reference DATABASE.TABLE, both parts checked. */
export function chTable(qualified: string, what: string): { database: string; table: string; sql: string } {
  const parts = qualified.split('.');
  if (parts.length !== 2)
    throw new UserError('bad_usage', `${what} "${qualified}" must be DATABASE.TABLE`, {
      hint: 'e.g. analytics.ledger',
    });
  const [database, table] = parts;
  return { database, table, sql: `${chIdentifier(database, what)}.${chIdentifier(table, what)}` };
}

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2})(:\d{2})?)?$/;

/**
 * A wall-clock time (YYYY-MM-DD[ HH:MM[:SS]]) as a string literal: compared with a DateTime column, ClickHouse reads
 * it in that column's time zone, the same wall clock DuckDB compares the rows in.
 */
export function chTimestamp(value: unknown): string {
  const m = typeof value === 'string' ? TIMESTAMP.exec(value) : null;
  if (!m) throw new Error(`not a timestamp: ${JSON.stringify(value)}`);
  return chString(`${m[1]} ${m[2] ?? '00:00'}${m[3] ?? ':00'}`);
}

/** A finite number as a literal (integers stay integers). */
export function chNumber(value: unknown): string {
  const n = typeof value === 'bigint' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new Error(`not a finite number: ${String(value)}`);
  return Number.isInteger(n) ? String(n) : n.toPrecision(17);
}
