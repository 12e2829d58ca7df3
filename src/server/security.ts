import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
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

export function applySecurityHeaders(res: ServerResponse) {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
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
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH) {
    throw new UserError('token_too_short', `--token: the access token has ${token.length} characters; at least ${MIN_TOKEN_LENGTH} are required`, {
      hint: 'Use a random token, e.g. the output of `node -e "console.log(require(\'crypto\').randomBytes(24).toString(\'hex\'))"`.',
    });
  }
  if (!isLoopback(host) && token === undefined) {
    throw new UserError(
      'token_required',
      `--host ${host}: refusing to start. That address can be reached from other machines, and without an access token anyone who can reach it could read the whole ledger.`,
      { hint: 'Give --token T (or set LEDGER_LENS_TOKEN); clients then send "Authorization: Bearer T". Or keep the default --host 127.0.0.1.' },
    );
  }
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * True when the request carries the token: `Authorization: Bearer T`, or `?token=T` so a browser can open the
 * page from a link. Compared in constant time on digests, so neither timing nor length gives the token away.
 */
export function authorized(req: IncomingMessage, url: URL, token: string | undefined): boolean {
  if (token === undefined) return true;
  const header = req.headers.authorization;
  const given = header?.startsWith('Bearer ') ? header.slice(7).trim() : url.searchParams.get('token');
  return given !== null && given !== undefined && timingSafeEqual(digest(given), digest(token));
}
