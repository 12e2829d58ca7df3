import type { ListedFlag } from '../api/schema.ts';
import { storedConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { readMarks, withMarks } from '../audit/marks.ts';
import { runAudit } from '../audit/run.ts';
import type { AuditResult } from '../audit/schema.ts';
import {
  auditDataVersion,
  auditIsStored,
  auditSettingsHash,
  readStoredAudit,
  storeAudit,
  type AuditKey,
} from '../audit/store.ts';
import { accountAttributeOf } from '../queries/attributes.ts';
import type { Context } from './context.ts';
import { resolvePeriod } from './period.ts';
import { readScope } from './read-scope.ts';

type Unmarked = Omit<ListedFlag, 'mark'>;
type Period = { from: string; to: string };

/**
 * The audit of a period as the pages list it, each flag labelled with its account's department: computed once per
 * period and data (cached), and read from the audits stored in the database when one matches the settings and data.
 * `background` runs a missing audit on one connection (lanes.ts), for the prefill task (audit-prefill.ts); a request
 * asking for the same period meanwhile waits for that computation rather than starting a second one.
 */
export function auditOfPeriod(ctx: Context) {
  return (period: Period, opts: { background?: boolean } = {}) =>
    ctx.cached(`audit|${period.from}|${period.to}`, () =>
      ctx.read(async (db) => {
        const result = await storedOrComputed(ctx, db, period, opts.background ?? false);
        const labelled = (f: AuditResult['flags'][number]) => f.account_id ?? f.accounts[0] ?? '';
        const ids = [...new Set(result.flags.map(labelled))].filter(Boolean);
        const departments = new Map(
          (await accountAttributeOf(db, 'department', ids)).map((r) => [r.account_id, r.value]),
        );
        const flags: Unmarked[] = result.flags.map((f) => ({ ...f, department: departments.get(labelled(f)) ?? null }));
        return { ...result, flags };
      }),
    );
}

/**
 * The key a period's audit is stored under, or null when it is never stored: a manager's audit covers the scope's
 * accounts only, so it is not the program's audit; rows kept in a remote engine may change without an import here.
 */
async function keyOf(ctx: Context, db: Database, period: Period) {
  const settings = await ctx.auditSettings(db);
  const config = await storedConfig(db);
  const key: AuditKey | null =
    readScope() || ctx.db.remote
      ? null
      : { ...period, settingsHash: auditSettingsHash(settings, config), dataVersion: await auditDataVersion(db) };
  return { settings, config, key };
}

/** Whether the period's audit is stored for the current settings and data (read on request, not now). */
export function auditStored(ctx: Context) {
  return (period: Period) =>
    ctx.read(async (db) => {
      const { key } = await keyOf(ctx, db, period);
      return key !== null && (await auditIsStored(db, key));
    });
}

async function storedOrComputed(ctx: Context, db: Database, period: Period, background: boolean) {
  const { settings, config, key } = await keyOf(ctx, db, period);
  const stored = key && (await readStoredAudit(db, key));
  if (stored) return stored;
  const result = await (ctx.runAudit ?? runAudit)(db, {
    ...period,
    settings,
    config,
    connections: background ? 0 : undefined,
  });
  // A failed write (e.g. two servers' tasks racing on the row) costs a recomputation later, never an answer.
  if (key)
    await storeAudit(db, key, result).catch((e: unknown) =>
      ctx.log(`storing the audit of ${period.from}..${period.to} failed: ${(e as Error)?.message ?? String(e)}`),
    );
  return result;
}

/** The audit list of a period with each flag's case mark, read afresh on every call (marking changes no data). */
export function auditFlags(ctx: Context) {
  const computed = auditOfPeriod(ctx);
  return async (q: {
    quarter?: string;
    month?: string;
  }): Promise<Omit<AuditResult, 'flags'> & { flags: ListedFlag[] }> => {
    const a = await computed(await resolvePeriod(ctx, q));
    return { ...a, flags: withMarks(a.flags, await ctx.read((db) => readMarks(db))) };
  };
}
