import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { audit, insertRows, insertRule, openDb, type Row } from './fixture.ts';
import { sqlExec } from '../../src/db/sql.ts';

/**
 * A ×1000 ledger of 60 accounts (department D), every weekday 2026-01-05 – 2026-03-31: B1 (15,000) once or twice, one
 * of B2–B5 (15,000) once, and on one account-day in five the large rule C5 (80,000), never twice. So a day of C5 and
 * five small awards (170,000) is a busy day here, while C5 twice in a day is something the ledger never does.
 */
const P = { from: '2026-03-01', to: '2026-04-01' };

async function office(db: Database) {
  await sqlExec(
    db,
    `
    INSERT INTO ledger (event_id, occurred_at, account_id, points, event_type, rule_id, department, import_id, source_line)
    SELECT 'o' || d || '-' || a || '-' || k, (DATE '2026-01-05' + d::INTEGER)::TIMESTAMP + INTERVAL 9 HOUR + k * INTERVAL 1 HOUR,
           'A' || lpad(a::VARCHAR, 2, '0'), (CASE WHEN k = 3 THEN 80000 ELSE 15000 END)::DECIMAL(18,2), 'earn',
           CASE k WHEN 0 THEN 'B1' WHEN 1 THEN 'B1' WHEN 2 THEN 'B' || (2 + (d + a) % 4) ELSE 'C5' END, 'D', 1, d * 1000 + a * 10 + k
    FROM range(86) t(d), range(60) s(a), range(4) u(k)
    WHERE isodow(DATE '2026-01-05' + d::INTEGER) <= 5
      AND (k <> 1 OR (d + a) % 3 = 0) AND (k <> 3 OR (d * 7 + a) % 5 = 0)`,
  );
}

const at = (day: string, hour: number, account: string, rule: string, points: number): Row => ({
  at: `${day} ${String(hour).padStart(2, '0')}:00:00`,
  account,
  rule,
  points,
  department: 'D',
});

/** SQL adding `rule` (points) once, at `hour`, on the office ledger's weekday account-days where `when` holds. */
const onceSql = (rule: string, points: number, hour: number, lines: number, when: string) => `
  INSERT INTO ledger (event_id, occurred_at, account_id, points, event_type, rule_id, department, import_id, source_line)
  SELECT '${rule}-' || d || '-' || a, (DATE '2026-01-05' + d::INTEGER)::TIMESTAMP + INTERVAL ${hour} HOUR,
         'A' || lpad(a::VARCHAR, 2, '0'), ${points}::DECIMAL(18,2), 'earn', '${rule}', 'D', 1, ${lines} + d * 100 + a
  FROM range(86) t(d), range(60) s(a)
  WHERE isodow(DATE '2026-01-05' + d::INTEGER) <= 5 AND ${when}`;

/** A fresh database holding the ×1000 office ledger, then `more` (SQL), then `rows`. */
async function officeWith(rows: Row[], more = ''): Promise<Database> {
  const db = await openDb();
  await office(db);
  if (more) await sqlExec(db, more);
  await insertRows(db, rows);
  return db;
}

describe('account_spike on a ×1000 ledger', () => {
  let db: Database;
  beforeAll(async () => {
    db = await officeWith([
      // BUSY: one C5 and six small awards of five rules, none beyond its own daily count: 170,000 points.
      ...['B1', 'B1', 'B2', 'B3', 'B4', 'B5'].map((r, i) => at('2026-03-10', 9 + i, 'BUSY', r, 15000)),
      at('2026-03-10', 16, 'BUSY', 'C5', 80000),
      // TWICE: C5 twice on one day, hours apart, beside an ordinary B1.
      at('2026-03-12', 10, 'TWICE', 'B1', 15000),
      at('2026-03-12', 11, 'TWICE', 'C5', 80000),
      at('2026-03-12', 15, 'TWICE', 'C5', 80000),
      // SMALL: B2 twice on a quiet account's only day: a count the ledger never pays, but one more small award.
      at('2026-03-17', 10, 'SMALL', 'B2', 15000),
      at('2026-03-17', 14, 'SMALL', 'B2', 15000),
    ]);
  });
  afterAll(() => db.close());

  it('flags C5 paid twice, not a busy day of one large and six small awards, nor one extra small award', async () => {
    const r = await audit(db, { ...P, checks: ['account_spike'] });
    expect(r.flags.map((f) => [f.account_id, f.from, f.reason_key])).toEqual([
      ['TWICE', '2026-03-12', 'account_spike_beyond'],
    ]);
    expect(r.flags[0].reason_vars).toMatchObject({ rule: 'C5', n: 2, most: 1 });
  });
});

/**
 * The same ×1000 ledger with a larger rule C6 (130,000) on one account-day in seven, never twice, so that two awards
 * of C6 (260,000) are the big-day yardstick and three of C5 (240,000) stay below it. Other abuse of the same rule in
 * the same ledger: FARM gets C5 eight times a day on two days in a row. The ledger's ordinary days still pay C5 at
 * most once: hundreds of days hold one and none of the others two, where a Poisson count would put dozens there.
 */
const tripleLedger = () =>
  officeWith(
    [
      ...['2026-03-03', '2026-03-04'].flatMap((day) =>
        Array.from({ length: 8 }, (_, k) => at(day, 9 + k, 'FARM', 'C5', 80000)),
      ),
      at('2026-03-19', 10, 'TRIPLE', 'B1', 15000),
      ...[11, 13, 15].map((h) => at('2026-03-19', h, 'TRIPLE', 'C5', 80000)),
    ],
    onceSql('C6', 130000, 14, 900000, '(d * 3 + a) % 7 = 0'),
  );

describe('account_spike: a count beyond the rule’s ordinary maximum while other abuse pays the rule more', () => {
  let db: Database;
  beforeAll(async () => {
    db = await tripleLedger();
  });
  afterAll(() => db.close());

  it('flags C5 paid three times to TRIPLE: beyond the ordinary maximum of one, FARM’s days being exceptions', async () => {
    const r = await audit(db, { ...P, checks: ['account_spike'] });
    const triple = r.flags.filter((f) => f.account_id === 'TRIPLE');
    expect(triple.map((f) => [f.from, f.reason_key])).toEqual([['2026-03-19', 'account_spike_beyond']]);
    expect(triple[0].reason_vars).toMatchObject({ rule: 'C5', n: 3, most: 1, beyond: 2 });
  });
});

describe('account_spike: a farming burst beside a repeat of another rule', () => {
  let db: Database;
  beforeAll(async () => {
    // FARMER: B1 fifteen times within 15 minutes, and B2, which the ledger pays once a day, twice that day.
    db = await officeWith([
      at('2026-03-18', 9, 'FARMER', 'B2', 15000),
      at('2026-03-18', 16, 'FARMER', 'B2', 15000),
      ...Array.from({ length: 15 }, (_, k) => ({
        ...at('2026-03-18', 11, 'FARMER', 'B1', 15000),
        at: `2026-03-18 11:${String(k).padStart(2, '0')}:00`,
      })),
    ]);
  });
  afterAll(() => db.close());

  it('names the farmed B1, though B2 twice is the rarer count (one more small award is no spike)', async () => {
    const r = await audit(db, { ...P, checks: ['account_spike'] });
    expect(r.flags.map((f) => [f.account_id, f.from, f.reason_vars.rule, f.reason_vars.n])).toEqual([
      ['FARMER', '2026-03-18', 'B1', 15],
    ]);
  });
});

/**
 * The ×1000 ledger with C7 (40,000), capped at two a day, paid on one account-day in three and twice on half of
 * those: hundreds of account-days hold two. ROUTINE's day of C5 and two of C7 (160,000) is two top awards' worth of
 * large awards, but its C7 pair is that rule's routine day: a busy day, as BUSY's above.
 */
describe('account_spike: a large award beside a rule paid twice as routine', () => {
  let db: Database;
  beforeAll(async () => {
    db = await officeWith(
      [
        at('2026-03-11', 9, 'ROUTINE', 'B1', 15000),
        at('2026-03-11', 10, 'ROUTINE', 'C7', 40000),
        at('2026-03-11', 13, 'ROUTINE', 'C5', 80000),
        at('2026-03-11', 15, 'ROUTINE', 'C7', 40000),
      ],
      `
      INSERT INTO ledger (event_id, occurred_at, account_id, points, event_type, rule_id, department, import_id, source_line)
      SELECT 'c7-' || d || '-' || a || '-' || k, (DATE '2026-01-05' + d::INTEGER)::TIMESTAMP + INTERVAL 15 HOUR + k * INTERVAL 1 HOUR,
             'A' || lpad(a::VARCHAR, 2, '0'), 40000::DECIMAL(18,2), 'earn', 'C7', 'D', 1, 800000 + d * 1000 + a * 10 + k
      FROM range(86) t(d), range(60) s(a), range(2) u(k)
      WHERE isodow(DATE '2026-01-05' + d::INTEGER) <= 5 AND (d + 2 * a) % 3 = 0 AND (k = 0 OR (d + a) % 2 = 0)`,
    );
  });
  afterAll(() => db.close());

  it('does not flag it', async () => {
    expect((await audit(db, { ...P, checks: ['account_spike'] })).flags).toEqual([]);
  });
});

describe('account_spike: a count beyond a declared daily cap is the cap check’s flag', () => {
  let db: Database;
  beforeAll(async () => {
    db = await tripleLedger();
    await insertRule(db, 'C5', 80000, 80000);
  });
  afterAll(() => db.close());

  it('leaves TRIPLE’s three C5 against a cap of one to cap_breach', async () => {
    const r = await audit(db, { ...P, checks: ['account_spike', 'cap_breach'] });
    expect(r.flags.filter((f) => f.account_id === 'TRIPLE').map((f) => [f.check, f.from])).toEqual([
      ['cap_breach', '2026-03-19'],
    ]);
  });
});

/**
 * A ×1 ledger of 60 accounts (department D), every weekday 2026-01-05 – 2026-03-31: B (20 points) once a day, S
 * (100) once on every other account-day and twice on a tenth of those, and L (1,000) on one account-day in twenty.
 * S's doubles are fewer than a Poisson count at its rate gives (about 0.4 of it: an undeclared cap of two in
 * practice), and no ordinary day pays it three times, where the same dispersion would put a dozen. Two awards of L
 * are the big-day yardstick, far above nine of S. OTHER and OTHER2 are paid S six times on a day (other abuse of the
 * rule): more than a quarter of a Poisson count's pace would excuse, far less than S's own pace into its doubles.
 */
async function countLedger(rows: Row[]): Promise<Database> {
  return weekdayLedger(
    60,
    [
      { rule: 'B', points: 20, when: 'true' },
      { rule: 'S', points: 100, when: '(d + a) % 2 = 0' },
      { rule: 'S', points: 100, when: '(d + a) % 2 = 0 AND (d * 7 + a) % 10 = 0' },
      { rule: 'L', points: 1000, when: '(d * 3 + a) % 20 = 0' },
    ],
    rows,
  );
}

/**
 * A ×1 ledger of `accounts` accounts (department D), every weekday 2026-01-05 – 2026-03-31: award k of the list is
 * paid at 09:00 + 2k hours on the account-days (d, a) where its SQL condition holds.
 */
async function weekdayLedger(
  accounts: number,
  awards: { rule: string; points: number; when: string }[],
  rows: Row[],
): Promise<Database> {
  const pick = (f: (w: (typeof awards)[number]) => string) =>
    `CASE k ${awards.map((w, k) => `WHEN ${k} THEN ${f(w)}`).join(' ')} END`;
  const db = await openDb();
  await sqlExec(
    db,
    `
    INSERT INTO ledger (event_id, occurred_at, account_id, points, event_type, rule_id, department, import_id, source_line)
    SELECT 'w' || d || '-' || a || '-' || k, (DATE '2026-01-05' + d::INTEGER)::TIMESTAMP + INTERVAL 9 HOUR + k * INTERVAL 2 HOUR,
           'A' || lpad(a::VARCHAR, 2, '0'), (${pick((w) => String(w.points))})::DECIMAL(18,2), 'earn',
           ${pick((w) => `'${w.rule}'`)}, 'D', 1, d * 1000 + a * 10 + k
    FROM range(86) t(d), range(${accounts}) s(a), range(${awards.length}) u(k)
    WHERE isodow(DATE '2026-01-05' + d::INTEGER) <= 5 AND ${pick((w) => `(${w.when})`)}`,
  );
  await insertRows(db, rows);
  return db;
}

describe('account_spike: a rule paid many times hours apart, where the ledger pays it at most twice', () => {
  let db: Database;
  beforeAll(async () => {
    const hourly = (day: string, account: string, n: number) =>
      Array.from({ length: n }, (_, k) => ({ ...at(day, 9 + k, account, 'S', 100), department: 'D' }));
    db = await countLedger([
      ...hourly('2026-03-05', 'OTHER', 6),
      ...hourly('2026-03-11', 'OTHER2', 6),
      ...hourly('2026-03-18', 'SPIKER', 9),
    ]);
  });
  afterAll(() => db.close());

  it('flags nine awards of S an hour apart: beyond the maximum of two that the rule’s own doubles show', async () => {
    const r = await audit(db, { ...P, checks: ['account_spike'] });
    const spiker = r.flags.filter((f) => f.account_id === 'SPIKER');
    expect(spiker.map((f) => [f.from, f.reason_key])).toEqual([['2026-03-18', 'account_spike_beyond']]);
    expect(spiker[0].reason_vars).toMatchObject({ rule: 'S', n: 9, most: 2 });
  });
});

/**
 * A small ×1 ledger (issue 13's retail-200-x1 miss, written by hand): 40 accounts of department D, every weekday
 * 2026-01-05 – 2026-03-31, paid B (5 points) once a day, M (30) on one account-day in twenty-five and never twice,
 * and T (150) on one account-day in forty. Too few days hold M for its single award to be proven a daily maximum,
 * and M's mean count on a day it is paid is 1, so five awards of M on one day were neither beyond the maximum nor a
 * burst: a day 10× the account's own and its peers', missed. M's rate per active account-day (1 in 25) makes five
 * in one day a count a Poisson or a dispersed count of the ledger's own never reaches.
 */
const smallLedger = (rows: Row[]) =>
  weekdayLedger(
    40,
    [
      { rule: 'B', points: 5, when: 'true' },
      { rule: 'M', points: 30, when: '(d * 7 + a) % 25 = 0' },
      { rule: 'T', points: 150, when: '(d * 3 + a) % 40 = 0' },
    ],
    rows,
  );

describe('account_spike: a mid rule paid five times hours apart on a small ledger', () => {
  let db: Database;
  beforeAll(async () => {
    const spread = (day: string, account: string, n: number) =>
      Array.from({ length: n }, (_, k) => at(day, 9 + 2 * k, account, 'M', 30));
    db = await smallLedger([...spread('2026-03-18', 'SPREAD', 5), ...spread('2026-03-12', 'PAIR', 2)]);
  });
  afterAll(() => db.close());

  it('flags five awards of M on one day, not two (one more small award)', async () => {
    const r = await audit(db, { ...P, checks: ['account_spike'] });
    expect(r.flags.map((f) => [f.account_id, f.from, f.reason_vars.rule, f.reason_vars.n])).toEqual([
      ['SPREAD', '2026-03-18', 'M', 5],
    ]);
  });
});

/**
 * The ×1000 ledger with a second large rule C8 (80,000, as C5), on one account-day in five of its own, never twice:
 * dozens of the ledger's account-days hold both C5 and C8 by chance. MIX, a quiet account, gets C5 and C8 once each
 * beside a small award: two top awards' points, but each rule at its ordinary count (once), the sum of two ordinary
 * days the ledger shows again and again. PAIR gets C8 twice: a count the ledger never pays it.
 */
const mixLedger = () =>
  officeWith(
    (
      [
        ['2026-03-16', 'MIX', 'C5'],
        ['2026-03-18', 'PAIR', 'C8'],
      ] as const
    ).flatMap(([day, who, first]) => [
      at(day, 9, who, 'B1', 15000),
      at(day, 11, who, first, 80000),
      at(day, 15, who, 'C8', 80000),
    ]),
    onceSql('C8', 80000, 17, 700000, '(d * 3 + a * 2) % 5 = 1'),
  );

describe('account_spike: two different large rules, each once, on one day', () => {
  let db: Database;
  beforeAll(async () => {
    db = await mixLedger();
  });
  afterAll(() => db.close());

  it('flags C8 twice, not C5 and C8 once each', async () => {
    const r = await audit(db, { ...P, checks: ['account_spike'] });
    expect(r.flags.map((f) => [f.account_id, f.from])).toEqual([['PAIR', '2026-03-18']]);
    expect(r.flags[0].reason_vars).toMatchObject({ rule: 'C8', n: 2 });
  });
});

/**
 * The same ledger where the program declares C8's daily cap at 160,000, two awards: PAIR's two of C8 are a day the
 * program allows (a ×10 retail ledger with a reward rule capped at two pays it twice on a few of its thousand days,
 * as a Poisson count at its rate does), not a count beyond what the ledger pays.
 */
describe('account_spike: a large rule paid twice within its declared daily cap', () => {
  let db: Database;
  beforeAll(async () => {
    db = await mixLedger();
    await insertRule(db, 'C8', 80000, 160000);
  });
  afterAll(() => db.close());

  it('does not flag it', async () => {
    expect((await audit(db, { ...P, checks: ['account_spike'] })).flags).toEqual([]);
  });
});

/**
 * An earn row may carry no rule (a manual award: rule_id empty in the export, NULL in the ledger). The ×1000 office
 * ledger with TWICE's day of C5 twice, plus such an award that day: the check must still run, flag the day as without
 * it, and keep the ruleless award among the day's evidence rows (a generated ledger with blank rule ids made the whole
 * audit fail reading the evidence).
 */
describe('account_spike on a day with an earn row without a rule', () => {
  let db: Database;
  let ids: string[];
  beforeAll(async () => {
    db = await officeWith([]);
    ids = await insertRows(db, [
      at('2026-03-12', 10, 'TWICE', 'B1', 15000),
      at('2026-03-12', 11, 'TWICE', 'C5', 80000),
      at('2026-03-12', 15, 'TWICE', 'C5', 80000),
      { ...at('2026-03-12', 16, 'TWICE', 'B1', 15000), rule: null },
    ]);
  });
  afterAll(() => db.close());

  it('flags C5 paid twice, the ruleless award among the evidence', async () => {
    const r = await audit(db, { ...P, checks: ['account_spike'] });
    expect(r.flags.map((f) => [f.account_id, f.from, f.reason_key, f.reason_vars.rule])).toEqual([
      ['TWICE', '2026-03-12', 'account_spike_beyond', 'C5'],
    ]);
    expect(r.flags[0].event_ids).toContain(ids[3]);
  });
});
