import { buildReport } from '../report/build.ts';
import type { ReportBuilder } from './app.ts';

/** The same domain function as `ledger-lens report --quarter Q [--by A]`, so the server's numbers are the CLI's. */
export function reportBuilder(): ReportBuilder {
  return (db, q) => buildReport(db, { period: { quarter: q.quarter }, by: q.by });
}
