// The concentration check's demand (demand.ts): its three tests' candidates found on the cluster, then their
// evidence rows and the candidate givers' transfer amounts.
import { chNumber, chString } from './literal.ts';
import { replaceCte, throughCte } from './cte.ts';
import { type DemandContext, periodWhere, ts, within } from './demand-context.ts';

/**
 * The share, split and rule tests run on the cluster (queries/clickhouse/audit_concentration_*.sql) in place of the
 * CTE candidates; the local query then reads only the candidates' evidence rows and amounts.
 */
export async function concentrationDemand(d: DemandContext): Promise<string> {
  const values = {
    from: ts(d, 'from'),
    to: ts(d, 'to'),
    share: chNumber(Number(d.params.share)),
    min_count: chNumber(Number(d.params.min_count)),
    min_receivers: chNumber(Number(d.params.min_receivers)),
  };
  const tests = [];
  for (const test of ['share', 'split', 'rule'])
    tests.push(`SELECT * FROM ${await d.table(`audit_concentration_${test}`, values)}`);
  const sql = replaceCte(d.sql, 'candidates', tests.join(' UNION ALL '));
  const keys = await d.local(
    throughCte(sql, 'candidates', "SELECT DISTINCT role, giver, top, coalesce(rule_id, '*') FROM candidates"),
  );
  await d.rows(keys.length === 0 ? null : concentrationEvidence(d, keys));
  return replaceCte(sql, 'transfer_amounts', await transferAmounts(d, keys));
}

/**
 * The rows the evidence step of audit_concentration reads for candidates (role, giver, receiver, rule or '*'):
 * approved positive earn and adjust rows of the pair (of the rule, for the rule test), or the giver's transfers to
 * the receiver.
 */
function concentrationEvidence(d: DemandContext, keys: string[][]): string {
  const approver = `ifNull(${d.col('approver_id')}, '')`;
  const pick = (role: string, rule: boolean) =>
    keys.filter((k) => k[0] === role && (k[3] !== '*') === rule).map((k) => k.slice(1, rule ? 4 : 3));
  const approved = `points > 0 AND event_type IN ('earn', 'adjust') AND (${within([approver, 'account_id'], pick('approver', false))}
    OR ${within([approver, 'account_id', `ifNull(${d.col('rule_id')}, '')`], pick('approver', true))})`;
  const given = `event_type = 'transfer' AND points < 0 AND ${within(['account_id', `ifNull(${d.col('counterparty_id')}, '')`], pick('giver', false))}`;
  return `${periodWhere(d)} AND ((${approved}) OR (${given}))`;
}

/**
 * The CTE transfer_amounts of audit_concentration: the candidate givers' transfers per distinct amount, added up on
 * the cluster (a giver's thousands of small gifts come back as a few rows, not as ledger rows).
 */
async function transferAmounts(d: DemandContext, keys: string[][]): Promise<string> {
  const givers = [...new Set(keys.filter((k) => k[0] === 'giver').map((k) => k[1]))];
  if (givers.length === 0)
    return 'SELECT NULL::VARCHAR AS giver, NULL::DOUBLE AS amount, NULL::BIGINT AS n WHERE false';
  const values = { from: ts(d, 'from'), to: ts(d, 'to'), giver_set: `(${givers.map(chString).join(', ')})` };
  return `SELECT g AS giver, amt / 100 AS amount, n FROM ${await d.table('audit_concentration_amounts', values)}`;
}
