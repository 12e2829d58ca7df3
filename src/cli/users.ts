import { parseScope } from '../db/scope.ts';
import { UserError } from '../errors.ts';
import type { AccountScope } from '../db/within-scope.ts';
import { scopeText } from '../server/read-scope.ts';
import { addUser, ROLES, type Role } from '../server/users.ts';
import { parse, printJson, requireString } from './args.ts';

export const summary = 'add a person with a role to a users file (serve --users)';

const HELP = `Usage: ledger-lens users add NAME --role ROLE [--scope ATTRIBUTE=VALUE ...] [--pseudonymize]
                          [--program-totals yes|no] --users FILE [--json]

Adds one person to the users file of \`ledger-lens serve --users FILE\` (created when missing) and prints their
access token once: only a salted hash of it is stored, so keep it now. They send "Authorization: Bearer TOKEN",
or open /?token=TOKEN once in a browser (it becomes a cookie).

Roles:
  admin      everything, uploads included
  auditor    every page and export; with --pseudonymize sees pseudonyms only (the Audit page still works)
  manager    every page, limited to the accounts of --scope (e.g. department=研发部); aggregates over fewer
             than the program's min group size are suppressed, and a scope that small sees nothing but
             the notice; the whole program's totals beside their own where the settings allow
  viewer     the Health and Fairness aggregates, no per-person rows

Options:
  --role ROLE          ${ROLES.join(', ')}
  --scope A=V          a manager's part of the program (required for a manager, refused for the others);
                       repeat it for several values of the same attribute (department=研发部 --scope department=市场部)
  --pseudonymize       an auditor who sees pseudonyms only
  --program-totals Y   yes|no: whether this manager sees the whole program's KPIs beside their scope's (default:
                       the program setting privacy.managers_see_program_totals, itself no by default)
  --users FILE         the users file (YAML)
  --json               print {"name", "role", "token"}
`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse('users', argv, {
    role: { type: 'string' },
    scope: { type: 'string', multiple: true },
    pseudonymize: { type: 'boolean' },
    'program-totals': { type: 'string' },
    users: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const [action, name, ...extra] = positionals;
  if (action !== 'add' || !name || extra.length > 0)
    throw new UserError('bad_usage', 'ledger-lens users: expected `users add NAME --role ROLE --users FILE`', {
      hint: 'Run `ledger-lens users --help`.',
    });
  const role = requireString('users', 'role', values.role);
  if (!(ROLES as readonly string[]).includes(role))
    throw new UserError('bad_usage', `--role ${role}: not one of ${ROLES.join(', ')}`, {
      hint: 'Run `ledger-lens users --help`.',
    });
  const file = requireString('users', 'users', values.users);
  const scope = scopeOf(values.scope);
  const token = addUser(file, {
    name,
    role: role as Role,
    scope,
    pseudonymize: values.pseudonymize,
    programTotals: yesNo(values['program-totals']),
  });
  if (values.json) printJson({ name, role, token });
  else
    process.stdout.write(
      `Added ${name} (${role}${scope ? `, ${scopeText(scope)}` : ''}) to ${file}.\nToken (shown once, stored only as a salted hash): ${token}\n`,
    );
  return 0;
}

/** `--program-totals yes|no`; absent: the program's setting decides. */
function yesNo(given: string | undefined): boolean | undefined {
  if (given === undefined) return undefined;
  if (given === 'yes' || given === 'no') return given === 'yes';
  throw new UserError('bad_usage', `--program-totals ${given}: yes or no`, { hint: 'Run `ledger-lens users --help`.' });
}

/** `--scope A=V`, once or repeated with the same attribute (a scope of several values). */
function scopeOf(given: string[] | undefined): AccountScope | undefined {
  if (!given?.length) return undefined;
  const scopes = given.map((s) => parseScope(s, '--scope'));
  const { attribute } = scopes[0];
  const other = scopes.find((s) => s.attribute !== attribute);
  if (other)
    throw new UserError(
      'bad_usage',
      `--scope ${other.attribute}=${other.value}: a scope has one attribute (${attribute}), with one value or several`,
      { hint: `Repeat --scope ${attribute}=VALUE for each value.` },
    );
  const value = [...new Set(scopes.map((s) => s.value))];
  return { attribute, value: value.length === 1 ? value[0] : value };
}
