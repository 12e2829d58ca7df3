import { UserError } from '../errors.ts';

export const QUERY_TIMEOUT_ENV = 'LEDGER_LENS_QUERY_TIMEOUT_MS';
export const DEFAULT_QUERY_TIMEOUT_MS = 30_000;

/** The budget from the environment; anything but a positive number is refused at start, not at the first request. */
export function queryTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[QUERY_TIMEOUT_ENV];
  if (raw === undefined || raw === '') return DEFAULT_QUERY_TIMEOUT_MS;
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new UserError('bad_timeout', `${QUERY_TIMEOUT_ENV}="${raw}" is not a positive number of milliseconds`, {
      hint: `e.g. ${QUERY_TIMEOUT_ENV}=60000, or unset it for the default of ${DEFAULT_QUERY_TIMEOUT_MS / 1000} s.`,
    });
  }
  return ms;
}

/**
 * DuckDB has no statement timeout, so the budget is kept here: a task that runs past `ms` gets its connection
 * interrupted (the running query fails at once) and the client a 503 that says what to do. The clock starts when
 * the task starts, not while it waits its turn, so a request queued behind a slow one is not charged for it.
 * A task that finishes after its budget ran out is reported as over budget too: its answer came too late to trust
 * that it was not cut short somewhere.
 */
export function withBudget(ms: number, interrupt: () => void) {
  return <T>(task: () => Promise<T>) =>
    async (): Promise<T> => {
      let expired = false;
      let repeat: NodeJS.Timeout | undefined;
      // An interrupt only cancels the query running at that instant; one that lands while the task is between
      // queries is lost, so it is repeated until the task gives up.
      const timer = setTimeout(() => {
        expired = true;
        interrupt();
        repeat = setInterval(interrupt, 5);
      }, ms);
      try {
        const out = await task();
        if (expired) throw overBudget(ms);
        return out;
      } catch (e) {
        if (expired) throw overBudget(ms);
        throw e;
      } finally {
        clearTimeout(timer);
        clearInterval(repeat);
      }
    };
}

export function overBudget(ms: number): UserError {
  const budget = ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
  return new UserError(
    'query_timeout',
    `the query ran past its time budget of ${budget} and was cancelled; narrow the period or raise ${QUERY_TIMEOUT_ENV}`,
    {
      hint: `Pick a shorter period or a filter, or start the server with ${QUERY_TIMEOUT_ENV} set higher (milliseconds).`,
      exitCode: 1,
      details: { status: 503 },
    },
  );
}
