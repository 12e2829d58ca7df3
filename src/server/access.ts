import { run } from '../db/run.ts';
import type { Scope } from '../db/scope.ts';
import type { AccountScope } from '../db/within-scope.ts';
import { Filter } from './params.ts';
import { scopeText } from './read-scope.ts';
import { UserError } from '../errors.ts';
import { storedConfig } from '../config.ts';
import type { Context } from './context.ts';
import type { Role } from './users.ts';
import { hiddenGroups, suppressSmallGroups } from './small-groups.ts';
import { maskOutside } from './scope-mask.ts';
import { identifyingOf } from './privacy.ts';
import { isIdentifying } from '../privacy/identifying.ts';

export { OUTSIDE_SCOPE } from './scope-mask.ts';
export { suppressSmallGroups };

/** Routes a viewer may use: the Health and Fairness aggregates and the page's own table exports. */
const VIEWER_ROUTES = new Set([
  'GET /api/health',
  'GET /api/meta',
  'GET /api/report',
  'GET /api/fairness',
  'GET /api/fairness/intervals',
  // The Gini's bootstrap interval, which the Health and Fairness pages ask for after the numbers.
  'GET /api/report/intervals',
  'GET /api/daily',
  'GET /api/cohorts',
  'GET /api/gini-trend',
  'GET /api/program-totals',
  'GET /report.html',
  'POST /api/xlsx',
]);
/** The program's aggregate KPIs: a manager's only where the settings allow (programTotalsAllowed). */
export const PROGRAM_TOTALS_ROUTE = 'GET /api/program-totals';
/** What a manager whose scope is smaller than min_group_size may still call: the app's start and periods. */
const SMALL_SCOPE_ROUTES = new Set(['GET /api/health', 'GET /api/meta']);
/** Routes that change the database: an administrator's. */
const ADMIN_ROUTES = new Set([
  'POST /api/uploads',
  'POST /api/uploads/commit',
  'POST /api/uploads/discard',
  'GET /api/uploads/progress',
  'GET /api/access-log',
  'GET /api/campaigns',
  'POST /api/campaigns',
  'POST /api/campaigns/delete',
]);
/** The case list (marks on flags), read and written: administrators and auditors only (README, "People and roles"). */
const MARKING_ROUTES = new Set(['POST /api/audit/marks', 'GET /api/audit/marks']);
/** Program-wide lists that no scope can narrow (the import history, the raw rows an import quarantined). */
const PROGRAM_ROUTES = new Set(['GET /api/imports', 'GET /api/quarantine']);

/** Rows as they stand in the file, which no pseudonym can cover (src/server/privacy.ts refuses them too). */
const RAW_ROUTES = new Set(['GET /api/quarantine']);

/** Whether a user may call the route `METHOD /path`: the server's answer, whatever the page shows. */
export function mayCall({ role, pseudonymize }: { role: Role; pseudonymize?: boolean }, route: string): boolean {
  if (role === 'admin') return true;
  if (ADMIN_ROUTES.has(route)) return false;
  if (MARKING_ROUTES.has(route)) return role === 'auditor';
  if (role === 'auditor') return !(pseudonymize && RAW_ROUTES.has(route));
  if (role === 'manager') return !PROGRAM_ROUTES.has(route);
  return VIEWER_ROUTES.has(route);
}

export { scopeText };

/** Parameters naming people, and who is outside a scope in answers. */
const PERSON_PARAMS = ['account_id', 'approver_id', 'accounts'];

/** Routes whose queries take the page filter as bound parameters ($scope_attribute, $scope_value). */
const FILTERED_ROUTES = new Set([
  'GET /api/report',
  'GET /api/fairness',
  'GET /api/fairness/intervals',
  'GET /api/report/intervals',
  'GET /report.html',
  'GET /api/gini-trend',
  'GET /api/cohorts',
  'GET /api/daily',
  'GET /api/rank',
]);

const valuesOf = (scope: AccountScope) => (typeof scope.value === 'string' ? [scope.value] : scope.value);

/**
 * Checks a manager's request against their scope before it runs. The request itself runs within the scope (the
 * server reads a database of the scope's accounts only: src/server/read-scope.ts), so every number, flag, peer group
 * and ranking is the scope's own. Here: a page filter on the scope's attribute must name one of its values; a filter
 * on another attribute is kept, and so intersected with the scope, unless the intersection holds fewer than
 * min_group_size people; a person named in a parameter must be inside the scope. Answers then show people outside it
 * (an approver or counterparty from another department) as "(outside scope)". Returns that transform.
 */
export function scopeGuard(ctx: Context, scope: AccountScope) {
  const { count, minGroup, checkFilter } = groupSizes(ctx);
  // Runs within the scope: account_attributes holds the scope's accounts only, so these are the scope's people.
  const inside = () => ctx.cached('scope-people', () => count(null));
  return async (route: string, url: URL): Promise<{ transform: <T>(x: T) => T; tooSmall: number | null }> => {
    const people = await inside();
    const least = await minGroup();
    if (people.size < least) {
      // Totals are sums of rows: showing this scope's rows while hiding its totals would hide nothing (README).
      if (!SMALL_SCOPE_ROUTES.has(route)) throw scopeTooSmall(scope, least);
      return { transform: withoutCounts(least), tooSmall: least };
    }
    const given = url.searchParams.get('filter');
    const filter = given === null ? null : Filter.safeParse(given);
    if (filter?.success) {
      const f = filter.data;
      if (f.attribute === scope.attribute && !valuesOf(scope).includes(f.value))
        throw outside(`filter ${given}`, scope);
      await checkFilter(f, given!, scope, least);
    }
    // Other routes take no filter: they are already the scope's.
    if (!FILTERED_ROUTES.has(route)) url.searchParams.delete('filter');
    for (const name of PERSON_PARAMS) {
      const ids = url.searchParams.get(name);
      if (ids === null) continue;
      for (const id of ids.split(',')) if (!people.has(id)) throw outside(`${name} ${id.slice(0, 40)}`, scope);
    }
    return {
      transform: (x) => suppressSmallGroups(maskOutside(x, people), least),
      tooSmall: null,
    };
  };
}

/** Who is in a group: the people of a filter (within the request's scope, if any), and the program's minimum. */
function groupSizes(ctx: Context) {
  const count = (filter: Scope | null) =>
    ctx.read(async (db) => {
      const rows = await run(db, 'filter_people', {
        scope_attribute: filter?.attribute ?? null,
        scope_value: filter?.value ?? null,
      });
      return new Set(rows.map((r) => String(r.id)));
    });
  const minGroup = () =>
    ctx.cached('min-group', () => ctx.read(async (db) => (await storedConfig(db)).fairness.min_group_size));
  const filterPeople = async (f: Scope) =>
    (await ctx.cached(`filter-people|${f.attribute}=${f.value}`, () => count(f))).size;
  // People per value of an attribute (null: those without it), as a report's `by` groups count them.
  const valueSizes = (attribute: string) =>
    ctx.cached(`value-sizes|${attribute}`, () => ctx.read((db) => run(db, 'attribute_value_sizes', { attribute })));
  /**
   * A filter must hold min_group_size people, and not be a group its attribute's table hides with a smaller one
   * (src/server/small-groups.ts): else the total less the filters that answer would be that small group.
   */
  const checkFilter = async (f: Scope, given: string, scope: AccountScope | undefined, least: number) => {
    if ((await filterPeople(f)) < least) throw tooFew(given, scope, least);
    const sizes = await valueSizes(f.attribute);
    const { hidden } = hiddenGroups(
      sizes,
      (g) => g.n,
      (g) => g.n < least,
      least,
    );
    if ([...hidden].some((g) => g.value === f.value)) throw hiddenWith(given, f.attribute, scope, least);
  };
  return { count, minGroup, checkFilter };
}

/**
 * A viewer reads the whole program's aggregates but no person's points (README, "People and roles"): a group or a
 * page filter of fewer than min_group_size people would be a few persons' rows under another name, so groups that
 * small lose their numbers and such a filter answers 403, as for a manager. Nor may a viewer group or filter by a
 * name, a phone or the like: each group would be one person, and its label, shown even when its numbers are not,
 * the roster.
 */
export function viewerGuard(ctx: Context) {
  const { minGroup, checkFilter } = groupSizes(ctx);
  return async (url: URL): Promise<<T>(x: T) => T> => {
    const least = await minGroup();
    const given = url.searchParams.get('filter');
    const filter = given === null ? null : Filter.safeParse(given);
    const identifying = await identifyingOf(ctx);
    for (const [option, attribute] of [
      ['by', url.searchParams.get('by')],
      ['filter', filter?.success ? filter.data.attribute : null],
    ] as const)
      if (attribute !== null && isIdentifying(attribute, identifying)) throw namesPeople(option, attribute);
    if (filter?.success) await checkFilter(filter.data, given!, undefined, least);
    return (x) => suppressSmallGroups(x, least);
  };
}

/** /api/meta of a scope too small to show: its periods and settings, not its totals nor its people per value. */
const withoutCounts =
  (least: number) =>
  <T>(x: T): T =>
    ({ ...(x as object), totals: null, attributes: [], suppressed: `fewer than ${least}` }) as T;

/**
 * Whether a user may read the program's aggregate totals (GET /api/program-totals): everyone who reads the whole
 * program anyway; a manager when their users-file entry says so, else when the program's settings do (default no).
 */
export async function programTotalsAllowed(
  ctx: Context,
  p: { scope?: AccountScope; programTotals?: boolean },
): Promise<boolean> {
  if (!p.scope) return true;
  if (p.programTotals !== undefined) return p.programTotals;
  return ctx.cached('program-totals-setting', () =>
    ctx.read(async (db) => (await storedConfig(db)).privacy?.managers_see_program_totals ?? false),
  );
}

export function programTotalsRefused(): UserError {
  return new UserError(
    'forbidden',
    'program-wide totals are not shown to you: the program settings (privacy.managers_see_program_totals) or your entry in the users file (program_totals) keep them from managers',
    { details: { status: 403 }, hint: 'Ask an administrator.' },
  );
}

function scopeTooSmall(scope: AccountScope, least: number) {
  return new UserError(
    'group_too_small',
    `your scope (${scopeText(scope)}) has fewer than ${least} people, and groups that small are not shown`,
    { details: { status: 403 }, hint: 'Ask an administrator for a wider scope.' },
  );
}

function tooFew(filter: string, scope: AccountScope | undefined, least: number) {
  const of = scope ? ` of your scope (${scopeText(scope)})` : '';
  return new UserError(
    'group_too_small',
    `filter ${filter}: fewer than ${least} people${of} have it, and groups that small are not shown`,
    { details: { status: 403 }, hint: 'Choose a wider filter, or none.' },
  );
}

function namesPeople(option: string, attribute: string) {
  return new UserError(
    'identifying_attribute',
    `${option} ${attribute}: "${attribute}" names a person, and a viewer sees no per-person rows`,
    { details: { status: 403 }, hint: 'Group by an attribute that many people share (department, region, role, …).' },
  );
}

function hiddenWith(filter: string, attribute: string, scope: AccountScope | undefined, least: number) {
  const of = scope ? ` of your scope (${scopeText(scope)})` : '';
  return new UserError(
    'group_too_small',
    `filter ${filter}: not shown, with a group of fewer than ${least} people${of} by ${attribute}, so that the total less the other groups does not give that group away`,
    { details: { status: 403 }, hint: 'Choose a larger group, or none.' },
  );
}

function outside(what: string, scope: AccountScope) {
  return new UserError('outside_scope', `${what}: outside your scope (${scopeText(scope)})`, {
    details: { status: 403 },
    hint: 'Ask an administrator for a wider scope.',
  });
}
