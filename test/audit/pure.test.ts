import { describe, expect, it } from 'vitest';
import { digitTest } from '../../src/audit/benford.ts';
import {
  binomialTail,
  binomialTailBelow,
  dispersedTailGivenPaid,
  hypergeometricTail,
  poissonTail,
} from '../../src/audit/binomial.ts';
import { beyondCampaign, campaignOn } from '../../src/audit/rule-spikes.ts';
import { mergeGroups, roundTrips, simpleCycles } from '../../src/audit/checks/graph.ts';
import { weekdayBand } from '../../src/audit/series.ts';
import { medianWithout } from '../../src/audit/rule-drops.ts';
import { createRng } from '../../src/stats/prng.ts';
import { defaultAuditSettings } from '../../src/audit/settings.ts';
import { explain } from '../../src/i18n/audit-reasons-en.ts';

const settings = defaultAuditSettings();

describe('hypergeometricTail', () => {
  it("matches hand-computed tails of Fisher's exact test", () => {
    // 10 draws from 20 of which 10 are marked: P(X ≥ 8) = (C(10,8)·C(10,2) + C(10,9)·C(10,1) + 1) / C(20,10).
    expect(hypergeometricTail(8, 20, 10, 10)).toBeCloseTo(2126 / 184756, 12);
    // Below the mean, through the lower tail: P(X ≥ 1) = 1 − C(10,3)/C(20,3) for 3 draws.
    expect(hypergeometricTail(1, 20, 10, 3)).toBeCloseTo(1 - 120 / 1140, 12);
    expect(hypergeometricTail(0, 20, 10, 3)).toBe(1);
    expect(hypergeometricTail(4, 20, 10, 3)).toBe(0);
    // Every draw marked once marked items outnumber the rest's room: n + K − N = 2 is the least X can be.
    expect(hypergeometricTail(2, 10, 8, 4)).toBe(1);
    // Narrower than the binomial of the same mean (no replacement): a one-sided test that errs less towards none.
    expect(hypergeometricTail(30, 100, 50, 40)).toBeLessThan(binomialTail(30, 40, 0.5));
  });
});

describe('binomialTail', () => {
  it('matches hand-computed tails', () => {
    expect(binomialTail(2, 3, 0.5)).toBeCloseTo(0.5, 12); // P(X ≥ 2) = (3 + 1) / 8
    expect(binomialTail(3, 3, 0.1)).toBeCloseTo(0.001, 12); // 0.1³
    expect(binomialTail(0, 10, 0.3)).toBe(1);
    expect(binomialTail(11, 10, 0.3)).toBe(0);
    // P(X ≥ 1 | n = 4, p = 0.2) = 1 − 0.8⁴ = 0.5904
    expect(binomialTail(1, 4, 0.2)).toBeCloseTo(0.5904, 12);
    // Below the mean, through the lower tail: P(X ≥ 2 | n = 10, p = 0.5) = 1 − 11/1024.
    expect(binomialTail(2, 10, 0.5)).toBeCloseTo(1 - 11 / 1024, 12);
    // Large n without an n-sized table: P(X ≥ 40 | n = 500,000, p = 1e-6) = Poisson(0.5) tail ≈ 0.5^40 e^-0.5 / 40!
    const tail = binomialTail(40, 500_000, 1e-6);
    expect(tail).toBeGreaterThan(0);
    expect(Math.log(tail)).toBeCloseTo(40 * Math.log(0.5) - 0.5 - lnFactorial(40), 1);
  });
});

describe('binomialTailBelow', () => {
  it('is binomialTail wherever the tail is below the limit, and null only where it cannot be', () => {
    const limit = 1e-6;
    let skipped = 0;
    let below = 0;
    for (const n of [1, 7, 40, 600, 6000, 1_500_000])
      for (const p of [0.001, 0.02, 0.3, 0.9])
        for (let k = 0; k <= n; k += Math.max(1, Math.floor(n / 97))) {
          const got = binomialTailBelow(k, n, p, limit);
          const tail = binomialTail(k, n, p);
          if (got === null) {
            skipped++;
            expect(tail).toBeGreaterThanOrEqual(limit);
          } else {
            expect(got).toBe(tail);
            if (tail < limit) below++;
          }
        }
    // Both kinds occur: the shortcut is taken, and tails below the limit are still summed.
    expect(skipped).toBeGreaterThan(100);
    expect(below).toBeGreaterThan(100);
  });

  it('is null at or below the mean for a limit up to 1/4, where the tail is above 1/4', () => {
    let atOrBelow = 0;
    for (const n of [1, 2, 3, 7, 40, 600, 6000])
      for (const p of [1e-4, 0.001, 0.02, 1 / 7, 0.3, 0.5, 0.9, 0.999])
        for (let k = 0; k <= n; k++) {
          if (k > n * p) continue;
          atOrBelow++;
          expect(binomialTailBelow(k, n, p, 0.25)).toBeNull();
          expect(binomialTail(k, n, p)).toBeGreaterThan(0.25);
        }
    expect(atOrBelow).toBeGreaterThan(1000);
    // Above 1/4 the shortcut does not apply: a tail of about 1/2 is summed.
    expect(binomialTailBelow(20, 40, 0.5, 0.9)).toBe(binomialTail(20, 40, 0.5));
  });

  it('refuses the arguments binomialTail refuses, before the shortcut could answer', () => {
    expect(() => binomialTailBelow(5, 10, 1.5, 0.01)).toThrow(/p must be in/);
    expect(() => binomialTailBelow(2.5, 10, 0.5, 0.01)).toThrow(/integers/);
    expect(() => binomialTailBelow(1, -3, 0.5, 0.01)).toThrow(/integers/);
  });
});

const lnFactorial = (n: number) => Array.from({ length: n }, (_, i) => Math.log(i + 1)).reduce((a, b) => a + b, 0);

describe('poissonTail', () => {
  it('matches hand-computed tails', () => {
    expect(poissonTail(0, 3)).toBe(1);
    expect(poissonTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    // P(X ≥ 3 | λ = 1) = 1 − e^-1 (1 + 1 + 1/2)
    expect(poissonTail(3, 1)).toBeCloseTo(1 - Math.exp(-1) * 2.5, 12);
    // e^-1/25! × (1 + 1/26 + 1/(26·27) + 1/(26·27·28) + …)
    expect(poissonTail(25, 1) / Math.exp(-1 - lnFactorial(25))).toBeCloseTo(
      1 + 1 / 26 + 1 / 702 + 1 / 19656 + 1 / 570024,
      6,
    );
    expect(poissonTail(5, 0)).toBe(0);
  });
});

describe('dispersedTailGivenPaid', () => {
  it('is a Poisson count given at least one when the variance does not exceed the mean', () => {
    expect(dispersedTailGivenPaid(1, 0.04, 0.04)).toBe(1);
    expect(dispersedTailGivenPaid(2, 0.5, 0.4)).toBeCloseTo((1 - Math.exp(-0.5) * 1.5) / (1 - Math.exp(-0.5)), 12);
  });

  it('sums the negative binomial: mean 1, variance 2 (r = 1, a geometric count with p = 1/2)', () => {
    // P(N = i) = 2^-(i+1); P(N ≥ k) = 2^-k; given N ≥ 1: 2^-(k-1).
    expect(dispersedTailGivenPaid(2, 1, 2)).toBeCloseTo(0.5, 10);
    expect(dispersedTailGivenPaid(6, 1, 2)).toBeCloseTo(1 / 32, 10);
  });

  it('gives a dispersed count a heavier tail than a Poisson count of the same mean', () => {
    expect(dispersedTailGivenPaid(5, 0.04, 0.08)).toBeGreaterThan(100 * dispersedTailGivenPaid(5, 0.04, 0.04));
    expect(dispersedTailGivenPaid(5, 0.04, 0.04)).toBeLessThan(1e-7);
  });
});

describe('campaigns', () => {
  const c = [
    { from: '2026-11-11', to: '2026-11-11', rule: null, label: 'Double 11', multiplier: 2 },
    { from: '2026-11-10', to: '2026-11-12', rule: 'R7', label: 'R7 week', multiplier: 5 },
  ];
  it('finds the campaign of a day (both ends included) and of a rule, the larger multiplier first', () => {
    expect(campaignOn(c, '2026-11-11')?.label).toBe('R7 week');
    expect(campaignOn(c, '2026-11-11', 'R1')?.label).toBe('Double 11');
    expect(campaignOn(c, '2026-11-12', 'R1')).toBeNull();
    expect(campaignOn(c, '2026-11-12', 'R7')?.label).toBe('R7 week');
  });
  it('keeps a spike above even the campaign multiplier', () => {
    // A spike needs (1 + 2) × expected; inside a double-points day 2 × 3 × expected.
    expect(beyondCampaign(599, 100, c[0], settings.program_spike)).toBe(false);
    expect(beyondCampaign(600, 100, c[0], settings.program_spike)).toBe(true);
  });
});

describe('digitTest (Benford with the audit guards)', () => {
  const benford1 = (d: number) => Math.log10(1 + 1 / d);
  // Every integer 10..9999 once: each first digit d starts 10 + 100 + 1000 = 1,110 of them, so all 9 bins are 1/9.
  const uniform = Array.from({ length: 9990 }, (_, i) => ({ amount: 10 + i, n: 1 }));

  it('reads uniform first digits as nonconforming, with MAD = mean |1/9 − log10(1 + 1/d)|', () => {
    const out = digitTest(uniform, 'first', settings.benford);
    if (out.skipped !== null) throw new Error(out.skipped);
    const mad = [1, 2, 3, 4, 5, 6, 7, 8, 9].reduce((a, d) => a + Math.abs(1 / 9 - benford1(d)), 0) / 9; // ≈ 0.0597
    expect(out.n).toBe(9990);
    expect(out.mad).toBeCloseTo(mad, 12);
    expect(out.conformity).toBe('nonconformity');
  });

  it('first two digits: each prefix 10..99 starts 1 + 10 + 100 = 111 of them, MAD = mean |1/90 − log10(1 + 1/k)|', () => {
    const out = digitTest(uniform, 'firstTwo', settings.benford);
    if (out.skipped !== null) throw new Error(out.skipped);
    let sum = 0;
    for (let k = 10; k <= 99; k++) sum += Math.abs(1 / 90 - benford1(k));
    expect(out.mad).toBeCloseTo(sum / 90, 12);
  });

  it('says why it skips: too few values, too few distinct values, too narrow a range', () => {
    expect(digitTest(uniform.slice(0, 499), 'first', settings.benford).skipped).toMatch(
      /only 499 usable values \(need at least 500\)/,
    );
    expect(
      digitTest(
        [
          { amount: 50, n: 300 },
          { amount: 5000, n: 300 },
        ],
        'first',
        settings.benford,
      ).skipped,
    ).toMatch(/only 2 distinct values/);
    const narrow = Array.from({ length: 600 }, (_, i) => ({ amount: 100 + i, n: 1 })); // 100..699: log10(6.99) < 2
    expect(digitTest(narrow, 'first', settings.benford).skipped).toMatch(/orders of magnitude/);
  });

  it('counts tallied values by their multiplicity', () => {
    const tallied = digitTest(
      uniform.map((v) => ({ ...v, n: 2 })),
      'first',
      settings.benford,
    );
    const single = digitTest(uniform, 'first', settings.benford);
    if (tallied.skipped !== null || single.skipped !== null) throw new Error('skipped');
    expect(tallied.n).toBe(2 * 9990);
    expect(tallied.mad).toBeCloseTo(single.mad, 12); // same proportions
  });
});

describe('graph helpers', () => {
  it('finds each simple cycle once, from its smallest node, within the length bounds', () => {
    const edges: [string, string][] = [
      ['A', 'B'],
      ['B', 'C'],
      ['C', 'A'],
      ['A', 'D'],
      ['D', 'E'],
      ['E', 'D'],
    ];
    expect(simpleCycles(edges, 3, 5)).toEqual([['A', 'B', 'C']]); // D ⇄ E is a 2-cycle, below the minimum
    expect(simpleCycles(edges, 2, 5)).toEqual([
      ['A', 'B', 'C'],
      ['D', 'E'],
    ]);
    // A 4-ring used both ways gives two cycles over the same members: one group.
    const ring: [string, string][] = [
      ['A', 'B'],
      ['B', 'C'],
      ['C', 'D'],
      ['D', 'A'],
      ['B', 'A'],
      ['C', 'B'],
      ['D', 'C'],
      ['A', 'D'],
    ];
    const cycles = simpleCycles(ring, 3, 5);
    expect(cycles).toEqual([
      ['A', 'B', 'C', 'D'],
      ['A', 'D', 'C', 'B'],
    ]);
    expect(mergeGroups(cycles).map((g) => g.members)).toEqual([['A', 'B', 'C', 'D']]);
    expect(simpleCycles(ring, 3, 3)).toEqual([]);
  });

  it('counts round trips within the window, each reply used once', () => {
    const t = (d: number) => new Date(Date.UTC(2026, 2, d));
    expect(roundTrips([t(1), t(8)], [t(3), t(20)], 7)).toBe(1); // 1 → 3 yes; 8 → 20 is 12 days
    expect(roundTrips([t(1), t(2)], [t(3)], 7)).toBe(1); // one reply answers one gift
  });
});

describe('weekdayBand', () => {
  it("expects the same weekday's median and flags only a day far above it", () => {
    const s = settings.program_spike;
    // 16 weeks of Mon–Fri 100 / weekend 10, with small wobble, then a Tuesday of 1,000 and a Wednesday of 250.
    const values = Array.from({ length: 7 * 16 }, (_, i) => (i % 7 < 5 ? 100 + (i % 3) : 10));
    values.push(100, 1000, 250, 100, 100, 10, 10);
    const band = weekdayBand('2026-01-05', values, s);
    const last = band.slice(-7);
    // The 8 Tuesdays before (indices 106, 99, …, 57) hold 100 + index mod 3 = 101, 100, 102, 101, 100, 102, 101, 100:
    // sorted 100 100 100 101 101 101 102 102, median 101.
    expect(last[1]).toMatchObject({ day: '2026-04-28', spike: true, expected: 101 });
    expect(last[2].spike).toBe(false); // 250 < 3 × ~100: under min_excess_ratio
    expect(last.filter((p) => p.spike)).toHaveLength(1);
  });
});

describe('explain', () => {
  it('fills the template from reason_vars, numbers to 4 significant digits', () => {
    expect(explain('self_approval', { account: 'U1', rows: 3, points: 380 })).toBe(
      'U1 approved 3 of their own rows (380 points)',
    );
    expect(explain('reciprocal_pair', { account: 'A', other: 'B', round_trips: 3, days: 7 })).toBe(
      'A and B sent points back and forth 3 times within 7 days',
    );
  });
});

describe('medianWithout', () => {
  it('is the median of the sorted values with one occurrence of x taken out, for odd and even counts and ties', () => {
    const rng = createRng(15);
    for (let trial = 0; trial < 300; trial++) {
      const xs = Array.from({ length: 1 + Math.floor(rng() * 12) }, () => Math.floor(rng() * 6) / 2).sort(
        (a, b) => a - b,
      );
      const x = xs[Math.floor(rng() * xs.length)];
      const rest = [...xs];
      rest.splice(rest.indexOf(x), 1);
      const mid = rest.length >> 1;
      const want = rest.length === 0 ? null : rest.length % 2 === 1 ? rest[mid] : (rest[mid - 1] + rest[mid]) / 2;
      expect(medianWithout(xs, x), `${xs} without ${x}`).toBe(want);
    }
  });
});
