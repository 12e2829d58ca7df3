// A generated ledger of approver teams, for the concentration check's three tests on the cluster: the sample has no
// co-approvers (so the split test never runs there) and one planted favourite. Teams of four approvers share their
// receivers; on top of ordinary work it holds a split favourite (one approver signing far more of one receiver's rows
// than the team does), a rule favourite (one rule to one receiver on many days), a favourite of two rules, a dominant receiver of an
// administrator who signs for a few people across teams, and a transfer giver with one favourite. Deterministic.

/** A 32-bit integer hash (the generator needs spread, not secrecy). */
function mix(n: number): number {
  let h = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const HEADER =
  'event_id,occurred_at,account_id,points,event_type,rule_id,experiment_id,variant,counterparty_id,approver_id,category,cash_value,reason,department,region';
const START = Date.UTC(2026, 3, 1);
const SPAN_S = 183 * 86400;

function at(seconds: number): string {
  return new Date(START + seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

export const TEAM = {
  ...{ splitApprover: 'T0M0', splitReceiver: 'T0U0', ruleApprover: 'T1M1', ruleReceiver: 'T1U1' },
  ...{ spreadApprover: 'T3M2', spreadReceiver: 'T3U5' },
};

/** The CSV text (header included) of the team ledger: two quarters, 2026-04-01 to 2026-10-01. */
export function teamLedgerCsv(): string {
  const lines = [HEADER];
  let id = 0;
  const row = (
    t: number,
    account: string,
    points: number,
    type: string,
    rule: string,
    counterparty: string,
    approver: string,
  ) =>
    lines.push(
      `T${String(++id).padStart(7, '0')},${at(t)},${account},${points},${type},${rule},,,${counterparty},${approver},,,,D${account[1]},`,
    );
  for (let team = 0; team < 8; team++)
    for (let r = 0; r < 25; r++) {
      const account = `T${team}U${r}`;
      for (let k = 0; k < 60; k++) {
        const h = mix(team * 100_000 + r * 1000 + k);
        const approver = `T${team}M${h % 4}`;
        row(h % SPAN_S, account, 10 + (h % 5) * 10, 'earn', `R${1 + ((h >>> 8) % 5)}`, '', approver);
      }
    }
  // The split favourite: one approver signs 40 more rows for one receiver.
  for (let k = 0; k < 40; k++) {
    const h = mix(7_000_000 + k);
    row(h % SPAN_S, TEAM.splitReceiver, 20, 'earn', `R${1 + (h % 5)}`, '', TEAM.splitApprover);
  }
  // The rule favourite: R5 to one receiver on 30 days.
  for (let k = 0; k < 30; k++) row(k * 6 * 86400 + 36_000, TEAM.ruleReceiver, 50, 'earn', 'R5', '', TEAM.ruleApprover);
  // The favourite of two rules: R1 and R2 in turn to one receiver on 50 days of the third quarter, so each rule's baseline holds the
  // other's favour (the rule test's pass 2 judges them against R3 to R5).
  for (let k = 0; k < 50; k++)
    row((91 + k) * 86400 + 39_600, TEAM.spreadReceiver, 30, 'earn', `R${1 + (k % 2)}`, '', TEAM.spreadApprover);
  // An administrator who signs a few rows for receivers of several teams, and many for one of them.
  for (let team = 0; team < 8; team++) row(mix(team) % SPAN_S, `T${team}U3`, 100, 'adjust', '', '', 'ADMIN');
  for (let k = 0; k < 30; k++) row(mix(8_000_000 + k) % SPAN_S, 'T5U7', 100, 'adjust', '', '', 'ADMIN');
  // A giver's transfers: many to one colleague, one each to five others (both sides of each transfer).
  const give = (t: number, to: string, points: number) => {
    row(t, 'T2U0', -points, 'transfer', '', to, '');
    row(t, to, points, 'transfer', '', 'T2U0', '');
  };
  for (let k = 0; k < 30; k++) give(mix(9_000_000 + k) % SPAN_S, 'T2U1', 5);
  for (let r = 2; r < 7; r++) give(mix(9_100_000 + r) % SPAN_S, `T2U${r}`, 5);
  return `${lines.join('\n')}\n`;
}
