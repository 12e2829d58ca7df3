import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { type RowOf, run } from '../db/run.ts';
import { UserError } from '../errors.ts';
import { createRng, randomIndex } from '../stats/prng.ts';

export interface SpotCheckOptions {
  from: string;
  to: string;
  /** Share of rows drawn in every stratum (default 0.1, the seeds' monthly 10 % spot check). */
  rate?: number;
  seed?: number;
  /** Stratify by this attribute as well as by month. */
  by?: string | null;
}

const FrameParams = z.object({ from: z.string(), to: z.string(), attribute: z.string().nullable() });
export type SpotCheckRow = RowOf<'audit_sample_rows'> & { stratum: string };

export interface SpotCheck {
  seed: number;
  rate: number;
  by: string | null;
  period: { from: string; to: string };
  strata: { stratum: string; rows: number; drawn: number }[];
  rows: SpotCheckRow[];
}

/** The defaults of `audit-sample` and GET /api/audit/sample when no --rate or --seed is given. */
export const SPOT_CHECK_RATE = 0.1;
export const SPOT_CHECK_SEED = 1;

/**
 * The spot check, audit.md's random audit sample: in every stratum (month, and the `by` attribute's value when asked)
 * round(rate × rows) rows drawn without replacement by a partial Fisher–Yates shuffle of the stratum's rows in
 * event_id order, driven by the seeded xoshiro PRNG. Same seed and same ledger → same rows: the frame is read in
 * event_id order and the strata are visited in sorted order, so the PRNG stream meets them in a fixed order.
 */
export async function spotCheck(db: Database, opts: SpotCheckOptions): Promise<SpotCheck> {
  const rate = opts.rate ?? SPOT_CHECK_RATE;
  const seed = opts.seed ?? SPOT_CHECK_SEED;
  if (!(rate > 0 && rate <= 1))
    throw new UserError('bad_usage', `--rate ${rate} is not a share in (0, 1]`, {
      hint: 'e.g. --rate 0.1 for a 10 % sample.',
    });
  const frame = await run(db, 'audit_sample_frame', FrameParams, {
    from: opts.from,
    to: opts.to,
    attribute: opts.by ?? null,
  });
  const strata = new Map<string, string[]>();
  for (const r of frame) {
    const list = strata.get(r.stratum) ?? [];
    list.push(r.event_id);
    strata.set(r.stratum, list);
  }
  const rng = createRng(seed);
  const drawn = new Map<string, string>();
  const summary: SpotCheck['strata'] = [];
  for (const stratum of [...strata.keys()].sort()) {
    const ids = strata.get(stratum)!;
    const k = Math.round(rate * ids.length);
    for (let i = 0; i < k; i++) {
      const j = i + randomIndex(rng, ids.length - i);
      [ids[i], ids[j]] = [ids[j], ids[i]];
      drawn.set(ids[i], stratum);
    }
    summary.push({ stratum, rows: ids.length, drawn: k });
  }
  const rows = drawn.size ? await run(db, 'audit_sample_rows', { ids: JSON.stringify([...drawn.keys()]) }) : [];
  return {
    seed,
    rate,
    by: opts.by ?? null,
    period: { from: opts.from, to: opts.to },
    strata: summary,
    rows: rows.map((r) => ({ ...r, stratum: drawn.get(r.event_id)! })),
  };
}

export const SPOT_CHECK_COLUMNS = [
  'event_id',
  'occurred_at',
  'account_id',
  'points',
  'event_type',
  'rule_id',
  'approver_id',
  'counterparty_id',
  'category',
  'cash_value',
  'reason',
  'department',
  'region',
  'stratum',
] as const;
