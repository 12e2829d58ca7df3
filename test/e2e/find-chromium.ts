import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where the test browser came from, so a failure can say which one it was. */
export interface FoundBrowser {
  path: string;
  source: 'LEDGER_LENS_CHROMIUM' | 'PATH' | '@sparticuz/chromium';
}

/** Names tried on PATH, in order: Debian's package first, then Google's builds. */
export const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export const HOW_TO_GET_ONE =
  'No Chromium for the browser tests. Do one of: set LEDGER_LENS_CHROMIUM=/path/to/chromium; ' +
  'put `chromium` or `google-chrome` on PATH (Debian: apt-get install chromium); ' +
  'or run `npm ci` without --omit=dev so the devDependency @sparticuz/chromium is installed.';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The first of `names` that is an executable file in one of PATH's folders. */
export function onPath(names: readonly string[], pathVar: string | undefined): string | undefined {
  const dirs = (pathVar ?? '').split(delimiter).filter((d) => d !== '');
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (executable(candidate)) return candidate;
    }
  }
  return undefined;
}

type Unpack = () => Promise<string | undefined>;

/** The npm package ships a compressed Chromium and unpacks it into the OS temp folder on first use. */
const unpackSparticuz: Unpack = async () => {
  let mod: { default: { executablePath(): Promise<string> } };
  try {
    mod = await import('@sparticuz/chromium');
  } catch {
    return undefined;
  }
  return mod.default.executablePath();
};

/**
 * Finds a Chromium in this order: LEDGER_LENS_CHROMIUM, `chromium`/`google-chrome` on PATH, the
 * `@sparticuz/chromium` devDependency. `unpack` is injectable so the order can be tested without the 67 MB archive.
 */
export async function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  unpack: Unpack = unpackSparticuz,
): Promise<FoundBrowser> {
  const pinned = env.LEDGER_LENS_CHROMIUM;
  if (pinned !== undefined && pinned !== '') {
    if (!executable(pinned))
      throw new Error(
        `LEDGER_LENS_CHROMIUM=${pinned} is not an executable file. Point it at a Chromium binary or unset it.`,
      );
    return { path: pinned, source: 'LEDGER_LENS_CHROMIUM' };
  }
  const found = onPath(PATH_NAMES, env.PATH);
  if (found) return { path: found, source: 'PATH' };
  const unpacked = await unpack();
  if (unpacked && executable(unpacked)) return { path: unpacked, source: '@sparticuz/chromium' };
  throw new Error(HOW_TO_GET_ONE);
}
