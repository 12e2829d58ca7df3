import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { apiPath, useApi } from '../../src/web/app/api.ts';

/**
 * A page's answer type is its route's schema (src/api/schema.ts), read through useApi's path: tsc checks this file
 * (tsconfig includes test/), so each `@ts-expect-error` below fails the gates the day the line compiles.
 */
function AuditProbe({ reads }: { reads: string[] }) {
  const audit = useApi(apiPath('/api/audit', { quarter: '2026Q1' }));
  const meta = useApi('/api/meta');
  const daily = useApi(apiPath('/api/daily', { month: '2026-01' }));
  reads.push(audit.state, meta.state, daily.state);
  if (audit.state === 'done' && meta.state === 'done' && daily.state === 'done') {
    const flags: number = audit.data.flags.length;
    const quarter: string | null = meta.data.default_quarter;
    const threshold: number = daily.data.threshold;
    // @ts-expect-error /api/audit's schema has no field `flagz`
    reads.push(String(audit.data.flagz));
    // @ts-expect-error /api/meta's answer names no `quarter` (it is default_quarter)
    reads.push(String(meta.data.quarter));
    // @ts-expect-error a flag's account is `accounts` (a list), not `account`
    reads.push(String(audit.data.flags[0].account));
    reads.push(String(flags), String(quarter), String(threshold));
  }
  return null;
}

function RefusedPaths() {
  // @ts-expect-error useApi reads GET routes only: a POST route's answer is not read by a page
  useApi('POST /api/audit/marks');
  // @ts-expect-error a path no route of the schema answers
  useApi('/api/nope');
  // @ts-expect-error a hand-built path carries no route: build it with apiPath
  useApi(`/api/imports?v=${1}`);
  return null;
}

describe("a page's answer type comes from its route's schema", () => {
  it('useApi infers the answer from the route in apiPath, and starts loading', () => {
    const reads: string[] = [];
    // Rendered on the server: the effect that fetches never runs, so each answer is still loading.
    expect(renderToString(createElement(AuditProbe, { reads }))).toBe('');
    expect(reads).toEqual(['loading', 'loading', 'loading']);
    expect(typeof RefusedPaths).toBe('function');
  });

  it('apiPath keeps its string value: the route rides in the type only', () => {
    const path: string = apiPath('/api/daily', { month: '2026-01', filter: null });
    expect(path).toBe('/api/daily?month=2026-01');
    expect(apiPath('/api/meta')).toBe('/api/meta');
  });
});
