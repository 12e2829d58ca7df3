/**
 * Student's t distribution for the interval code (mean-interval.ts). It used to be a hand-written incomplete-beta
 * implementation; it now comes from the one distribution wrapper (distributions.ts, over jstat), so the whole
 * project uses one library for its distribution functions. jstat agrees with SciPy to about 1e-8 here, far inside
 * what a 95 % interval needs.
 */
export { tCdf, tQuantile } from './distributions.ts';
