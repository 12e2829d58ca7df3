import { EVENT_TYPE_ALIASES, EVENT_TYPES, LEDGER_FIELDS } from './columns.ts';
import type { ResolvedMapping } from './mapping.ts';
import { decimalExpr, decimalPlaces, dropThousands, foldWidth, integerDigits, NUMBER_RE, shown, timestampExpr } from './parse-sql.ts';
import type { Source } from './source.ts';
import { sqlString } from './sql.ts';

const OPTIONAL_TEXT = ['rule_id', 'experiment_id', 'variant', 'counterparty_id', 'approver_id', 'category', 'reason'];
const SIGN_RULE: Record<string, string> = { earn: '> 0', deduct: '< 0', redeem: '< 0', expire: '< 0', transfer: '<> 0' };

/**
 * The one SELECT that reads every source row once and yields its typed canonical values and every reason it
 * cannot be accepted. Nothing is filtered here: rows in = rows out, which is what makes reconciliation hold.
 */
export function stageLedgerSql(src: Source, m: ResolvedMapping, opts: { relation: string; timezone: string; valueMap: Record<string, string>; hasEventType: boolean; hasEventId: boolean }): string {
  const raw = (canon: string) => (m.columns[canon] ? `NULLIF(trim(${src.col(m.columns[canon])}), '')` : 'NULL');
  const label = (canon: string) => `${canon} (column ${JSON.stringify(m.columns[canon] ?? canon)})`;
  const typeMap = { ...EVENT_TYPE_ALIASES, ...Object.fromEntries(Object.entries(opts.valueMap).map(([k, v]) => [k.trim().toLowerCase(), v])) };
  const mapLiteral = `MAP {${Object.entries(typeMap).map(([k, v]) => `${sqlString(k.toLowerCase())}: ${sqlString(v)}`).join(', ')}}`;
  const attrSources = [...(['department', 'region'].filter((a) => m.columns[a]).map((a) => [a, m.columns[a]])), ...m.extra.map((c) => [c, c])];
  const attrs = attrSources.length
    ? `map_from_entries(list_filter([${attrSources.map(([k, s]) => `{'k': ${sqlString(k)}, 'v': NULLIF(trim(${src.col(s)}), '')}`).join(', ')}], e -> e.v IS NOT NULL))`
    : 'MAP {}';
  // Raw values by source column name, built only for rows that will be quarantined.
  const rawCols: Record<string, string> = { event_id: 't_id', occurred_at: 't_ts', account_id: 't_account', points: 't_points_raw', event_type: 't_type', cash_value: 't_cash_raw' };
  const rawJson = `json_merge_patch(json_object(${Object.entries(m.columns)
    .filter(([c]) => c !== 'department' && c !== 'region')
    .map(([c, s]) => `${sqlString(s)}, ${rawCols[c] ?? c}`)
    .join(', ')}), to_json(attrs))`;
  const invalidDoc = src.format === 'ndjson' ? `CASE WHEN NOT doc_ok THEN 'line is not a JSON object: ' || ${shown('doc')} END,` : '';

  const typeExpr = opts.hasEventType
    ? `${mapLiteral}[lower(t_type)]`
    : `CASE WHEN points > 0 THEN 'earn' WHEN points < 0 THEN 'redeem' END`;
  const signChecks = Object.entries(SIGN_RULE)
    .map(([t, rule]) => `WHEN event_type = '${t}' AND NOT (points ${rule}) THEN ${sqlString(`${label('points')}: `)} || points::VARCHAR || ${sqlString(` contradicts event_type ${t} (${t} must be ${rule === '<> 0' ? 'non-zero' : rule})`)}`)
    .join('\n        ');

  return `
WITH src AS (
  SELECT __line AS line,
    ${raw('event_id')} AS t_id, ${raw('occurred_at')} AS t_ts, ${raw('account_id')} AS t_account,
    ${raw('points')} AS t_points_raw, ${dropThousands(foldWidth(raw('points')))} AS t_points,
    ${raw('event_type')} AS t_type, ${raw('cash_value')} AS t_cash_raw, ${dropThousands(foldWidth(raw('cash_value')))} AS t_cash,
    ${OPTIONAL_TEXT.map((c) => `${raw(c)} AS ${c}`).join(', ')},
    ${attrs} AS attrs,
    ${src.format === 'ndjson' && opts.relation === 'll_raw' ? '__valid' : 'true'} AS doc_ok,
    ${src.format === 'ndjson' && opts.relation === 'll_raw' ? '__doc' : 'NULL'} AS doc
  FROM ${opts.relation}
),
typed AS (
  SELECT *, ${timestampExpr('t_ts', opts.timezone)} AS occurred_at, ${decimalExpr('t_points')} AS points, ${decimalExpr('t_cash')} AS cash_value
  FROM src
),
typed2 AS (
  SELECT *, ${typeExpr} AS event_type
    -- Without an id column, content plus occurrence makes an id that a re-import of the same file reproduces.
    ${opts.hasEventId ? '' : ", md5(concat_ws(chr(31), t_ts, t_account, t_points_raw, t_type, rule_id, counterparty_id, approver_id, reason)) AS content_key"}
  FROM typed
)
SELECT line, ${opts.hasEventId ? 't_id' : `'h' || left(content_key, 16) || '-' || row_number() OVER (PARTITION BY content_key ORDER BY line)`} AS event_id, occurred_at, t_account AS account_id, points, event_type,
  ${OPTIONAL_TEXT.join(', ')}, cash_value, attrs,
  t_points_raw IS DISTINCT FROM t_points AND t_points IS NOT NULL AND NOT regexp_matches(t_points_raw, '[０-９．－＋]') AS used_thousands,
  regexp_matches(coalesce(t_points_raw, ''), '[０-９．－＋]') AS used_fullwidth,
  list_filter([
    ${invalidDoc}
    ${opts.hasEventId ? `CASE WHEN doc_ok AND t_id IS NULL THEN ${sqlString(`${label('event_id')}: missing`)} END,` : ''}
    CASE WHEN NOT doc_ok THEN NULL
      WHEN t_ts IS NULL THEN ${sqlString(`${label('occurred_at')}: missing`)}
      WHEN occurred_at IS NULL THEN ${sqlString(`${label('occurred_at')}: cannot read `)} || ${shown('t_ts')} || ' as a timestamp (use ISO 8601, YYYY-MM-DD HH:MM:SS, YYYY/MM/DD HH:MM or epoch seconds)'
      WHEN occurred_at < TIMESTAMP '1970-01-01' OR occurred_at >= TIMESTAMP '2100-01-01' THEN ${sqlString(`${label('occurred_at')}: `)} || ${shown('t_ts')} || ' is outside 1970–2099'
    END,
    CASE WHEN doc_ok AND t_account IS NULL THEN ${sqlString(`${label('account_id')}: missing`)} END,
    CASE WHEN NOT doc_ok THEN NULL
      WHEN t_points IS NULL THEN ${sqlString(`${label('points')}: missing`)}
      WHEN NOT regexp_full_match(t_points, ${NUMBER_RE}) THEN ${sqlString(`${label('points')}: `)} || ${shown('t_points_raw')} || ' is not a number'
      WHEN ${decimalPlaces('t_points')} > 2 THEN ${sqlString(`${label('points')}: `)} || ${shown('t_points_raw')} || ' has more than two decimals'
      WHEN ${integerDigits('t_points')} > 16 THEN ${sqlString(`${label('points')}: `)} || ${shown('t_points_raw')} || ' is too large'
    END,
    CASE WHEN NOT doc_ok OR points IS NULL THEN NULL
      ${opts.hasEventType ? `WHEN t_type IS NULL THEN ${sqlString(`${label('event_type')}: missing`)}
      WHEN event_type IS NULL THEN ${sqlString(`${label('event_type')}: unknown type `)} || ${shown('t_type')} || ${sqlString(` (known: ${EVENT_TYPES.join(', ')}; map others with a mapping file's "values")`)}` : `WHEN event_type IS NULL THEN 'event_type: cannot infer a type from points = 0'`}
      ${signChecks}
    END,
    CASE WHEN t_cash IS NOT NULL AND cash_value IS NULL THEN ${sqlString(`${label('cash_value')}: `)} || ${shown('t_cash')} || ' is not an amount with at most two decimals' END
  ], x -> x IS NOT NULL) AS reasons,
  CASE WHEN len(reasons) = 0 THEN NULL WHEN NOT doc_ok THEN json_object('line', doc) ELSE ${rawJson} END AS raw
FROM typed2`;
}

export const LEDGER_INSERT_COLUMNS = [...LEDGER_FIELDS, 'attrs'];
