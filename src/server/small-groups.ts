/** What a group row says about its members: blanked when the group is not shown, with `n` itself. */
const GROUP_FIELDS = ['n', 'total_issued', 'mean_issued', 'sd_issued', 'mean_ci', 'gini', 'theil', 'disparity'];

/**
 * A table's sums over all its groups, the hidden ones included: with them, a hidden group's numbers could be solved
 * for (the Theil decomposition adds up each group's share).
 */
const TABLE_FIELDS = ['theil_between', 'theil_within', 'theil_between_share'];

interface Row {
  n?: unknown;
  small?: unknown;
  is_reference?: unknown;
}

const isSmall = (g: Row, minGroup: number) => g.small === true && typeof g.n === 'number' && g.n < minGroup;

/**
 * A manager's or a viewer's groups of fewer than min_group_size people (a report's `by` groups, marked `small`)
 * lose their numbers and say "fewer than N", as statistics offices publish: a scope split by role must not show the
 * one director's points. As those offices also do, the table then hides more groups (the smallest others) until the
 * hidden ones hold min_group_size people together: else the total less the groups shown is the small group's number.
 */
export function suppressSmallGroups<T>(x: T, minGroup: number): T {
  if (Array.isArray(x)) return x.map((v) => suppressSmallGroups(v, minGroup)) as T;
  if (x === null || typeof x !== 'object') return x;
  const o = x as Record<string, unknown>;
  if (Array.isArray(o.groups) && (o.groups as Row[]).some((g) => isSmall(g, minGroup)))
    return suppressTable(o, o.groups as Row[], minGroup) as T;
  if (Array.isArray(o.cells) && (o.cells as Cohort[]).some((c) => isSmallCohort(c, minGroup)))
    return withoutSmallCohorts(o, o.cells as Cohort[], minGroup) as T;
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, suppressSmallGroups(v, minGroup)])) as T;
}

/**
 * Which groups a table hides: those of fewer than minGroup people, and with them the smallest others until the
 * hidden ones hold minGroup people together. `small` says which are small; both sets hold members of `groups`.
 */
export function hiddenGroups<G>(
  groups: readonly G[],
  size: (g: G) => number,
  isSmallGroup: (g: G) => boolean,
  minGroup: number,
): { small: Set<G>; hidden: Set<G> } {
  const small = new Set(groups.filter(isSmallGroup));
  const hidden = new Set(small);
  if (small.size === 0) return { small, hidden };
  let people = [...small].reduce((n, g) => n + size(g), 0);
  const others = groups.filter((g) => !small.has(g)).sort((a, b) => size(a) - size(b));
  for (const g of others) {
    if (people >= minGroup) break;
    hidden.add(g);
    people += size(g);
  }
  return { small, hidden };
}

function suppressTable(table: Record<string, unknown>, groups: Row[], minGroup: number): Record<string, unknown> {
  const { small, hidden } = hiddenGroups(
    groups,
    (g) => Number(g.n ?? 0),
    (g) => isSmall(g, minGroup),
    minGroup,
  );
  // Each group's disparity is its mean over the reference group's: a hidden reference would be a known divisor.
  const hiddenReference = groups.some((g) => hidden.has(g) && g.is_reference === true);
  return {
    ...table,
    ...Object.fromEntries(TABLE_FIELDS.filter((k) => k in table).map((k) => [k, null])),
    groups: groups.map((g) => {
      if (!hidden.has(g)) return hiddenReference && 'disparity' in g ? { ...g, disparity: null } : g;
      return {
        ...g,
        ...Object.fromEntries(GROUP_FIELDS.filter((k) => k in g).map((k) => [k, null])),
        outside_band: false,
        suppressed: small.has(g) ? `fewer than ${minGroup}` : `with a group of fewer than ${minGroup}`,
      };
    }),
  };
}

interface Cohort {
  cohort_size?: unknown;
}

const isSmallCohort = (c: Cohort, minGroup: number) => typeof c.cohort_size === 'number' && c.cohort_size < minGroup;

/**
 * The retention grid's cohorts (accounts by the month they joined) of fewer than minGroup people are left out: a
 * cohort of one is that person's active months. The grid has no total to subtract from, so nothing else goes.
 */
function withoutSmallCohorts(grid: Record<string, unknown>, cells: Cohort[], minGroup: number) {
  return { ...grid, cells: cells.filter((c) => !isSmallCohort(c, minGroup)), suppressed: `fewer than ${minGroup}` };
}
