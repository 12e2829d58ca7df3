// Peers by role through --source: the roster read from the cluster's accounts table gives the off-hours check the
// approvers' roles as the imported roster does on a DuckDB file. The ledger: test/audit/hospital-ledger.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runAudit } from '../../src/audit/run.ts';
import { writeLedgerCsv } from '../audit/two-offenders-ledger.ts';
import { HOSPITAL_CONFIG, HOSPITAL_QUARTER, hospitalRows, writeHospitalRoster } from '../audit/hospital-ledger.ts';
import { type BothEngines, bothEngines } from './both-engines.ts';

let both: BothEngines | undefined;
beforeAll(async () => {
  both = await bothEngines((dir) => {
    const files = { ledger: join(dir, 'ledger.csv'), accounts: join(dir, 'accounts.csv') };
    writeLedgerCsv(files.ledger, hospitalRows());
    writeHospitalRoster(files.accounts);
    return files;
  });
}, 300_000);
afterAll(async () => await both?.stop());

describe('off_hours_approval by role, on both engines', () => {
  for (const at of [0, 1])
    it(`engine ${at} (DuckDB, ClickHouse): only the day head nurse signing at 02:00 is flagged`, async () => {
      const r = await runAudit(both!.engines[at][1], {
        ...HOSPITAL_QUARTER,
        checks: ['off_hours_approval'],
        config: HOSPITAL_CONFIG,
      });
      expect(r.flags.map((f) => f.account_id)).toEqual(['Ward-0-DAY']);
    }, 300_000);
});
