import { buildReport } from '../report/build.ts';
import type { ReportBuilder } from './context.ts';

/** The same domain function as `ledger-lens report [--from --to] [--by A] [--filter A=V]`: the server's numbers are the CLI's. */
export function reportBuilder(): ReportBuilder {
  return (db, q) =>
    buildReport(db, {
      period: q.from && q.to ? { from: q.from, to: q.to } : undefined,
      by: q.by,
      filter: q.filter,
      intervals: q.intervals,
      second: q.second,
      memo: q.memo,
    });
}
