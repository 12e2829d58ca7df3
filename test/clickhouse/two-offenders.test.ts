// One offender beside another through --source: the off-hours and round-amount checks leave flagged approvers out of
// the program's pool on a ClickHouse cluster as on a DuckDB file (the cluster computes the off-hours counts and
// pulls the hand amounts; the fixed point is the checks' own). The ledger: test/audit/two-offenders-ledger.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runAudit } from '../../src/audit/run.ts';
import {
  nightAlone,
  nightHeavy,
  QUARTER,
  roundAlone,
  roundHeavy,
  writeLedgerCsv,
} from '../audit/two-offenders-ledger.ts';
import { type BothEngines, bothEngines } from './both-engines.ts';

let both: BothEngines | undefined;
beforeAll(async () => {
  both = await bothEngines((dir) => {
    const ledger = join(dir, 'ledger.csv');
    // The round rows at 11:00–17:00 on the quarter's days: they add day approvals, not night ones.
    writeLedgerCsv(ledger, [...nightAlone(), ...nightHeavy(), ...roundAlone(), ...roundHeavy()]);
    return { ledger };
  });
}, 300_000);
afterAll(async () => await both?.stop());

describe('one offender does not hide another, on both engines', () => {
  for (const at of [0, 1])
    it(`engine ${at} (DuckDB, ClickHouse): M1 is flagged beside M2 at night and in round amounts`, async () => {
      const r = await runAudit(both!.engines[at][1], {
        ...QUARTER,
        checks: ['off_hours_approval', 'round_adjustment'],
      });
      expect(r.flags.map((f) => [f.check, f.account_id]).sort()).toEqual([
        ['off_hours_approval', 'M1'],
        ['off_hours_approval', 'M2'],
        ['round_adjustment', 'M1'],
        ['round_adjustment', 'M2'],
      ]);
    }, 300_000);
});
