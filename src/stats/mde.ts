/**
 * Minimum detectable effect of a two-sample comparison of means (normal approximation): the smallest true
 * difference that a two-sided test at level alpha would detect with the given power,
 *   MDE = (z_{1−α/2} + z_{power}) · √(sd_c²/n_c + sd_t²/n_t).
 * The normal rather than t quantiles are used because MDE is a planning number and n is large in practice.
 */
import { normalQuantile } from './distributions.ts';

export interface MdeInput {
  nControl: number;
  nTreatment: number;
  sdControl: number;
  /** Defaults to sdControl (the usual planning assumption of equal spread). */
  sdTreatment?: number;
  alpha?: number;
  power?: number;
  /** Control mean; when given and non-zero the MDE is also returned relative to it. */
  baseline?: number;
}

export interface MdeResult {
  absolute: number;
  /** absolute / |baseline|, or null without a usable baseline. */
  relative: number | null;
}

export function minimumDetectableEffect(input: MdeInput): MdeResult {
  const alpha = input.alpha ?? 0.05;
  const power = input.power ?? 0.8;
  const sdTreatment = input.sdTreatment ?? input.sdControl;
  if (!(input.nControl > 0 && input.nTreatment > 0)) throw new RangeError('both arms need at least one unit');
  if (!(input.sdControl >= 0 && sdTreatment >= 0)) throw new RangeError('standard deviations must be non-negative');
  const se = Math.sqrt(input.sdControl ** 2 / input.nControl + sdTreatment ** 2 / input.nTreatment);
  const absolute = (normalQuantile(1 - alpha / 2) + normalQuantile(power)) * se;
  const relative = input.baseline ? absolute / Math.abs(input.baseline) : null;
  return { absolute, relative };
}
