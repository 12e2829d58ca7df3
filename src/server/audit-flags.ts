import type { ListedFlag } from '../api/schema.ts';
import { readMarks, withMarks } from '../audit/marks.ts';
import { runAudit } from '../audit/run.ts';
import type { AuditResult } from '../audit/schema.ts';
import { accountAttributeOf } from '../queries/attributes.ts';
import type { Context } from './context.ts';
import { resolvePeriod } from './period.ts';

type Unmarked = Omit<ListedFlag, 'mark'>;

/**
 * The audit of a period as the pages list it: computed once per period and data (cached), each flag labelled with
 * its account's department; the case marks are read afresh on every call, since marking does not change the data.
 */
export function auditFlags(ctx: Context) {
  const computed = async (q: { quarter?: string; month?: string }) => {
    const period = await resolvePeriod(ctx, q);
    return ctx.cached(`audit|${period.from}|${period.to}`, () =>
      ctx.read(async (db) => {
        const result = await runAudit(db, { ...period, settings: await ctx.auditSettings(db) });
        const labelled = (f: AuditResult['flags'][number]) => f.account_id ?? f.accounts[0] ?? '';
        const ids = [...new Set(result.flags.map(labelled))].filter(Boolean);
        const departments = new Map(
          (await accountAttributeOf(db, 'department', ids)).map((r) => [r.account_id, r.value]),
        );
        const flags: Unmarked[] = result.flags.map((f) => ({ ...f, department: departments.get(labelled(f)) ?? null }));
        return { ...result, flags };
      }),
    );
  };
  return async (q: {
    quarter?: string;
    month?: string;
  }): Promise<Omit<AuditResult, 'flags'> & { flags: ListedFlag[] }> => {
    const a = await computed(q);
    return { ...a, flags: withMarks(a.flags, await ctx.read((db) => readMarks(db))) };
  };
}
