import { z } from 'zod';

/** The account page's facts from the ledger (zod only: the web app checks the answer with these). */
export const AccountSummary = z.object({
  rows: z.number().int(),
  first_day: z.string().nullable(),
  last_day: z.string().nullable(),
  department: z.string().nullable(),
  known: z.boolean(),
});
export const AccountMonth = z.object({
  month: z.string(),
  points_in: z.number(),
  points_out: z.number(),
  n: z.number().int(),
});
/** Whom the account gave to (out) or received from (in), by approval or transfer, with the share of that side. */
export const Counterpart = z.object({
  direction: z.enum(['out', 'in']),
  kind: z.enum(['approved', 'transferred']),
  counterparty_id: z.string(),
  points: z.number(),
  n: z.number().int(),
  share: z.number(),
});
export type Counterpart = z.infer<typeof Counterpart>;
