import { EVENT_TYPES } from '../db/event-types.ts';
import { EVENT_TYPE_ALIASES } from './columns.ts';
import type { ResolvedMapping } from './mapping.ts';
import {
  anyDecimalExpr,
  decimalPlaces,
  dropThousands,
  foldWidth,
  integerDigits,
  NUMBER_RE,
  plainDecimalExpr,
  shown,
  timestampExpr,
} from '../db/ingest/parse-sql.ts';
import type { FileSource } from './file-source.ts';
import { sqlString } from '../db/ident.ts';

const OPTIONAL_TEXT = ['rule_id', 'experiment_id', 'variant', 'counterparty_id', 'approver_id', 'category', 'reason'];
const SIGN_RULE: Record<string, string> = {
  earn: '> 0',
  deduct: '< 0',
  redeem: '< 0',
  expire: '< 0',
  transfer: '<> 0',
};

export interface StageOptions {
  relation: string;
  timezone: string;
  valueMap: Record<string, string>;
  hasEventType: boolean;
  hasEventId: boolean;
  /** The timestamp format most rows use (from a sample): parsed first, the full chain only for the rest. */
  fastTimestamp?: string;
}

/** Derived ids start with this letter; versions before it hashed the raw text and wrote 'h' (see OLD_DERIVED_ID). */
export const DERIVED_ID_PREFIX = 'c';
export const OLD_DERIVED_ID = 'h[0-9a-f]{16}-[0-9]+';

/** The trailing UTC offset of a timestamp with a time of day ('' when it has none). */
const OFFSET = `regexp_extract(t_ts, '\\d[T ]\\d{1,2}:\\d\\d[^+-]*([+-]\\d\\d(:?\\d\\d)?)$', 1)`;
/** Offsets past ±14:00 or with minutes past 59 name no place on earth; the date parser would shift by them anyway. */
const BAD_OFFSET = `(${OFFSET} <> '' AND (abs(TRY_CAST(left(${OFFSET}, 3) AS INTEGER)) > 14 OR coalesce(TRY_CAST(right(replace(${OFFSET}, ':', ''), 2) AS INTEGER), 0) > 59 AND length(replace(${OFFSET}, ':', '')) = 5))`;

/** The rows' wall-clock time; the common format first, and the offset check only for the rows that miss it. */
function occurredAt(opts: StageOptions): string {
  const full = `CASE WHEN ${BAD_OFFSET} THEN NULL ELSE ${timestampExpr('t_ts', opts.timezone)} END`;
  return opts.fastTimestamp ? `coalesce(try_strptime(t_ts, ${sqlString(opts.fastTimestamp)}), ${full})` : full;
}

/**
 * The one SELECT that reads every source row once and yields its typed canonical values and every reason it
 * cannot be accepted. Nothing is filtered here: rows in = rows out, which is what makes reconciliation hold.
 * Valid rows take cheap paths only; the explaining expressions run for rows already known to be bad.
 */
export function stageLedgerSql(src: FileSource, m: ResolvedMapping, opts: StageOptions): string {
  const raw = (canon: string) => (m.columns[canon] ? `NULLIF(trim(${src.col(m.columns[canon])}), '')` : 'NULL');
  const label = (canon: string) => `${canon} (column ${JSON.stringify(m.columns[canon] ?? canon)})`;
  const isDoc = src.format === 'ndjson' && opts.relation === 'll_raw';
  const extraJson = m.extra.length
    ? `json_object(${m.extra.map((c) => `${sqlString(c)}, NULLIF(trim(${src.col(c)}), '')`).join(', ')})`
    : 'NULL';
  const customTypes = Object.fromEntries(Object.entries(opts.valueMap).map(([k, v]) => [k.trim().toLowerCase(), v]));
  const typeMap = { ...EVENT_TYPE_ALIASES, ...customTypes };
  const typeExpr = opts.hasEventType
    ? `CASE lower(t_type) ${EVENT_TYPES.filter((t) => !(t in customTypes))
        .map((t) => `WHEN '${t}' THEN '${t}'`)
        .join(' ')}
        ELSE (MAP {${Object.entries(typeMap)
          .map(([k, v]) => `${sqlString(k)}: ${sqlString(v)}`)
          .join(', ')}})[lower(t_type)] END`
    : `CASE WHEN points > 0 THEN 'earn' WHEN points < 0 THEN 'redeem' END`;
  const signOk = `CASE event_type ${Object.entries(SIGN_RULE)
    .map(([t, r]) => `WHEN '${t}' THEN points ${r}`)
    .join(' ')} ELSE true END`;
  const signWhy = Object.entries(SIGN_RULE)
    .map(
      ([t, r]) =>
        `WHEN event_type = '${t}' AND NOT (points ${r}) THEN ${sqlString(`${label('points')}: `)} || points::VARCHAR || ${sqlString(` contradicts event_type ${t} (${t} must be ${r === '<> 0' ? 'non-zero' : r})`)}`,
    )
    .join('\n        ');
  const inRange = `occurred_at >= TIMESTAMP '1970-01-01' AND occurred_at < TIMESTAMP '2100-01-01'`;
  const good = [
    'doc_ok',
    opts.hasEventId ? 't_id IS NOT NULL' : 'true',
    `occurred_at IS NOT NULL AND ${inRange}`,
    't_account IS NOT NULL',
    'points IS NOT NULL',
    'event_type IS NOT NULL',
    `(${signOk})`,
    '(t_cash IS NULL OR cash_value IS NOT NULL)',
  ].join(' AND ');
  const slowPoints = dropThousands(foldWidth('t_points'));
  const rawCols: Record<string, string> = {
    event_id: 't_id',
    occurred_at: 't_ts',
    account_id: 't_account',
    points: 't_points',
    event_type: 't_type',
    cash_value: 't_cash',
  };
  const rawJson = `json_merge_patch(json_object(${Object.entries(m.columns)
    .map(([c, s]) => `${sqlString(s)}, ${rawCols[c] ?? c}`)
    .join(', ')}), coalesce(extra, '{}'))`;
  // From parsed values, so a re-saved export ("2026/01/05 10:00", "10.00") derives the same ids; a JSON list keeps
  // each value in its place and NULL apart from text, so no two rows' fields can run into each other.
  const contentKey = `md5(to_json([strftime(occurred_at, '%Y-%m-%d %H:%M:%S.%f'), t_account, points::VARCHAR, event_type, rule_id, counterparty_id, approver_id, reason]))`;

  return `
WITH src AS (
  SELECT __line AS line,
    ${raw('event_id')} AS t_id, ${raw('occurred_at')} AS t_ts, ${raw('account_id')} AS t_account,
    ${raw('points')} AS t_points, ${raw('event_type')} AS t_type, ${raw('cash_value')} AS t_cash,
    ${OPTIONAL_TEXT.map((c) => `${raw(c)} AS ${c}`).join(', ')},
    ${raw('department')} AS department, ${raw('region')} AS region, ${extraJson} AS extra,
    ${isDoc ? '__valid' : 'true'} AS doc_ok, ${isDoc ? '__doc' : 'NULL'} AS doc
  FROM ${opts.relation}
),
typed AS (
  SELECT *, ${occurredAt(opts)} AS occurred_at,
    ${plainDecimalExpr('t_points')} AS points_plain, coalesce(points_plain, ${anyDecimalExpr('t_points')}) AS points,
    ${anyDecimalExpr('t_cash')} AS cash_value
  FROM src
),
typed2 AS (SELECT *, ${typeExpr} AS event_type FROM typed),
checked AS (SELECT *, ${good} AS ok${opts.hasEventId ? '' : `, ${contentKey} AS content_key`} FROM typed2)
SELECT line,
  ${opts.hasEventId ? 't_id' : `${sqlString(DERIVED_ID_PREFIX)} || left(content_key, 16) || '-' || row_number() OVER (PARTITION BY content_key ORDER BY line)`} AS event_id,
  occurred_at, t_account AS account_id, points, event_type, ${OPTIONAL_TEXT.join(', ')}, cash_value, department, region, extra,
  -- Spellings read on purpose but worth a warning (thousands separators, full-width digits): kept only when used.
  CASE WHEN points_plain IS NULL AND points IS NOT NULL THEN t_points END AS points_spelling,
  ok,
  CASE WHEN ok THEN NULL ELSE list_filter([
    ${isDoc ? `CASE WHEN NOT doc_ok THEN 'line is not a JSON object: ' || ${shown('doc')} END,` : ''}
    ${opts.hasEventId ? `CASE WHEN doc_ok AND t_id IS NULL THEN ${sqlString(`${label('event_id')}: missing`)} END,` : ''}
    CASE WHEN NOT doc_ok THEN NULL
      WHEN t_ts IS NULL THEN ${sqlString(`${label('occurred_at')}: missing`)}
      WHEN occurred_at IS NULL AND ${BAD_OFFSET} THEN ${sqlString(`${label('occurred_at')}: the offset "`)} || ${OFFSET} || '" in ' || ${shown('t_ts')} || ' is not a UTC offset (offsets run from -12:00 to +14:00)'
      WHEN occurred_at IS NULL THEN ${sqlString(`${label('occurred_at')}: cannot read `)} || ${shown('t_ts')} || ' as a timestamp (use ISO 8601, YYYY-MM-DD HH:MM:SS, YYYY/MM/DD HH:MM or epoch seconds)'
      WHEN NOT (${inRange}) THEN ${sqlString(`${label('occurred_at')}: `)} || ${shown('t_ts')} || ' is outside 1970–2099'
    END,
    CASE WHEN doc_ok AND t_account IS NULL THEN ${sqlString(`${label('account_id')}: missing`)} END,
    CASE WHEN NOT doc_ok OR points IS NOT NULL THEN NULL
      WHEN t_points IS NULL THEN ${sqlString(`${label('points')}: missing`)}
      WHEN NOT regexp_full_match(${slowPoints}, ${NUMBER_RE}) THEN ${sqlString(`${label('points')}: `)} || ${shown('t_points')} || ' is not a number'
      WHEN ${decimalPlaces(slowPoints)} > 2 THEN ${sqlString(`${label('points')}: `)} || ${shown('t_points')} || ' has more than two decimals'
      WHEN ${integerDigits(slowPoints)} > 16 THEN ${sqlString(`${label('points')}: `)} || ${shown('t_points')} || ' is too large'
    END,
    CASE WHEN NOT doc_ok OR points IS NULL THEN NULL
      ${
        opts.hasEventType
          ? `WHEN t_type IS NULL THEN ${sqlString(`${label('event_type')}: missing`)}
      WHEN event_type IS NULL THEN ${sqlString(`${label('event_type')}: unknown type `)} || ${shown('t_type')} || ${sqlString(` (known: ${EVENT_TYPES.join(', ')}; map others with a mapping file's "values")`)}`
          : `WHEN event_type IS NULL THEN 'event_type: cannot infer a type from points = 0'`
      }
      ${signWhy}
    END,
    CASE WHEN t_cash IS NOT NULL AND cash_value IS NULL THEN ${sqlString(`${label('cash_value')}: `)} || ${shown('t_cash')} || ' is not an amount with at most two decimals' END
  ], x -> x IS NOT NULL) END AS reasons,
  CASE WHEN NOT ok THEN (CASE WHEN NOT doc_ok THEN json_object('source_text', doc) ELSE ${rawJson} END) END AS raw,
  -- Read only for the few valid rows later taken back as repeats, so their quarantine entry shows the source too.
  ${rawJson} AS raw_source
FROM checked`;
}
