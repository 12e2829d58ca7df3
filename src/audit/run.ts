import type { ProgramConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { UserError } from '../errors.ts';
import { storedConfig } from '../config.ts';
import { CHECK_NAMES, CHECKS } from './checks/index.ts';
import { runLanes, type Ran } from './lanes.ts';
import type { AuditContext, Check } from './context.ts';
import { addDays } from '../dates.ts';
import {
  buildAccountDayRollup,
  dropAccountDayRollup,
  keptRollupsInUse,
  shareAccountDayRollup,
} from '../db/audit-rollup.ts';
import { AuditResult, type CheckResult, type Flag } from './schema.ts';
import { storedAuditSettings, type AuditSettings } from './settings.ts';

export interface AuditOptions {
  from: string;
  to: string;
  /** Check names to run (default all); program_spike and rule_spike still run first when account_spike is asked for. */
  checks?: string[];
  config?: ProgramConfig;
  settings?: AuditSettings;
  /** Called after each check with its wall time, for the benchmark. */
  onCheck?: (check: string, seconds: number) => void;
  /** Reduce the raw ledger rows even when the import-time rollups are current (the equivalence test compares both). */
  raw?: boolean;
  /** More connections of the same instance on which independent checks run at once (default 2; 0 = one at a time). */
  connections?: number;
}

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;

/**
 * Runs the audit checks over [from, to) and returns every flag, most severe first (audit.md). The per-account-day
 * rollup is built once, with the longest look-back any check needs, and shared by the checks that read it (on
 * whichever connection: rollup.ts); the others run meanwhile on more connections (lanes.ts).
 */
export async function runAudit(db: Database, opts: AuditOptions): Promise<AuditResult> {
  const unknown = (opts.checks ?? []).filter((c) => !CHECK_NAMES.includes(c));
  if (unknown.length) {
    throw new UserError('bad_usage', `unknown check ${unknown.map((c) => `"${c}"`).join(', ')}`, {
      hint: `Checks: ${CHECK_NAMES.join(', ')}.`,
    });
  }
  const settings = opts.settings ?? (await storedAuditSettings(db));
  const ctx: AuditContext = {
    db,
    from: opts.from,
    to: opts.to,
    settings,
    config: opts.config ?? (await storedConfig(db)),
    programSpikes: [],
    kept: await keptRollupsInUse(db, opts.raw),
  };
  const wanted = new Set(opts.checks?.length ? opts.checks : CHECK_NAMES);
  // account_spike's trailing window; burst_redeem reads longer idle times from the ledger for its few candidates.
  const lookback = settings.account_spike.window_days + 1;
  let built = () => {};
  let failed: (e: unknown) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    built = resolve;
    failed = reject;
  });
  ready.catch(() => undefined); // a failed build fails the chain too; a check waiting for it fails with it
  const rollup: Check = {
    name: 'rollup',
    run: async () => {
      try {
        await buildAccountDayRollup(db, addDays(opts.from, -lookback), opts.to, ctx.kept);
      } catch (e) {
        failed(e);
        throw e;
      }
      built();
      return { flags: [] };
    },
  };
  // program_spike and rule_spike hand the (day, rule) pairs they explain to account_spike, on this connection.
  // burst_redeem needs only the account-day tables: it runs on whichever connection is free once they are built,
  // beside account_spike. Every other check is independent and may run on another connection. The queue takes the
  // longest first, so no long check starts last and leaves one lane working alone: LONGEST is the order of their
  // own CPU seconds at a year of 10 M rows (`npm run bench:audit -- --periods year --sequential`, eleventh round:
  // burst_redeem 3.0, concentration 1.8, off_hours_approval 0.9, near_duplicate 0.7, self_approval 0.2; the others
  // under 0.05 each).
  const CHAIN = ['program_spike', 'rule_spike', 'account_spike'];
  const AFTER_ROLLUP = ['burst_redeem'];
  const LONGEST = [...AFTER_ROLLUP, 'concentration', 'off_hours_approval', 'near_duplicate', 'self_approval'];
  const rank = (c: Check) => (LONGEST.includes(c.name) ? LONGEST.indexOf(c.name) : LONGEST.length);
  const helper = (name: string) => ['program_spike', 'rule_spike'].includes(name) && wanted.has('account_spike');
  const runs = CHECKS.filter((c) => wanted.has(c.name) || helper(c.name));
  const afterRollup = (check: Check): Check => ({
    ...check,
    prepare: async (c) => {
      await ready;
      if (c.db !== db) await shareAccountDayRollup(db, c.db);
    },
  });
  const rest = runs.filter((c) => !CHAIN.includes(c.name)).sort((a, b) => rank(a) - rank(b));
  let done: Map<string, Ran>;
  try {
    done = await runLanes(
      ctx,
      [rollup, ...runs.filter((c) => CHAIN.includes(c.name))],
      rest.map((c) => (AFTER_ROLLUP.includes(c.name) ? afterRollup(c) : c)),
      opts.connections ?? 2,
      opts.onCheck,
    );
  } finally {
    await dropAccountDayRollup(db);
  }
  const checks: CheckResult[] = [];
  const flags: Flag[] = [];
  // Assembled in CHECKS order whatever order the lanes finished in, so the result is the same run to run.
  for (const check of runs) {
    const { out, seconds } = done.get(check.name) as Ran;
    if (!wanted.has(check.name)) continue;
    checks.push({
      check: check.name,
      ran: out.skipped === undefined,
      skipped_reason: out.skipped ?? null,
      flags: out.flags.length,
      notes: out.notes ?? [],
      seconds,
    });
    flags.push(...out.flags);
  }
  flags.sort(flagOrder);
  return AuditResult.parse({ period: { from: opts.from, to: opts.to }, checks, flags });
}

/** Severity, then day, then check; ties by flag id, because a check's rows come back from parallel scans in no
 *  fixed order and two runs on one database must list the same flags in the same order. */
export function flagOrder(a: Flag, b: Flag): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    a.from.localeCompare(b.from) ||
    a.check.localeCompare(b.check) ||
    a.flag_id.localeCompare(b.flag_id)
  );
}
