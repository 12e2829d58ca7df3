import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/errors.ts';
import { authorized, checkExposure, isLoopback } from '../../src/server/security.ts';

const TOKEN = 'a-test-token-of-24-chars';
const req = (authorization?: string) => ({ headers: authorization ? { authorization } : {} }) as IncomingMessage;

function thrown(fn: () => void) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('exposure rule', () => {
  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopback(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.10', 'example.org']) expect(isLoopback(h), h).toBe(false);
  });

  it('refuses a network-facing host without a token, saying why, with exit code 2', () => {
    const e = thrown(() => checkExposure('0.0.0.0', undefined));
    expect(isUserError(e) && e.exitCode).toBe(2);
    expect((e as Error).message).toMatch(/refusing to start.*without an access token/);
    expect(thrown(() => checkExposure('0.0.0.0', TOKEN))).toBeUndefined();
    expect(thrown(() => checkExposure('127.0.0.1', undefined))).toBeUndefined();
  });

  it('rejects a short token even on loopback', () => {
    const e = thrown(() => checkExposure('127.0.0.1', 'short'));
    expect(isUserError(e) && e.code).toBe('token_too_short');
  });
});

describe('authorized', () => {
  const url = (q = '') => new URL(`http://localhost/${q}`);
  it('lets everything through without a token', () => {
    expect(authorized(req(), url(), undefined)).toBe(true);
  });
  it('accepts the bearer header or ?token=, nothing else', () => {
    expect(authorized(req(`Bearer ${TOKEN}`), url(), TOKEN)).toBe(true);
    expect(authorized(req(), url(`?token=${TOKEN}`), TOKEN)).toBe(true);
    expect(authorized(req(), url(), TOKEN)).toBe(false);
    expect(authorized(req(`Bearer ${TOKEN}x`), url(), TOKEN)).toBe(false);
    expect(authorized(req(`Basic ${TOKEN}`), url(), TOKEN)).toBe(false);
    expect(authorized(req(), url('?token='), TOKEN)).toBe(false);
  });
});
