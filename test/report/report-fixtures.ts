/** The keys cli.md promises for `report --json`, for each period (current and `previous`). */
export const CLI_PERIOD_KEYS = [
  'period',
  'population',
  'issued',
  'deducted',
  'redeemed',
  'expired',
  'active',
  'earners',
  'acquisition_rate',
  'redemption_rate',
  'redemption_rate_lifetime',
  'points_retention_rate',
  'participant_retention_rate',
  'breakage',
  'inflation_ratio',
  'outstanding',
  'liability',
  'gini',
  'gini_nonzero',
  'theil',
  'top10_share',
  'zero_share',
] as const;

export const CLI_BY_KEYS = ['attribute', 'theil_between', 'theil_within', 'theil_between_share', 'groups'] as const;
export const CLI_GROUP_KEYS = ['value', 'n', 'mean_issued', 'gini', 'disparity', 'small'] as const;

/** Every number anywhere in `value` is finite (JSON.stringify would silently turn NaN into null). */
export function allNumbersFinite(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => allNumbersFinite(v, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => allNumbersFinite(v, `${path}.${k}`));
  return [];
}
