import { sqlString } from '../ident.ts';

/**
 * SQL expressions that turn source text into typed values. Each returns NULL when the text cannot be read,
 * so the caller can say why in a reason instead of failing the whole import.
 */

const NAIVE_FORMATS = [
  '%Y-%m-%d %H:%M:%S.%f',
  '%Y-%m-%d %H:%M:%S',
  '%Y-%m-%d %H:%M',
  '%Y-%m-%dT%H:%M:%S.%f',
  '%Y-%m-%dT%H:%M:%S',
  '%Y-%m-%dT%H:%M',
  '%Y/%m/%d %H:%M:%S',
  '%Y/%m/%d %H:%M',
  '%Y-%m-%d',
  '%Y/%m/%d',
  '%Y%m%d',
];
const ZONED_FORMATS = [
  '%Y-%m-%dT%H:%M:%S.%f%z',
  '%Y-%m-%dT%H:%M:%S%z',
  '%Y-%m-%dT%H:%M%z',
  '%Y-%m-%d %H:%M:%S.%f%z',
  '%Y-%m-%d %H:%M:%S%z',
  '%Y-%m-%d %H:%M%z',
];

const list = (xs: string[]) => `[${xs.map(sqlString).join(', ')}]`;

/**
 * Wall-clock time in the program zone. Accepted: ISO 8601 with or without offset (Z, +08, +0800, +08:00),
 * YYYY-MM-DD / YYYY/MM/DD with HH:MM[:SS[.fff]], dates alone, epoch seconds (9–10 digits) or milliseconds (12–13).
 * Day-first or month-first dates (01/02/2026) are ambiguous and rejected on purpose.
 */
export function timestampExpr(t: string, timezone: string, fastFormat?: string): string {
  // The format most rows share is tried first; the full chain runs only where it fails (COALESCE is lazy).
  if (fastFormat) return `coalesce(try_strptime(${t}, ${sqlString(fastFormat)}), ${timestampExpr(t, timezone)})`;
  const tz = sqlString(timezone);
  const zoned = `regexp_replace(regexp_replace(${t}, '[Zz]$', '+00:00'), '([+-]\\d\\d)$', '\\1:00')`;
  return `(CASE
    WHEN ${t} IS NULL THEN NULL
    WHEN regexp_full_match(${t}, '\\d{9,10}(\\.\\d+)?') THEN timezone(${tz}, to_timestamp(TRY_CAST(${t} AS DOUBLE)))
    WHEN regexp_full_match(${t}, '\\d{12,13}') THEN timezone(${tz}, to_timestamp(TRY_CAST(${t} AS BIGINT) / 1000.0))
    WHEN regexp_matches(${t}, '\\d[T ]\\d{1,2}:\\d\\d') AND regexp_matches(${t}, '([Zz]|[+-]\\d\\d(:?\\d\\d)?)$')
      THEN timezone(${tz}, try_strptime(${zoned}, ${list(ZONED_FORMATS)}))
    ELSE try_strptime(${t}, ${list(NAIVE_FORMATS)})
  END)`;
}

/** Full-width digits and signs (１２０, －５) as typed by Chinese input methods, folded to ASCII. */
export function foldWidth(t: string): string {
  return `translate(${t}, '０１２３４５６７８９．－＋，', '0123456789.-+,')`;
}

/** "1,200" → "1200" only when the commas group thousands correctly; "1,2" stays and fails as not a number. */
export function dropThousands(t: string): string {
  return `(CASE WHEN regexp_full_match(${t}, '[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?') THEN replace(${t}, ',', '') ELSE ${t} END)`;
}

export const NUMBER_RE = `'[+-]?(\\d+(\\.\\d*)?|\\.\\d+)'`;

/** Decimal places that matter: "1.500" has two, "1.005" three. */
export function decimalPlaces(t: string): string {
  return `length(rtrim(regexp_extract(${t}, '\\.(\\d*)$', 1), '0'))`;
}

/** Digits before the point; DECIMAL(18,2) holds 16. */
export function integerDigits(t: string): string {
  return `length(ltrim(regexp_extract(${t}, '^[+-]?(\\d*)', 1), '0'))`;
}

/** A decimal with at most two places, or NULL. The caller explains a NULL from the same pieces. */
export function decimalExpr(t: string): string {
  return `(CASE WHEN regexp_full_match(${t}, ${NUMBER_RE}) AND ${decimalPlaces(t)} <= 2 AND ${integerDigits(t)} <= 16 THEN CAST(${t} AS DECIMAL(18,2)) END)`;
}

/** Plain numbers ("12", "-3.5") without a regex: the cheap path taken by nearly every row. */
export function plainDecimalExpr(t: string): string {
  return `(CASE WHEN (position('.' IN ${t}) = 0 OR length(${t}) - position('.' IN ${t}) <= 2) AND NOT contains(lower(${t}), 'e') AND NOT contains(${t}, '_') THEN TRY_CAST(${t} AS DECIMAL(18,2)) END)`;
}

/** Any accepted spelling: plain first, then full-width digits and thousands separators. */
export function anyDecimalExpr(t: string): string {
  return `coalesce(${plainDecimalExpr(t)}, ${decimalExpr(dropThousands(foldWidth(t)))})`;
}

/** The naive format most of the sample parses with, or undefined when the sample is mixed or zoned. */
export const FAST_FORMAT_CANDIDATES = NAIVE_FORMATS;

/** Short, quoted rendering of a source value for a reason text. */
export function shown(t: string): string {
  return `('"' || CASE WHEN length(${t}) > 40 THEN left(${t}, 40) || '…' ELSE ${t} END || '"')`;
}
