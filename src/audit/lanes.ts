import type { Database } from '../db/database.ts';
import { readsWithinScope } from '../db/within-scope.ts';
import type { AuditContext, Check, CheckOutput } from './context.ts';

/** What one check returned and how long it took on its connection. */
export interface Ran {
  out: CheckOutput;
  seconds: number;
}

/**
 * Runs `chain` in order on the audit's own connection (it builds the account-day tables and holds the spike
 * judgement that account_spike reads after program_spike), and the independent `rest` on `extra` more connections of the same
 * DuckDB instance, each taking the next check when it is free: DuckDB runs queries of different connections at once,
 * and one check's JavaScript judging overlaps another's scan. The chain's connection joins the rest once its chain
 * is done. A failure (an interrupted request included) interrupts the other connections, so no work outlives it.
 */
export async function runLanes(
  ctx: AuditContext,
  chain: Check[],
  rest: Check[],
  extra: number,
  onCheck?: (check: string, seconds: number) => void,
): Promise<Map<string, Ran>> {
  const done = new Map<string, Ran>();
  const queue = [...rest];
  const forks: Database[] = [];
  const runOne = async (check: Check, c: AuditContext) => {
    // What the check waits for (another lane's tables) is not its own time.
    await check.prepare?.(c);
    const t = performance.now();
    const out = await check.run(c);
    const seconds = (performance.now() - t) / 1000;
    onCheck?.(check.name, seconds);
    done.set(check.name, { out, seconds });
  };
  const drain = async (c: AuditContext) => {
    for (let next = queue.shift(); next; next = queue.shift()) await runOne(next, c);
  };
  const interruptAll = () => {
    ctx.db.interrupt();
    for (const f of forks) f.interrupt();
  };
  try {
    // A remote source fetches the rows each query reads through its own connection only (src/db/remote.ts): there
    // every check runs on that connection.
    // Within a user's scope (src/db/within-scope.ts) too: a new connection would read the whole program.
    const lanes = ctx.db.remote || readsWithinScope(ctx.db) ? 0 : Math.min(extra, rest.length);
    for (let i = 0; i < lanes; i++) forks.push(await ctx.db.fork());
    const running = [
      (async () => {
        for (const check of chain) await runOne(check, ctx);
        await drain(ctx);
      })(),
      ...forks.map((db) => drain({ ...ctx, db, programSpikes: [], spikes: undefined })),
    ];
    const settled = await Promise.allSettled(
      running.map((l) =>
        l.catch((e) => {
          interruptAll();
          throw e;
        }),
      ),
    );
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    return done;
  } finally {
    for (const f of forks) f.close();
  }
}
