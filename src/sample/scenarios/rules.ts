import { cumulative, type Rng } from '../rng.ts';
import type { Shape } from './shape.ts';

export interface ScenarioRule {
  id: string;
  tier: 'base' | 'challenge' | 'reward';
  points: number;
  /** Per account and day, in points; null = no cap. Normal activity never exceeds it. */
  cap: number | null;
  /** Relative frequency among awards. */
  weight: number;
}

export interface RuleSet {
  rules: ScenarioRule[];
  cumulative: Float64Array;
  /** Mean points of one award, weighted by frequency: the yardstick injected strengths are measured in. */
  meanAward: number;
}

/**
 * A rule mix: mostly small frequent base rules, fewer challenge and rare large reward rules. Every third rule is
 * capped at one to three awards a day, and the first two base rules are never capped, so a farming burst or a
 * misconfigured batch always has an uncapped rule to use without also being a cap breach.
 */
export function makeRules(shape: Shape, rng: Rng): RuleSet {
  const rules: ScenarioRule[] = [];
  for (let i = 0; i < shape.rules; i++) {
    const u = i / shape.rules;
    const tier = u < 0.6 ? 'base' : u < 0.85 ? 'challenge' : 'reward';
    const base =
      tier === 'base'
        ? rng.pick([5, 8, 10, 15, 20])
        : tier === 'challenge'
          ? rng.pick([30, 50, 80])
          : rng.pick([100, 150, 200]);
    const points = base * shape.scale;
    const capped = i >= 2 && i % 3 === 2;
    const weight = tier === 'base' ? 10 * rng.lognormal(0.5) : tier === 'challenge' ? 1.5 * rng.lognormal(0.4) : 0.3;
    rules.push({
      id: `R${String(i + 1).padStart(2, '0')}`,
      tier,
      points,
      cap: capped ? points * rng.int(1, 3) : null,
      weight,
    });
  }
  const cum = cumulative(rules.map((r) => r.weight));
  const total = cum[cum.length - 1];
  const meanAward = rules.reduce((a, r) => a + r.weight * r.points, 0) / total;
  return { rules, cumulative: cum, meanAward };
}

/** How many awards of a rule an account may get in a day in normal operation: the cap, else two base or one larger. */
export const perDay = (r: ScenarioRule) => (r.cap !== null ? Math.floor(r.cap / r.points) : r.tier === 'base' ? 2 : 1);
