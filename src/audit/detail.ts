import type { Database } from '../db/database.ts';
import { run } from '../db/run.ts';

/** The detail view of a flag: its evidence rows, and for a ring or a pair the flows among its accounts. */

/** The ledger rows behind a flag (its `event_ids`), with the evidence columns, in time order. */
export function evidenceRows(db: Database, eventIds: string[]) {
  return eventIds.length === 0 ? Promise.resolve([]) : run(db, 'audit_sample_rows', { ids: JSON.stringify(eventIds) });
}

export interface GraphEdge {
  giver: string;
  receiver: string;
  transfers: number;
  points: number;
}

/** Transfers among `accounts` over [from, to): the edges of the small graph a ring or pair flag draws. */
export async function transferGraph(db: Database, accounts: string[], from: string, to: string): Promise<GraphEdge[]> {
  const members = new Set(accounts);
  const edges = await run(db, 'audit_transfer_edges', { from, to });
  return edges
    .filter((e) => members.has(e.giver) && members.has(e.receiver))
    .map(({ giver, receiver, transfers, points }) => ({ giver, receiver, transfers, points }));
}
