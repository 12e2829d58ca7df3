import type { ProgramConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { UserError } from '../errors.ts';
import { storedConfig } from '../config.ts';
import { CHECK_NAMES, CHECKS } from './checks/index.ts';
import { addDays, type AuditContext } from './context.ts';
import { buildAccountDayRollup, dropAccountDayRollup, keptRollupsInUse } from './rollup.ts';
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
}

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;

/**
 * Runs the audit checks over [from, to) and returns every flag, most severe first (audit.md). The per-account-day
 * rollup is built once, with the longest look-back any check needs, and shared.
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
  const t0 = performance.now();
  await buildAccountDayRollup(db, addDays(opts.from, -lookback), opts.to, ctx.kept);
  opts.onCheck?.('rollup', (performance.now() - t0) / 1000);

  const checks: CheckResult[] = [];
  const flags: Flag[] = [];
  for (const check of CHECKS) {
    // program_spike and rule_spike hand the (day, rule) pairs they explain to account_spike.
    const helper = ['program_spike', 'rule_spike'].includes(check.name) && wanted.has('account_spike');
    if (!wanted.has(check.name) && !helper) continue;
    const t = performance.now();
    const out = await check.run(ctx);
    const seconds = (performance.now() - t) / 1000;
    opts.onCheck?.(check.name, seconds);
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
  flags.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.from.localeCompare(b.from) ||
      a.check.localeCompare(b.check),
  );
  await dropAccountDayRollup(db);
  return AuditResult.parse({ period: { from: opts.from, to: opts.to }, checks, flags });
}
