import { z } from 'zod';
import { RANK_PERIODS } from '../periods/ranking.ts';

/** A number that cannot be computed is null, never 0, never NaN (cli.md). */
const num = z.number().finite().nullable();
const int = z.number().int();
const Range = z.object({ from: z.string(), to: z.string() });

/** What `ledger-lens rank --json` prints (cli.md `rank`: period, rows, concentration; the rest are additions). */
export const RankRow = z.object({
  /** Competition rank within `group` ("1224"): equal issued share a rank, the next one skips. */
  rank: int,
  account_id: z.string(),
  /** The account's value of the `--by` attribute; null without --by, or for accounts without a value. */
  group: z.string().nullable(),
  issued: z.number(),
  /** issued / Σ issued of all accounts in the period. */
  share: num,
  /** issued / Σ issued of the account's group (equals share without --by). */
  group_share: num,
  previous_issued: num,
  /** Rank in the previous period within the same group; null when it earned nothing then or there is none. */
  previous_rank: int.nullable(),
  /** previous_rank − rank: positive = moved up; null when there is no previous rank (a newcomer). */
  movement: int.nullable(),
});
export type RankRow = z.infer<typeof RankRow>;

export const Concentration = z.object({
  /** The fairness population (with a roster: eligible accounts, zeros included), the n of top 1 %. */
  population: int,
  earners: int,
  issued: z.number(),
  /** Share of issued held by the 10 largest accounts (accounts, not 10 %). */
  top10_share: num,
  /** ⌈0.01 × population⌉ accounts. */
  top1pct_n: int,
  top1pct_share: num,
  /** Accounts ranked 10 or better overall (more than 10 when a tie straddles the cut). */
  top10_accounts: int,
  /** How many of them were ranked 10 or better in the previous period; null without a previous period. */
  top10_overlap_previous: int.nullable(),
});

export const RankResult = z.object({
  period: Range,
  period_kind: z.enum(RANK_PERIODS),
  /** The period of the same kind before; null for `all`. */
  previous_period: Range.nullable(),
  by: z.string().nullable(),
  /** Rows ranked `top` or better in their group are listed (ties at the cut all kept). */
  top: int,
  tie_rule: z.literal('competition'),
  rows: z.array(RankRow),
  concentration: Concentration,
});
export type RankResult = z.infer<typeof RankResult>;
