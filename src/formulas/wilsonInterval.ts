import { PatronageError } from '../errors/PatronageError';
import {
  optionalObject,
  optionKeys,
  requireBetween,
  requireCount,
  requirePositiveCount,
} from '../internal/validate';
import { wilsonInterval as wilsonBounds } from '../math/proportion';

/**
 * Options of {@link wilsonInterval}.
 *
 * @category Retention
 */
export interface WilsonIntervalOptions {
  /** The normal quantile of the confidence level, above 0 and at most 10: 1.96 (the default) for 95%, 2.576 for 99%. */
  readonly z?: number;
}

/**
 * The bounds of {@link wilsonInterval}.
 *
 * @category Retention
 */
export interface WilsonIntervalResult {
  /** The lower bound, at least 0. */
  readonly lower: number;
  /** The upper bound, at most 1. */
  readonly upper: number;
}

const OPTION_KEYS = /* @__PURE__ */ optionKeys<WilsonIntervalOptions>()(['z']);

const FN = 'wilsonInterval';

/** The largest normal quantile taken: 10 standard deviations, a confidence level of 1 − 1.5·10⁻²³. */
const MAX_Z = 10;

/**
 * The Wilson score interval of a share `successes / trials` (E. B. Wilson, "Probable inference, the law
 * of succession, and statistical inference", JASA 22, 1927; docs/formulas.md §1.6b): with p the share,
 * n the trials and z the normal quantile, centre (p + z²/2n) / (1 + z²/n) and half-width
 * z·√(p(1 − p)/n + z²/4n²) / (1 + z²/n). Unlike p ± z·√(p(1 − p)/n) it stays inside [0, 1] and is
 * sensible for small n and shares near 0 or 1: the interval to put around a retention or repeat rate.
 *
 * @param successes - a whole number from 0 to `trials` (customers retained, customers who came back)
 * @param trials - a whole number above 0 (customers who could have)
 * @param options - `z`, the normal quantile (default 1.96, a 95% interval)
 * @returns the lower and upper bounds, within [0, 1]
 * @throws PatronageError `NOT_FINITE`, `NOT_AN_INTEGER` and `OUT_OF_RANGE` for counts that are not whole
 *   numbers, `trials` of 0 or `successes` above `trials`, or `z` not above 0 or above 10.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { wilsonInterval } from 'patronage';
 *
 * const { lower, upper } = wilsonInterval(30, 100);
 * [Math.round(lower * 1000) / 1000, Math.round(upper * 1000) / 1000]; // => [0.219, 0.396]
 * wilsonInterval(0, 5).lower; // => 0
 * ```
 *
 * @category Retention
 */
export function wilsonInterval(
  successes: number,
  trials: number,
  options?: WilsonIntervalOptions,
): WilsonIntervalResult {
  const record = optionalObject(FN, 'options', options, OPTION_KEYS);
  const n = requirePositiveCount(FN, 'trials', trials);
  const k = requireBetween(FN, 'successes', requireCount(FN, 'successes', successes), 0, n);
  const z = record['z'] === undefined ? 1.96 : requireBetween(FN, 'options.z', record['z'], 0, MAX_Z);
  if (z === 0) {
    throw new PatronageError('OUT_OF_RANGE', `${FN}: options.z must be above 0, got 0`, {
      argument: 'options.z',
      value: z,
    });
  }
  return wilsonBounds(k, n, z);
}
