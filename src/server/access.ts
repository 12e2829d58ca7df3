import type { Scope } from '../db/scope.ts';
import { UserError } from '../errors.ts';
import { pseudonymizeDeep } from '../privacy/pseudonymize.ts';
import { storedConfig } from '../ledger/import.ts';
import type { Context } from './context.ts';
import type { Role } from './users.ts';

/** Routes a viewer may use: the Health and Fairness aggregates and the page's own table exports. */
const VIEWER_ROUTES = new Set([
  'GET /api/health',
  'GET /api/meta',
  'GET /api/report',
  'GET /api/daily',
  'GET /api/cohorts',
  'GET /api/gini-trend',
  'GET /report.html',
  'POST /api/xlsx',
]);
/** Routes that change the database: an administrator's. */
const ADMIN_ROUTES = new Set([
  'POST /api/uploads',
  'POST /api/uploads/commit',
  'POST /api/uploads/discard',
  'GET /api/uploads/progress',
  'GET /api/access-log',
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

export const scopeText = (s: Scope | undefined) => (s ? `${s.attribute}=${s.value}` : null);

/** Parameters naming people, and who is outside a scope in answers. */
const PERSON_PARAMS = ['account_id', 'approver_id', 'accounts'];
export const OUTSIDE_SCOPE = '(outside scope)';

/**
 * Routes whose queries take the page filter as bound parameters ($scope_attribute, $scope_value): for a manager the
 * scope is that filter, so their numbers are the scope's own (the same as an administrator's with that filter).
 */
const FILTERED_ROUTES = new Set([
  'GET /api/report',
  'GET /api/report/intervals',
  'GET /report.html',
  'GET /api/gini-trend',
  'GET /api/cohorts',
  'GET /api/daily',
  'GET /api/rank',
]);
/** Of those, the routes that list people (rankings): their rows about people outside are still dropped, a second guard. */
const LISTING_ROUTES = new Set(['GET /api/rank']);

/**
 * Checks a manager's request against their scope before it runs: a page filter must be the scope itself, and the
 * scope is then set as the request's filter, bound into every query of the routes that take one; a person named in
 * a parameter must be inside it. Rankings rank within the scope (and still drop outside rows as a second guard).
 * Routes without a filter (audit, economics, experiments) compute over the
 * program, so their rows about people outside the scope are dropped. Answers then show people outside it (an
 * approver or counterparty from another department) as "(outside scope)". Returns that transform.
 */
export function scopeGuard(ctx: Context, scope: Scope) {
  const inside = () =>
    ctx.cached(`scope-people|${scopeText(scope)}`, () =>
      ctx.read(
        async (db) =>
          new Set(
            (
              await db.all<{ id: string }>(
                'SELECT DISTINCT account_id AS id FROM account_attributes WHERE attribute = $a AND value = $v',
                { a: scope.attribute, v: scope.value },
              )
            ).map((r) => r.id),
          ),
      ),
    );
  return async (route: string, url: URL): Promise<<T>(x: T) => T> => {
    const filter = url.searchParams.get('filter');
    if (filter !== null) {
      if (!filter.startsWith(`${scope.attribute}=`)) {
        throw new UserError(
          'filter_in_scope',
          `filter ${filter}: your pages are limited to ${scopeText(scope)}, and a filter on another attribute within it is not supported yet`,
          {
            details: { status: 403 },
            hint: 'Remove the filter; or ask an administrator for a report by that attribute.',
          },
        );
      }
      if (filter !== scopeText(scope)) throw outside(`filter ${filter}`, scope);
    }
    if (FILTERED_ROUTES.has(route)) url.searchParams.set('filter', scopeText(scope)!);
    else url.searchParams.delete('filter');
    const people = await inside();
    for (const name of PERSON_PARAMS) {
      const given = url.searchParams.get(name);
      if (given === null) continue;
      for (const id of given.split(',')) if (!people.has(id)) throw outside(`${name} ${id.slice(0, 40)}`, scope);
    }
    const minGroup = await ctx.cached('min-group', () =>
      ctx.read(async (db) => (await storedConfig(db)).fairness.min_group_size),
    );
    const aggregate = FILTERED_ROUTES.has(route) && !LISTING_ROUTES.has(route);
    const narrow = aggregate ? <T>(x: T) => x : <T>(x: T) => dropOutside(x, people);
    return (x) =>
      suppressSmallGroups(
        pseudonymizeDeep(narrow(x), (id) => (people.has(id) ? id : OUTSIDE_SCOPE)),
        minGroup,
      );
  };
}

/** Rows about an account outside the scope (a flag, a ranking line), removed wherever they are listed. */
export function dropOutside<T>(x: T, people: ReadonlySet<string>): T {
  if (Array.isArray(x)) return x.filter((v) => !aboutOutside(v, people)).map((v) => dropOutside(v, people)) as T;
  if (x === null || typeof x !== 'object') return x;
  return Object.fromEntries(
    Object.entries(x as Record<string, unknown>).map(([k, v]) => [k, dropOutside(v, people)]),
  ) as T;
}

const aboutOutside = (v: unknown, people: ReadonlySet<string>) =>
  v !== null &&
  typeof v === 'object' &&
  typeof (v as { account_id?: unknown }).account_id === 'string' &&
  !people.has((v as { account_id: string }).account_id);

/** What a group row says about its members: blanked below the minimum group size, with `n` itself. */
const GROUP_FIELDS = ['n', 'total_issued', 'mean_issued', 'sd_issued', 'mean_ci', 'gini', 'theil', 'disparity'];

/**
 * A manager's groups of fewer than min_group_size people (a report's `by` groups, marked `small`) lose their
 * numbers and say "fewer than N", as statistics offices publish: a scope split by role must not show the one
 * director's points.
 */
export function suppressSmallGroups<T>(x: T, minGroup: number): T {
  if (Array.isArray(x)) return x.map((v) => suppressSmallGroups(v, minGroup)) as T;
  if (x === null || typeof x !== 'object') return x;
  const o = x as Record<string, unknown>;
  if (o.small === true && typeof o.n === 'number' && o.n < minGroup) {
    return {
      ...o,
      ...Object.fromEntries(GROUP_FIELDS.filter((k) => k in o).map((k) => [k, null])),
      suppressed: `fewer than ${minGroup}`,
    } as T;
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, suppressSmallGroups(v, minGroup)])) as T;
}

function outside(what: string, scope: Scope) {
  return new UserError('outside_scope', `${what}: outside your scope (${scopeText(scope)})`, {
    details: { status: 403 },
    hint: 'Ask an administrator for a wider scope.',
  });
}
