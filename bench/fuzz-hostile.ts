/**
 * The hostile-class fuzz run (`npm run bench:fuzz -- --hostile [FILES [SEED [SECONDS]]]`): files of the classes of issue 14,
 * each imported into a fresh database; rows_read is reconciled against the generator's record count and against an
 * independent counter (test/fuzz/independent-count.ts, which shares no code with the importer's reader).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Database } from '../src/db/database.ts';
import { importLedger } from '../src/ledger/import.ts';
import { hostileCase, type HostileCase } from '../test/fuzz/hostile-corpus.ts';
import { independentRecordCount } from '../test/fuzz/independent-count.ts';
import { sqlExec } from '../src/db/sql.ts';

/** Stops after `budgetSeconds` (the machine may be shared) and says how many of the files it reached. */
export async function runHostile(files: number, seed: number, budgetSeconds = Infinity) {
  const tally = { files: 0, reconciled: 0, refused: 0, mismatches: 0, crashes: 0, overlapChecked: 0 };
  const problems = new Map<string, { n: number; example: string }>();
  const note = (kind: string, c: HostileCase) => {
    const p = problems.get(kind) ?? {
      n: 0,
      example: `[${c.label}] ${JSON.stringify(c.bytes.subarray(0, 160).toString('latin1'))}`,
    };
    problems.set(kind, { ...p, n: p.n + 1 });
  };
  const dir = mkdtempSync(join(tmpdir(), 'll-hostile-'));
  const t0 = performance.now();
  // One database, emptied between files: opening one costs more than most of these imports.
  const db = await Database.open(':memory:', { threads: 1, memoryLimit: '1GB' });
  try {
    for (const c of fc.sample(hostileCase, { seed, numRuns: files })) {
      tally.files++;
      const file = join(dir, `f${tally.files}.${c.ext}`);
      writeFileSync(file, c.bytes);
      await sqlExec(db, 'DELETE FROM ledger; DELETE FROM rejects; DELETE FROM imports');
      try {
        const s = await importLedger(db, { file });
        const independent = independentRecordCount(c.bytes, c.delimiter);
        const balanced = s.rows_read === s.accepted + s.quarantined + s.duplicates;
        if (!balanced || s.rows_read !== independent || s.rows_read !== c.records) {
          tally.mismatches++;
          note(
            `rows_read ${s.rows_read} vs independent ${independent} vs written ${c.records}${balanced ? '' : ' (unbalanced)'}`.replace(
              /\d+/g,
              'N',
            ),
            c,
          );
        } else tally.reconciled++;
        if (c.second) {
          writeFileSync(file, c.second.bytes);
          const t = await importLedger(db, { file });
          tally.overlapChecked++;
          if (t.duplicates !== c.second.overlap || t.rows_read !== c.second.records) {
            tally.mismatches++;
            note('re-saved overlap not counted as duplicates', c);
          }
        }
      } catch (e) {
        const err = e as { name?: string; exitCode?: number; code?: string; message?: string };
        if (err?.name === 'UserError' && err.exitCode === 2 && err.code !== 'reconciliation_failed') {
          tally.refused++;
          note(
            `refused: ${err.code}: ${String(err.message)
              .split('\n')[0]
              .replace(/\/tmp\S*/g, 'FILE')
              .slice(0, 140)}`,
            c,
          );
        } else {
          tally.crashes++;
          note(
            `crash: ${String(err?.message ?? e)
              .split('\n')[0]
              .slice(0, 160)}`,
            c,
          );
        }
      } finally {
        rmSync(file, { force: true });
      }
      if (tally.files % 500 === 0) process.stderr.write(`${tally.files} hostile files …\n`);
      if ((performance.now() - t0) / 1000 > budgetSeconds) break;
    }
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const secs = (performance.now() - t0) / 1000;
  console.log(
    `hostile fuzz: seed ${seed}, ${tally.files} of ${files} files tried in ${secs.toFixed(1)} s${tally.files < files ? ` (stopped at the ${budgetSeconds} s budget)` : ''}`,
  );
  console.log(`  rows reconciled against the independent count and the generator's: ${tally.reconciled} files`);
  console.log(`  re-saved overlaps checked for duplicates: ${tally.overlapChecked}`);
  console.log(`  clean refusals: ${tally.refused}`);
  console.log(`  mismatches: ${tally.mismatches}`);
  console.log(`  crashes: ${tally.crashes}`);
  for (const [kind, p] of problems) console.log(`  ${p.n} × ${kind}\n      e.g. ${p.example}`);
  return tally;
}
