import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { UserError } from '../errors.ts';

/**
 * Sent on every response. Pages may load scripts and styles from this server only (no inline scripts, so an
 * injected <script> cannot run); inline <style> is allowed because the report and Plot's SVG carry their own.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // Answers describe the ledger as it is now; a cached copy would hide the next import.
  'Cache-Control': 'no-store',
};

/**
 * The policy of the dashboard's reshaping worker script alone (a dedicated worker runs under the policy of its own
 * response, CSP Level 3). Arquero compiles its expressions with `new Function`, hence 'unsafe-eval' here, and only
 * here: the page keeps `script-src 'self'`. What the worker evaluates is our bundled code's expressions, never text
 * from a user or the ledger (those go in as data, through .params()); and the worker has no DOM, no cookie access
 * (the token cookie is HttpOnly), and no network (`connect-src 'none'`), so even a compiled expression could only
 * post back to the page the table it was given.
 */
export const WORKER_CSP = "default-src 'none'; script-src 'self' 'unsafe-eval'; connect-src 'none'";

/**
 * The worker's script: built, Vite names it after src/reshape/reshape-worker.ts with a content hash; under
 * `npm run dev`, Vite serves the source file itself (under /@fs/, being outside the app's root).
 */
export const isReshapeWorker = (path: string) =>
  /^\/assets\/reshape-worker-[\w-]+\.js$/.test(path) || /^\/@fs\/.*\/src\/reshape\/reshape-worker\.ts$/.test(path);

/**
 * The headers of every response, the worker's script with its own policy. The server and the Vite dev server
 * (vite.config.ts) both call this, so `npm run dev` runs the page and the worker under the policies they ship with.
 */
export function applySecurityHeaders(res: Pick<ServerResponse, 'setHeader'>, path?: string) {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
  if (path !== undefined && isReshapeWorker(path)) res.setHeader('Content-Security-Policy', WORKER_CSP);
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Shortest token accepted: a guessable token on a network-facing server is no protection. */
export const MIN_TOKEN_LENGTH = 16;

/**
 * A server reachable from other machines shows payroll-like data, so it needs a token; on loopback one is optional.
 * Throws the UserError that `serve` prints (exit 2) when the combination is unsafe.
 */
export function checkExposure(host: string, token: string | undefined) {
  // Spaces would be trimmed away by some clients and copied wrongly by people: a token is one word.
  if (token !== undefined && /\s/.test(token)) {
    throw new UserError(
      'token_blank',
      token.trim() === ''
        ? '--token: the access token is blank (only spaces)'
        : '--token: the access token contains spaces',
      {
        hint: "Use a random token without spaces, e.g. the output of `node -e \"console.log(require('crypto').randomBytes(24).toString('hex'))\"`.",
      },
    );
  }
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH) {
    throw new UserError(
      'token_too_short',
      `--token: the access token has ${token.length} characters; at least ${MIN_TOKEN_LENGTH} are required`,
      {
        hint: "Use a random token, e.g. the output of `node -e \"console.log(require('crypto').randomBytes(24).toString('hex'))\"`.",
      },
    );
  }
  if (!isLoopback(host) && token === undefined) {
    throw new UserError(
      'token_required',
      `--host ${host}: refusing to start. That address can be reached from other machines, and without an access token anyone who can reach it could read the whole ledger.`,
      {
        hint: 'Give --token T (or set LEDGER_LENS_TOKEN); clients then send "Authorization: Bearer T". Or keep the default --host 127.0.0.1.',
      },
    );
  }
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The cookie a browser gets in exchange for `?token=`: the token never stays in a URL, a link or the history. */
export const TOKEN_COOKIE = 'll_token';

/** The credential a request carries: the bearer header (scheme case-insensitive, RFC 7235), else the cookie, else ?token=. */
export function givenToken(req: IncomingMessage, url: URL): string | null {
  const bearer = /^bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (bearer) return bearer[1];
  const cookie = cookieValue(req, TOKEN_COOKIE);
  if (cookie) return cookie;
  return url.searchParams.get('token') || null;
}

function cookieValue(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      try {
        return decodeURIComponent(part.slice(at + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** Constant-time comparison on digests, so neither timing nor length gives the secret away. */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** True when the request carries the token (header, cookie or ?token=), or the server has none. */
export function authorized(req: IncomingMessage, url: URL, token: string | undefined): boolean {
  if (token === undefined) return true;
  const given = givenToken(req, url);
  return given !== null && sameSecret(given, token);
}

/** `Set-Cookie` for the exchanged token: not readable by scripts, never sent by another site's requests. */
export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
}

/**
 * Host names a request may name, against DNS rebinding (a hostile page whose name resolves to 127.0.0.1 would
 * otherwise read a tokenless loopback server through a visitor's browser). A loopback bind answers to the
 * loopback names only; a named address to that name; a wildcard bind (0.0.0.0, ::) needs a token anyway, and
 * answers to IP literals, this machine's name and the names given.
 */
export function hostChecker(bound: string, extraNames: string[] = []): (hostHeader: string | undefined) => boolean {
  const b = bareHost(bound);
  const names = new Set([b, ...extraNames.map(bareHost)]);
  if (isLoopback(b)) for (const n of ['localhost', '127.0.0.1', '::1']) names.add(n);
  const wildcard = b === '0.0.0.0' || b === '::';
  return (header) => {
    if (!header) return false;
    const host = bareHost(header.replace(/:\d+$/, ''));
    if (names.has(host)) return true;
    return wildcard && (isIP(host) !== 0 || host === bareHost(hostname()));
  };
}

const bareHost = (h: string) =>
  h
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
