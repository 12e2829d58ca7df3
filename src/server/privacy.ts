import type { ServerResponse } from 'node:http';
import { run } from '../db/run.ts';
import { UserError } from '../errors.ts';
import { storedConfig } from '../config.ts';
import { identifyingSet, refuseIdentifying } from '../privacy/identifying.ts';
import { pseudonymizeDeep, pseudonymizer, type Pseudonymizer } from '../privacy/pseudonymize.ts';
import type { Context } from './context.ts';

type Transform = <T>(x: T) => T;
const transforms = new WeakMap<ServerResponse, Transform[]>();

/** What a response must pass through before it leaves (a scope's mask, then pseudonyms), in the order added. */
export function privacyOf(res: ServerResponse): Transform {
  const list = transforms.get(res) ?? [];
  return (x) => list.reduce((v, t) => t(v), x);
}

export function addTransform(res: ServerResponse, t: Transform) {
  transforms.set(res, [...(transforms.get(res) ?? []), t]);
}

/** Query parameters that name a person: with pseudonyms on, the client names people by their pseudonyms. */
const ID_PARAMS = { account_id: false, approver_id: false, accounts: true } as const;

/** Routes that show rows as they are in the file (raw text), which no pseudonym can cover. */
const RAW_ROUTES = [
  '/api/quarantine',
  '/api/uploads',
  '/api/uploads/commit',
  '/api/uploads/discard',
  '/api/uploads/progress',
];

/** The roster's identifying attributes: the default list and the stored program settings' additions. */
export async function identifyingOf(ctx: Pick<Context, 'cached' | 'read'>): Promise<ReadonlySet<string>> {
  return ctx.cached('identifying', () =>
    ctx.read(async (db) => identifyingSet((await storedConfig(db)).privacy?.identifying_attributes)),
  );
}

/**
 * Pseudonymisation of one server (serve --pseudonymize) or one user (a users file's `pseudonymize: true`): every
 * JSON answer, CSV export and the printable report carry pseudonyms; parameters that name a person must be
 * pseudonyms, translated back here (a raw id would tie a person to a pseudonym); a grouping or filter by a name is
 * refused; rows as they stand in the file (quarantine, uploads) are not shown.
 */
export function pseudonymizing(ctx: Context, key: string) {
  const pseudo: Pseudonymizer = pseudonymizer(key);
  const people = () =>
    ctx.cached(`pseudonyms|${pseudo('')}`, () =>
      ctx.read(async (db) => {
        const rows = await run(db, 'people_ids', {});
        return new Map(rows.map((r) => [pseudo(String(r.id)), String(r.id)]));
      }),
    );
  return async (url: URL, res: ServerResponse) => {
    if (RAW_ROUTES.includes(url.pathname)) {
      throw new UserError(
        'pseudonymized',
        `${url.pathname} shows rows as they stand in the file, which pseudonyms cannot cover`,
        { details: { status: 403 }, hint: 'Ask an administrator, or use the CLI on the database.' },
      );
    }
    const identifying = await identifyingOf(ctx);
    refuseIdentifying('by', url.searchParams.get('by') ?? undefined, identifying);
    const filter = url.searchParams.get('filter');
    if (filter !== null) refuseIdentifying('filter', filter.split('=')[0], identifying);
    for (const [name, list] of Object.entries(ID_PARAMS)) {
      const given = url.searchParams.get(name);
      if (given === null) continue;
      const known = await people();
      const real = (list ? given.split(',') : [given]).map((v) => {
        const id = known.get(v);
        if (id === undefined)
          throw new UserError(
            'bad_parameter',
            `${name}: ${JSON.stringify(v.slice(0, 40))} is not a pseudonym of this ledger; with pseudonyms on, people are named by their pseudonyms (P-…)`,
            { hint: 'Use the pseudonyms the other answers show.' },
          );
        return id;
      });
      url.searchParams.set(name, real.join(','));
    }
    addTransform(res, (x) => pseudonymizeDeep(x, pseudo));
  };
}
