import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { USER_ROLES, type UserRole } from '../api/schema.ts';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { z } from 'zod';
import type { AccountScope } from '../db/within-scope.ts';
import { UserError } from '../errors.ts';

/**
 * People and roles (serve --users FILE). Each entry holds a salted SHA-256 of its token, never the token: tokens are
 * 32 random bytes, so a fast hash is safe, and a stolen file does not let anyone in.
 */
export const ROLES = USER_ROLES;
export type Role = UserRole;

const NAME = /^[\p{L}\p{N}_.@-]{1,64}$/u;

const Entry = z
  .object({
    name: z.string().regex(NAME, 'must be 1–64 letters, digits, _ . @ -'),
    role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
    /** A manager's part of the program: one attribute and its value or values, e.g. {department: 研发部}. */
    scope: z
      .record(
        z.string().regex(/^[\p{L}\p{N}_ .-]{1,64}$/u),
        z.union([z.string().min(1), z.array(z.string().min(1)).min(1, 'needs at least one value')]),
      )
      .optional(),
    /** An auditor who sees pseudonyms only. */
    pseudonymize: z.boolean().optional(),
    /** A manager who may (or may not) see the program's totals, whatever privacy.managers_see_program_totals says. */
    program_totals: z.boolean().optional(),
    token_hash: z
      .string()
      .regex(/^sha256:[0-9a-f]{32}:[0-9a-f]{64}$/, 'must be sha256:SALT:HASH as `ledger-lens users add` writes it'),
  })
  .strict()
  .superRefine((u, ctx) => {
    const n = Object.keys(u.scope ?? {}).length;
    if (u.role === 'manager' && n !== 1)
      ctx.addIssue({
        code: 'custom',
        path: ['scope'],
        message: 'a manager needs a scope of exactly one attribute, e.g. {department: 研发部}',
      });
    if (u.role !== 'manager' && n > 0)
      ctx.addIssue({ code: 'custom', path: ['scope'], message: `only a manager has a scope (this user is ${u.role})` });
    if (u.program_totals !== undefined && u.role !== 'manager')
      ctx.addIssue({
        code: 'custom',
        path: ['program_totals'],
        message: `only a manager's view of program totals is a setting (this user is ${u.role})`,
      });
    if (u.pseudonymize && u.role !== 'auditor')
      ctx.addIssue({ code: 'custom', path: ['pseudonymize'], message: 'only an auditor can be limited to pseudonyms' });
  });
type Entry = z.infer<typeof Entry>;
const UsersFile = z.object({ users: z.array(Entry) }).strict();

/** Who a request comes from, once its token matched: what the server enforces. */
export interface Principal {
  name: string;
  role: Role;
  scope?: AccountScope;
  pseudonymize: boolean;
  /** A manager's own answer to privacy.managers_see_program_totals; absent: the program's setting decides. */
  programTotals?: boolean;
}

export interface Users {
  file: string;
  entries: Entry[];
}

export function loadUsers(file: string): Users {
  if (!existsSync(file))
    throw new UserError('users_missing', `${file}: no such users file`, {
      hint: `Create it with \`ledger-lens users add NAME --role admin --users ${file}\`.`,
    });
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UserError('users_invalid', `${file}: not a YAML file (${(e as Error).message.split('\n')[0]})`, {
      hint: 'The file is written by `ledger-lens users add`; see README, "People and roles".',
    });
  }
  const parsed = UsersFile.safeParse(raw ?? { users: [] });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new UserError('users_invalid', `${file}: the users file is not valid:\n${lines.join('\n')}`, {
      hint: 'See README, "People and roles", for an example.',
    });
  }
  const seen = new Set<string>();
  for (const u of parsed.data.users) {
    if (seen.has(u.name))
      throw new UserError('users_invalid', `${file}: the user ${u.name} is listed twice`, {
        hint: 'Keep one entry per name.',
      });
    seen.add(u.name);
  }
  return { file, entries: parsed.data.users };
}

const hashOf = (salt: string, token: string) => createHash('sha256').update(`${salt}:${token}`, 'utf8').digest('hex');

/** The user whose token this is, compared in constant time against every entry, or null. */
export function authenticate(users: Users, token: string | null): Principal | null {
  if (token === null) return null;
  let found: Entry | null = null;
  for (const u of users.entries) {
    const [, salt, hash] = u.token_hash.split(':');
    if (timingSafeEqual(Buffer.from(hashOf(salt, token), 'hex'), Buffer.from(hash, 'hex'))) found = u;
  }
  return found && principalOf(found);
}

function principalOf(u: Entry): Principal {
  const [scope] = Object.entries(u.scope ?? {}).map(([attribute, value]) => ({ attribute, value }));
  return { name: u.name, role: u.role, scope, pseudonymize: u.pseudonymize ?? false, programTotals: u.program_totals };
}

/** One value as itself (the file stays as simple as before), several as a YAML list. */
const oneOrList = (v: string | readonly string[]) => (typeof v === 'string' ? v : v.length === 1 ? v[0] : [...v]);

export interface NewUser {
  name: string;
  role: Role;
  scope?: AccountScope;
  pseudonymize?: boolean;
  programTotals?: boolean;
}

/**
 * Adds a user to the file (created when missing) and returns the token, which is shown once and stored nowhere.
 * The file is replaced whole (write, then rename), readable by its owner only.
 */
export function addUser(file: string, user: NewUser, random: (n: number) => Buffer = randomBytes): string {
  const users = existsSync(file) ? loadUsers(file).entries : [];
  if (users.some((u) => u.name === user.name))
    throw new UserError('user_exists', `${file}: there is already a user ${user.name}`, {
      hint: 'Choose another name, or remove the entry from the file first.',
    });
  const token = random(32).toString('hex');
  const salt = random(16).toString('hex');
  const entry = Entry.safeParse({
    name: user.name,
    role: user.role,
    ...(user.scope ? { scope: { [user.scope.attribute]: oneOrList(user.scope.value) } } : {}),
    ...(user.pseudonymize ? { pseudonymize: true } : {}),
    ...(user.programTotals !== undefined ? { program_totals: user.programTotals } : {}),
    token_hash: `sha256:${salt}:${hashOf(salt, token)}`,
  });
  if (!entry.success) {
    throw new UserError(
      'bad_usage',
      entry.error.issues.map((i) => `${i.path.join('.') || 'user'}: ${i.message}`).join('; '),
      { hint: 'Run `ledger-lens users --help`.' },
    );
  }
  const tmp = `${file}.tmp`;
  writeFileSync(
    tmp,
    `# Ledger Lens users: written by \`ledger-lens users add\`; tokens are stored as salted hashes only.\n${toYaml({ users: [...users, entry.data] })}`,
    { mode: 0o600 },
  );
  renameSync(tmp, file);
  return token;
}
