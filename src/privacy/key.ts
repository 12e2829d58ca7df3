import { loadConfig, type ProgramConfig } from '../config.ts';
import { UserError } from '../errors.ts';
import { identifyingSet, refuseIdentifying } from './identifying.ts';
import { pseudonymizeDeep, pseudonymizer } from './pseudonymize.ts';

export const PSEUDONYM_KEY_ENV = 'LEDGER_LENS_PSEUDONYM_KEY';
/** A short key could be found by trying keys against a known id; 16 characters puts that out of reach. */
export const MIN_KEY_LENGTH = 16;

/**
 * The pseudonym key: the program config's privacy.pseudonym_key (--config), else the environment. Never stored in
 * the database, so a shared database file does not carry the key that would undo its pseudonyms.
 */
export function pseudonymKey(config: ProgramConfig | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const key = config?.privacy?.pseudonym_key ?? env[PSEUDONYM_KEY_ENV];
  if (key === undefined || key === '') {
    throw new UserError('pseudonym_key_missing', '--pseudonymize needs a key, and none was given', {
      hint: `Set ${PSEUDONYM_KEY_ENV} to a secret of at least ${MIN_KEY_LENGTH} characters, or put "privacy": {"pseudonym_key": "…"} in the program config given with --config. Keep the key: the same key gives the same pseudonyms.`,
    });
  }
  if (key.length < MIN_KEY_LENGTH) {
    throw new UserError(
      'pseudonym_key_too_short',
      `the pseudonym key has ${key.length} characters; at least ${MIN_KEY_LENGTH} are required`,
      {
        hint: `Use a random secret, e.g. the output of \`node -e "console.log(require('crypto').randomBytes(24).toString('hex'))"\`.`,
      },
    );
  }
  return key;
}

/**
 * The `--pseudonymize` of a command: resolved before any work, so a missing key fails fast, and applied to the
 * result before it is printed or written (JSON, CSV, workbook alike).
 */
export function pseudonymizeOption(values: {
  pseudonymize?: boolean;
  config?: string;
  by?: string;
  filter?: string;
}): <T>(result: T) => T {
  if (!values.pseudonymize) return (r) => r;
  const config = values.config ? loadConfig(values.config) : undefined;
  // A grouping by names would print them beside the pseudonyms: refused before any work.
  const identifying = identifyingSet(config?.privacy?.identifying_attributes);
  refuseIdentifying('--by', values.by, identifying);
  if (values.filter !== undefined) refuseIdentifying('--filter', values.filter.split('=')[0].trim(), identifying);
  const pseudo = pseudonymizer(pseudonymKey(config));
  return (r) => pseudonymizeDeep(r, pseudo);
}
