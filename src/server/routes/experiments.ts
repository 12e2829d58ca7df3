import type { Database } from '../../db/database.ts';
import { z } from 'zod';
import { listExperimentsWithRules, loadAssignments } from '../../experiments/load.ts';
import { runAb } from '../../experiments/run.ts';
import { storedConfig } from '../../config.ts';
import { knownRules } from '../../simulate/rules.ts';
import { simulate } from '../../simulate/run.ts';
import { parseScenario } from '../../simulate/scenario.ts';
import type { Context, Routes } from '../context.ts';
import { Month, parseQuery, Quarter } from '../params.ts';
import { resolvePeriod } from '../period.ts';
import { sendAnswer } from '../respond.ts';

const Id = z
  .string()
  .regex(/^[\p{L}\p{N}_.:-]{1,100}$/u, 'must be an experiment or rule id (letters, digits, _ . : -)');

const AbQuery = z.object({
  experiment: Id,
  rule: Id.optional(),
  winsorize: z.enum(['0', '1'], { error: 'must be 0 or 1' }).optional(),
});

const SimulateQuery = z
  .object({
    quarter: Quarter.optional(),
    month: Month.optional(),
    cap: z
      .string()
      .regex(/^\d+(\.\d+)?$/, 'must be a number of points such as 200')
      .optional(),
    rule: Id.optional(),
    multiplier: z
      .string()
      .regex(/^[\p{L}\p{N}_.:-]+=\d+(\.\d+)?$/u, 'must be RULE=FACTOR such as R02=1.5')
      .optional(),
    disable: Id.optional(),
  })
  .refine((q) => !(q.quarter && q.month), { message: 'give quarter or month, not both', path: ['month'] });

/**
 * The experiments page: the experiments in the ledger, `ab` for one of them, `simulate` for a scenario — the same
 * functions as `ledger-lens ab` and `ledger-lens simulate`. `assignmentsFile` is the arm assignment file
 * (`ab --assignments`), given for the bundled sample; without it the arms come from the ledger's variant column.
 */
export function experimentRoutes(ctx: Context, opts: { assignmentsFile?: string } = {}): Routes {
  const { read, cached } = ctx;
  // The experiment list reads the assignment TEMP table, which `runAb` rewrites for itself: fill it first.
  // It is a TEMP table of the connection: fill it on the one the work then runs on.
  const withAssignments = <T>(work: (db: Database) => Promise<T>) =>
    read(async (db) => {
      await loadAssignments(db, opts.assignmentsFile);
      return work(db);
    });
  return {
    'GET /api/experiments': async (_req, res) => {
      const [experiments, rules] = await Promise.all([
        cached('experiments', () => withAssignments((db) => listExperimentsWithRules(db))),
        cached('rules', () => read((db) => knownRules(db))),
      ]);
      sendAnswer(res, '/api/experiments', { experiments, rules });
    },
    'GET /api/ab': async (_req, res, url) => {
      const q = parseQuery(AbQuery, url.searchParams);
      const key = `ab|${q.experiment}|${q.rule ?? ''}|${q.winsorize ?? '0'}`;
      sendAnswer(
        res,
        '/api/ab',
        await cached(key, () =>
          read((db) =>
            runAb(db, {
              experiment: q.experiment,
              rule: q.rule,
              winsorize: q.winsorize === '1',
              assignments: opts.assignmentsFile,
            }),
          ),
        ),
      );
    },
    'GET /api/simulate': async (_req, res, url) => {
      const q = parseQuery(SimulateQuery, url.searchParams);
      const scenario = parseScenario({ cap: q.cap, rule: q.rule, multiplier: q.multiplier, disable: q.disable });
      const period = await resolvePeriod(ctx, q);
      const key = `simulate|${period.from}|${period.to}|${JSON.stringify(scenario)}`;
      sendAnswer(
        res,
        '/api/simulate',
        await cached(key, () => read(async (db) => simulate(db, { period, scenario, config: await storedConfig(db) }))),
      );
    },
  };
}
