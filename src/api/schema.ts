import { z } from 'zod';
import { AuditResult, Flag } from '../audit/schema.ts';
import { Economics } from '../economics/schema.ts';
import { AbResult } from '../experiments/schema.ts';
import { RankResult } from '../rank/schema.ts';
import { Report } from '../report/schema.ts';
import { SimulationResult } from '../simulate/schema.ts';

/**
 * The answers of the dashboard's main API routes, one schema each: the server types what it sends with them and the
 * browser checks what it receives against them, so a field renamed on one side fails on the other at once.
 * Zod modules only: this file is bundled into the web app.
 */

const DateRange = z.object({ from: z.string(), to: z.string() });

/** A flag as the audit page lists it: the flag and its account's department. */
export const ListedFlag = Flag.extend({ department: z.string().nullable() });
export type ListedFlag = z.infer<typeof ListedFlag>;

export const ANSWERS = {
  '/api/report': Report,
  '/api/audit': AuditResult.extend({ flags: z.array(ListedFlag) }),
  '/api/ab': AbResult,
  '/api/simulate': SimulationResult,
  '/api/rank': RankResult.extend({ periods: z.array(DateRange) }),
  '/api/economics': Economics,
} as const;

export type ApiRoute = keyof typeof ANSWERS;
export type Answer<R extends ApiRoute> = z.infer<(typeof ANSWERS)[R]>;

export function isApiRoute(path: string): path is ApiRoute {
  return Object.hasOwn(ANSWERS, path);
}

/**
 * Checks an answer against its route's schema; the message names the route and the first wrong fields. Returns the
 * body as received (not zod's copy), so a field the server adds before the schema knows it is not dropped.
 */
export function checkAnswer(route: ApiRoute, body: unknown): { ok: true } | { ok: false; message: string } {
  const r = ANSWERS[route].safeParse(body);
  if (r.success) return { ok: true };
  const issues = r.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  return { ok: false, message: `The answer of ${route} does not match its schema (src/api/schema.ts): ${issues}` };
}
