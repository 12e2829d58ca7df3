import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateScenario, type PlanName, type ScenarioSummary } from '../../src/sample/scenarios/generate.ts';
import { tinyShape, type Variant } from '../../src/sample/scenarios/shape.ts';

const tmp = mkdtempSync(join(tmpdir(), 'll-scenarios-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const gen = (variant: Variant, name: string, shape = tinyShape(), plans?: PlanName[]): ScenarioSummary =>
  generateScenario(shape, variant, join(tmp, name), plans);
const file = (s: ScenarioSummary, f: string) => readFileSync(join(s.dir, f), 'utf8');

/** Ledger rows by event id, split into fields (no generated field holds a comma). */
function rows(s: ScenarioSummary): Map<string, string[]> {
  const lines = file(s, 'ledger.csv').trim().split('\n').slice(1);
  return new Map(lines.map((l) => [l.split(',')[0], l.split(',')]));
}
/** A row without its event id: what it says, so two ledgers numbered differently can be compared. */
const content = (r: string[]) => r.slice(1).join(',');

describe('scenario matrix generator', () => {
  const a = gen('medium', 'a');
  const b = gen('medium', 'b');
  const clean = gen('clean', 'clean');
  const strong = gen('strong', 'strong');

  it('writes the same files for the same shape and variant', () => {
    for (const f of ['ledger.csv', 'labels.json', 'accounts.csv', 'rules.csv', 'campaigns.csv', 'program.json'])
      expect(file(b, f), f).toBe(file(a, f));
  });

  it('gives another ledger for another seed', () => {
    expect(file(gen('medium', 'other', tinyShape({ seed: 6 })), 'ledger.csv')).not.toBe(file(a, 'ledger.csv'));
  });

  it('labels every abuse kind, each case with rows, and the clean twin with none', () => {
    const kinds = new Set(a.cases.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(
      [
        'account_spike',
        'burst_redeem',
        'cap_breach',
        'concentration',
        'near_duplicate',
        'off_hours_approval',
        'program_spike',
        'ring',
        'round_adjustment',
        'rule_spike',
        'self_approval',
      ].sort(),
    );
    for (const c of a.cases) expect(c.event_ids.length, `${c.kind} ${c.note}`).toBeGreaterThan(0);
    expect(clean.cases).toEqual([]);
    expect(JSON.parse(file(clean, 'labels.json')).cases).toEqual([]);
  });

  it('labels exactly the rows it injected: each labelled row shows its abuse', () => {
    const byId = rows(a);
    for (const c of a.cases) {
      const rs = c.event_ids.map((id) => byId.get(id)!);
      for (const r of rs)
        expect(
          r[1].slice(0, 10) >= c.from && r[1].slice(0, 10) < c.to,
          `${c.kind} row ${r[0]} on ${r[1]} outside ${c.from}..${c.to}`,
        ).toBe(true);
      if (c.kind === 'self_approval') for (const r of rs) expect(r[9]).toBe(r[2]);
      if (c.kind === 'off_hours_approval')
        for (const r of rs) expect(Number(r[1].slice(11, 13)) >= 23 || Number(r[1].slice(11, 13)) < 4, r[1]).toBe(true);
      if (c.kind === 'ring') for (const r of rs) expect(c.accounts).toContain(r[2]);
      if (c.kind === 'near_duplicate') {
        expect(rs).toHaveLength(2);
        expect(content(rs[0]).split(',').slice(2).join()).toBe(content(rs[1]).split(',').slice(2).join());
      }
      if (c.kind === 'cap_breach') {
        const cap = Number(
          file(a, 'rules.csv')
            .split('\n')
            .find((l) => l.startsWith(`${c.rule_id},`))!
            .split(',')[4],
        );
        expect(rs.reduce((s, r) => s + Number(r[3]), 0)).toBeGreaterThan(cap);
      }
      if (c.kind === 'round_adjustment') for (const r of rs) expect(Number(r[3]) % 100).toBe(0);
    }
  });

  it('keeps the normal earnings of the clean twin in every variant, except where a case changed them', () => {
    const injected = new Set(a.cases.flatMap((c) => c.event_ids));
    const quietAccounts = new Set(
      a.cases.filter((c) => c.kind === 'burst_redeem' || c.kind === 'cap_breach').flatMap((c) => c.accounts),
    );
    // A misconfigured rule's day changes the points of normal rows: that (day, rule) is left out of both.
    const ruleDays = new Set(a.cases.filter((c) => c.kind === 'rule_spike').map((c) => `${c.from}|${c.rule_id}`));
    const earned = (s: ScenarioSummary, skip: Set<string>) =>
      [...rows(s).values()]
        .filter(
          (r) =>
            r[4] === 'earn' &&
            !skip.has(r[0]) &&
            !quietAccounts.has(r[2]) &&
            !ruleDays.has(`${r[1].slice(0, 10)}|${r[5]}`),
        )
        .map(content)
        .sort();
    expect(earned(a, injected)).toEqual(earned(clean, new Set()));
  });

  it('puts the cases of every strength on the same accounts and days, stronger ones with more rows or points', () => {
    expect(strong.cases.map((c) => [c.kind, c.accounts, c.from])).toEqual(
      a.cases.map((c) => [c.kind, c.accounts, c.from]),
    );
    const size = (s: ScenarioSummary, kind: string) =>
      s.cases.filter((c) => c.kind === kind).reduce((n, c) => n + c.event_ids.length, 0);
    for (const kind of ['self_approval', 'off_hours_approval', 'ring', 'round_adjustment'])
      expect(size(strong, kind), kind).toBeGreaterThan(size(a, kind));
  });

  it('injects account spikes at their strength on every points scale: a multiple of the usual day, never two top awards', () => {
    // The usual day and the multiple are in the label's note ("… (N points), 8× a usual day of ~U"); a day made of
    // two of the ledger's largest awards whatever the strength would make weak, medium and strong one case.
    const shapes = [
      tinyShape(),
      tinyShape({ scale: 10, week: 'retail', rules: 16 }),
      tinyShape({ scale: 1000, rules: 6 }),
    ];
    for (const [k, shape] of shapes.entries()) {
      const byStrength = (['weak', 'medium', 'strong'] as const).map((v) =>
        gen(v, `spike-${k}-${v}`, shape).cases.filter((c) => c.kind === 'account_spike'),
      );
      // The same accounts and rules at every strength, the stronger with more awards.
      for (let k = 0; k < byStrength[0].length; k++) {
        const [weak, medium, strong] = byStrength.map((cases) => cases[k].event_ids.length);
        expect(weak, byStrength[1][k].note).toBeLessThan(medium);
        expect(medium, byStrength[2][k].note).toBeLessThan(strong);
      }
      for (const cases of byStrength)
        for (const c of cases) {
          const [, points, multiple, usual] = c.note
            .match(/\((\d+) points\), (\d+)× a usual day of ~(\d+)/)!
            .map(Number);
          expect(points / usual, c.note).toBeGreaterThanOrEqual(0.95 * multiple);
          // Within two usual days (one award at most) of the multiple, the usual day rounded in the note.
          expect(points / usual, c.note).toBeLessThanOrEqual(1.02 * (multiple + 2));
        }
    }
  });

  it('never writes one award twice within ten minutes in normal activity (the clean twin has no near-duplicates)', () => {
    // Late awards once collided at 23:59:59 when a second award of the rule was pushed an hour on.
    const seen = new Map<string, number[]>();
    const busy = gen('clean', 'busy', tinyShape({ accounts: 600, week: 'retail', activity: 1.5 }));
    for (const r of rows(busy).values()) {
      if (r[4] !== 'earn') continue;
      const key = `${r[2]}|${r[5]}|${r[1].slice(0, 10)}`;
      const [h, m, sec] = r[1].slice(11).split(':').map(Number);
      seen.set(key, [...(seen.get(key) ?? []), h * 3600 + m * 60 + sec]);
    }
    const close = [...seen].filter(([, ts]) => ts.some((t, i) => ts.some((u, j) => j !== i && Math.abs(t - u) < 600)));
    expect(close.map(([k]) => k)).toEqual([]);
  });

  it("draws each abuse plan from streams of its own: another plan's draws do not move its days and hours", () => {
    // A change in one plan's draws (here: the account spikes and every plan before them left out) once moved the
    // night approvals' hours and flipped a detection; their days and times now come from their own streams.
    const alone = gen('medium', 'night-alone', tinyShape(), ['night_approvals']);
    const times = (s: ScenarioSummary) => {
      const byId = rows(s);
      return s.cases
        .filter((c) => c.kind === 'off_hours_approval')
        .map((c) => c.event_ids.map((id) => byId.get(id)![1]).sort());
    };
    expect(times(alone)).toEqual(times(a));
    expect(times(a).flat().length).toBeGreaterThan(0);
  });

  it('gives a dormant account no rows in its idle days, whichever other case picks its team', () => {
    // Night awards went to any member of the approver's team, a dormant one too: a burst_redeem case labelled
    // "idle 127 days" earned every month of them and was not dormant (retail-2000-x10, seed 12; tiny seed 9 here).
    const both = gen('medium', 'dormant-night', tinyShape({ seed: 9 }), ['burst_redeem', 'night_approvals']);
    const all = [...rows(both).values()];
    const dormant = both.cases.filter((c) => c.kind === 'burst_redeem');
    expect(dormant.length).toBeGreaterThan(0);
    for (const c of dormant) {
      const idle = Number(/idle (\d+) days/.exec(c.note)![1]);
      const from = new Date(Date.parse(c.from) - idle * 86_400_000).toISOString().slice(0, 10);
      const during = all.filter((r) => r[2] === c.accounts[0] && r[1] >= from && r[1] < c.from);
      expect(
        during.map((r) => r.join()),
        c.note,
      ).toEqual([]);
    }
  });

  it('writes a campaign calendar the audit can read: from,to,rule,label,multiplier', () => {
    const lines = file(a, 'campaigns.csv').trim().split('\n');
    expect(lines[0]).toBe('from,to,rule,label,multiplier');
    expect(lines.length - 1).toBe(tinyShape().campaigns);
    for (const l of lines.slice(1)) expect(l).toMatch(/^2025-\d\d-\d\d,2025-\d\d-\d\d,(R\d\d)?,[^,]+,[23]$/);
  });
});
