import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { run } from '../db/run.ts';
import { UserError } from '../errors.ts';
import { createRng, randomIndex } from '../stats/prng.ts';

export interface AuditSampleOptions {
  from: string;
  to: string;
  /** Share of rows drawn in every stratum (default 0.1, the seeds' monthly 10 % spot check). */
  rate?: number;
  seed?: number;
  /** Stratify by this attribute as well as by month. */
  by?: string | null;
}

const FrameParams = z.object({ from: z.string(), to: z.string(), attribute: z.string().nullable() });
const FrameRow = z.object({ event_id: z.string(), stratum: z.string() });
const RowsParams = z.object({ ids: z.string() });
export const SampleRow = z.object({
  event_id: z.string(),
  occurred_at: z.string(),
  account_id: z.string(),
  points: z.number(),
  event_type: z.string(),
  rule_id: z.string().nullable(),
  approver_id: z.string().nullable(),
  counterparty_id: z.string().nullable(),
  category: z.string().nullable(),
  cash_value: z.number().nullable(),
  reason: z.string().nullable(),
  department: z.string().nullable(),
  region: z.string().nullable(),
});
export type SampleRow = z.infer<typeof SampleRow> & { stratum: string };

export interface AuditSample {
  seed: number;
  rate: number;
  by: string | null;
  period: { from: string; to: string };
  strata: { stratum: string; rows: number; drawn: number }[];
  rows: SampleRow[];
}

export const DEFAULT_RATE = 0.1;
export const DEFAULT_SEED = 1;

/**
 * The random audit sample (audit.md): in every stratum (month, and the `by` attribute's value when asked)
 * round(rate × rows) rows drawn without replacement by a partial Fisher–Yates shuffle of the stratum's rows in
 * event_id order, driven by the seeded xoshiro PRNG. Same seed and same ledger → same rows: the frame is read in
 * event_id order and the strata are visited in sorted order, so the PRNG stream meets them in a fixed order.
 */
export async function auditSample(db: Database, opts: AuditSampleOptions): Promise<AuditSample> {
  const rate = opts.rate ?? DEFAULT_RATE;
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!(rate > 0 && rate <= 1))
    throw new UserError('bad_usage', `--rate ${rate} is not a share in (0, 1]`, {
      hint: 'e.g. --rate 0.1 for a 10 % sample.',
    });
  const frame = await run(db, 'audit_sample_frame', FrameParams, FrameRow, {
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
  const summary: AuditSample['strata'] = [];
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
  const rows = drawn.size
    ? await run(db, 'audit_sample_rows', RowsParams, SampleRow, { ids: JSON.stringify([...drawn.keys()]) })
    : [];
  return {
    seed,
    rate,
    by: opts.by ?? null,
    period: { from: opts.from, to: opts.to },
    strata: summary,
    rows: rows.map((r) => ({ ...r, stratum: drawn.get(r.event_id)! })),
  };
}

export const SAMPLE_COLUMNS = [
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
