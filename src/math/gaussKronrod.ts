// Adaptive Gauss–Kronrod (7-point Gauss, 15-point Kronrod) quadrature of positive integrands given by their
// logarithm, for integrals whose value spans hundreds of orders of magnitude (the GGom/NBD lifetime
// integrals). Internal.

import { logAddExp } from './special';

/**
 * Abscissae of the 15-point Kronrod rule on [−1, 1], from 1 down to 0 (Piessens et al. 1983, QUADPACK
 * `qk15`, rounded to the nearest double); the odd-indexed ones (1, 3, 5, 7) are the nodes of the 7-point Gauss rule.
 */
export const KRONROD_NODES: readonly number[] = [
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945, 0.5860872354676911,
  0.4058451513773972, 0.20778495500789848, 0,
];

/** Weights of the 15-point Kronrod rule at {@link KRONROD_NODES} (the last one for the node 0). */
export const KRONROD_WEIGHTS: readonly number[] = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592, 0.1690047266392679,
  0.19035057806478542, 0.20443294007529889, 0.20948214108472782,
];

/** Weights of the 7-point Gauss rule at the odd-indexed {@link KRONROD_NODES} (index 1, 3, 5, 7). */
export const GAUSS_WEIGHTS: readonly number[] = [
  0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694,
];

/** The 15 Kronrod abscissae on [−1, 1] in ascending order, with their Kronrod and Gauss weights (0 off-Gauss). */
export const NODES_15: Float64Array = /* @__PURE__ */ Float64Array.from({ length: 15 }, (_, j) =>
  j < 7 ? -(KRONROD_NODES[j] as number) : j === 7 ? 0 : (KRONROD_NODES[14 - j] as number),
);
/** Kronrod weights in the order of {@link NODES_15}. */
export const KRONROD_15: Float64Array = /* @__PURE__ */ Float64Array.from(
  { length: 15 },
  (_, j) => KRONROD_WEIGHTS[j < 8 ? j : 14 - j] as number,
);
/** Gauss weights in the order of {@link NODES_15} (0 at the Kronrod-only nodes). */
export const GAUSS_15: Float64Array = /* @__PURE__ */ Float64Array.from({ length: 15 }, (_, j) => {
  const k = j < 8 ? j : 14 - j;
  return k % 2 === 1 ? (GAUSS_WEIGHTS[(k - 1) / 2] as number) : 0;
});

/** The deepest bisection of an interval before its estimate is accepted as it is (2^−48 of its width). */
export const MAX_DEPTH = 48;

/** Most pieces {@link logIntegrate} cuts an interval into; beyond it the estimate stands as it is. */
export const MAX_PIECES = 256;

/**
 * ln ∫ₗᵒʷᵉʳ^ᵘᵖᵖᵉʳ exp(logIntegrand(y)) dy for a smooth integrand on a finite interval, −∞ for an empty one,
 * globally adaptive (QUADPACK's QAG strategy): the piece whose Gauss and Kronrod estimates differ most is
 * bisected until the differences sum to at most `tolerance` of the total, so that an integrand concentrated
 * in a small part of the interval (a boundary layer, a peak) is resolved there and negligible parts are
 * never refined. The sums are taken relative to each piece's largest node value, so neither overflow nor
 * underflow limits the range. NaN when the integrand is NaN at a node.
 */
export function logIntegrate(
  logIntegrand: (y: number) => number,
  lower: number,
  upper: number,
  tolerance = 1e-12,
): number {
  if (!(upper > lower)) return Number.NEGATIVE_INFINITY;
  const logTolerance = Math.log(tolerance);
  const values = new Float64Array(15);
  const lows: number[] = [];
  const highs: number[] = [];
  const depths: number[] = [];
  const logValues: number[] = [];
  const logErrors: number[] = [];
  const evaluate = (low: number, high: number, depth: number, k: number): boolean => {
    const half = (high - low) / 2;
    const centre = low + half;
    let top = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < 15; j++) {
      const value = logIntegrand(centre + half * (NODES_15[j] as number));
      if (Number.isNaN(value)) return false;
      values[j] = value;
      if (value > top) top = value;
    }
    let kronrod = 0;
    let gauss = 0;
    if (top > Number.NEGATIVE_INFINITY) {
      for (let j = 0; j < 15; j++) {
        const e = Math.exp((values[j] as number) - top);
        kronrod += (KRONROD_15[j] as number) * e;
        gauss += (GAUSS_15[j] as number) * e;
      }
    }
    const logScale = top + Math.log(half);
    lows[k] = low;
    highs[k] = high;
    depths[k] = depth;
    logValues[k] = top === Number.NEGATIVE_INFINITY ? top : logScale + Math.log(kronrod);
    logErrors[k] =
      top === Number.NEGATIVE_INFINITY || depth >= MAX_DEPTH
        ? Number.NEGATIVE_INFINITY
        : logScale + Math.log(Math.abs(kronrod - gauss));
    return true;
  };
  if (!evaluate(lower, upper, 0, 0)) return Number.NaN;
  for (;;) {
    let logTotal = Number.NEGATIVE_INFINITY;
    let logError = Number.NEGATIVE_INFINITY;
    let worst = 0;
    for (let k = 0; k < lows.length; k++) {
      logTotal = logAddExp(logTotal, logValues[k] as number);
      logError = logAddExp(logError, logErrors[k] as number);
      if ((logErrors[k] as number) > (logErrors[worst] as number)) worst = k;
    }
    if (!(logError > logTolerance + logTotal) || lows.length >= MAX_PIECES) return logTotal;
    const low = lows[worst] as number;
    const high = highs[worst] as number;
    const centre = (low + high) / 2;
    const depth = (depths[worst] as number) + 1;
    const count = lows.length;
    if (!evaluate(low, centre, depth, worst) || !evaluate(centre, high, depth, count)) return Number.NaN;
  }
}
