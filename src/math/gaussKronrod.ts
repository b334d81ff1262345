// Adaptive Gauss–Kronrod (7-point Gauss, 15-point Kronrod) quadrature of positive integrands given by their
// logarithm, for integrals whose value spans hundreds of orders of magnitude (the GGom/NBD lifetime
// integrals). Internal.

import { logAddExp } from './special';

/**
 * Abscissae of the 15-point Kronrod rule on [−1, 1], from 1 down to 0 (Piessens et al. 1983, QUADPACK
 * `qk15`); the odd-indexed ones (1, 3, 5, 7) are the nodes of the 7-point Gauss rule.
 */
export const KRONROD_NODES: readonly number[] = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
  0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
  0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0,
];

/** Weights of the 15-point Kronrod rule at {@link KRONROD_NODES} (the last one for the node 0). */
export const KRONROD_WEIGHTS: readonly number[] = [
  0.02293532201052922496373200805897, 0.063092092629978553290700663189204,
  0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
  0.16900472663926790282658342659855, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];

/** Weights of the 7-point Gauss rule at the odd-indexed {@link KRONROD_NODES} (index 1, 3, 5, 7). */
export const GAUSS_WEIGHTS: readonly number[] = [
  0.129484966168869693270611432679082, 0.27970539148927666790146777142378,
  0.381830050505118944950369775488975, 0.417959183673469387755102040816327,
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

/**
 * ln ∫ₗᵒʷᵉʳ^ᵘᵖᵖᵉʳ exp(logIntegrand(y)) dy for a smooth integrand on a finite interval, −∞ for an empty one:
 * the interval is bisected until the Gauss and Kronrod estimates of each piece agree to `tolerance`
 * relative to the running total, so that an integrand concentrated in a small part of the interval (a
 * boundary layer, a peak) is resolved there. The sums are taken relative to each piece's largest node
 * value, so neither overflow nor underflow limits the range. NaN when the integrand is NaN at a node.
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
  const stack: number[] = [lower, upper, 0];
  let logTotal = Number.NEGATIVE_INFINITY;
  while (stack.length > 0) {
    const depth = stack.pop() as number;
    const b = stack.pop() as number;
    const a = stack.pop() as number;
    const half = (b - a) / 2;
    const centre = a + half;
    let top = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < 15; j++) {
      const value = logIntegrand(centre + half * (NODES_15[j] as number));
      if (Number.isNaN(value)) return Number.NaN;
      values[j] = value;
      if (value > top) top = value;
    }
    if (top === Number.NEGATIVE_INFINITY) continue;
    let kronrod = 0;
    let gauss = 0;
    for (let j = 0; j < 15; j++) {
      const e = Math.exp((values[j] as number) - top);
      kronrod += (KRONROD_15[j] as number) * e;
      gauss += (GAUSS_15[j] as number) * e;
    }
    const logScale = top + Math.log(half);
    const logPiece = logScale + Math.log(kronrod);
    const logError = logScale + Math.log(Math.abs(kronrod - gauss));
    if (depth < MAX_DEPTH && logError > logTolerance + logAddExp(logTotal, logPiece)) {
      stack.push(a, centre, depth + 1, centre, b, depth + 1);
    } else {
      logTotal = logAddExp(logTotal, logPiece);
    }
  }
  return logTotal;
}
