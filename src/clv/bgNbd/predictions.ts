// Predictions of BG/NBD (Fader, Hardie & Lee 2005) and MBG/NBD (Batislam, Denizel & Filiztekin 2007), on
// validated parameters. Internal. Notation: x repeat purchases, the last at t_x, observed for T; `shift` is
// 0 for BG/NBD and 1 for MBG/NBD, where a customer may also drop out right after the first purchase (b + x
// becomes b + x + 1, and customers without repeat purchases are not certainly alive).

import { logHyp2f1Series, powerHyp2f1NearOne } from '../../math/hypergeometric';
import { betaExpectation } from '../../math/quadrature';
import { betaDraw, exponentialDraw, logGammaDraw } from '../../math/random';
import { logBetaShift, logistic } from '../../math/special';
import type { ModelPredictions } from '../core/definition';
import { logNbd, logNbdAtLeast } from '../core/nbd';
import type { BgNbdParams } from '../core/types';
import { discountedIfAlive } from './discounted';
import { bgPurchaseCovariance } from './purchaseCovariance';

/**
 * E_p[(1/p)(1 − (A/(A+p·t))^k)] for p ~ Beta(a, b): the expected purchases in (0, t] of a customer who is
 * alive at 0, buys at a Gamma(k, A) rate and may drop out after each purchase with probability p. Closed
 * form ((a+b−1)/(a−1))·[1 − (A/(A+t))^k ₂F₁(k, b; a+b−1; t/(A+t))] (Fader, Hardie & Lee 2005, eq. 10),
 * with tanh-sinh quadrature of the defining integral where that form loses digits to cancellation
 * ((a + b − 1)/|a − 1| above 1e4: a near 1, or heavy buyers), is singular (a + b ≤ 1) or its series does
 * not settle (z = t/(A+t) near 1, long horizons), instead of Euler's integral for ₂F₁, which cannot
 * resolve the Beta(b, a − 1) weight there.
 */
export function betaGammaExpectation(a: number, b: number, k: number, A: number, t: number): number {
  if (t === 0) return 0;
  const u = t / A;
  // the first-order term k·u is the whole value to double precision when the next one, about
  // (k + 1)/2 · u · E[p] of it, is below 2^−53; the forms below lose all relative precision there (t
  // subnormal: their rounding made the value fall as t grew)
  if (u * (k + 1) < Number.EPSILON / 2) return k * u;
  // the bracket is ~(a − 1)/(a + b − 1) times the value, so the closed form loses that factor's
  // reciprocal in digits: kept where it costs at most 1e4 ulps, and where its series settle
  if (a + b - 1 > 0 && a + b - 1 <= 1e4 * Math.abs(a - 1)) {
    // long horizons (z = t/(A + t) ≥ 0.9): the connection formula about z = 1, whose series converge like
    // (A/(A + t))ⁿ, where the power series in z takes thousands of terms or does not settle (then a
    // quadrature: 250 µs a call against 1–2 µs, so a million-step valuation took minutes)
    const w = A / (A + t);
    if (w <= 0.1) {
      const scaled = powerHyp2f1NearOne(k, k, b, a + b - 1, w);
      const bracket = 1 - scaled.value;
      const value = ((a + b - 1) / (a - 1)) * bracket;
      // kept where its rounding stays below 1e−13 of the value (the bracket's cancellation included)
      if (Number.isFinite(value) && value >= 0 && scaled.error <= 1e-13 * Math.abs(bracket)) return value;
    }
    const z = t / (A + t);
    const logF = logHyp2f1Series(k, b, a + b - 1, z);
    if (Number.isFinite(logF)) {
      const L = -k * Math.log1p(t / A) + logF;
      const value = ((a + b - 1) / (a - 1)) * -Math.expm1(L);
      if (Number.isFinite(value) && value >= 0) return value;
    }
  }
  const given = (p: number): number => (p * u < 1e-300 ? k * u : -Math.expm1(-k * Math.log1p(p * u)) / p);
  if (a >= 0.1) return betaExpectation(a, b, given, true);
  // Beta(a, b) with a small keeps mass below the rule's first node (e^−1040): anchor at the value at 0,
  // E[f] = f(0) + E[f − f(0)], whose integrand vanishes there
  return k * u + betaExpectation(a, b, (p) => given(p) - k * u, true);
}

/**
 * P(X(t) = count) of a BG/NBD customer alive at 0 whose rate is Gamma(k, A) and dropout chance Beta(a, b):
 * survived all `count` chances times the NBD count, plus dropped at the count-th chance after `count` or
 * more events of the rate (Fader, Hardie & Lee 2005, eq. 8).
 */
function aliveCountProbability(a: number, b: number, k: number, A: number, count: number, t: number): number {
  const survived = Math.exp(logBetaShift(a, b, count) + logNbd(k, A, count, t));
  if (count === 0) return survived;
  // B(a + 1, b + count − 1)/B(a, b) = a/(a + b) · B(a + 1, b + count − 1)/B(a + 1, b)
  const logDropped = Math.log(a / (a + b)) + logBetaShift(a + 1, b, count - 1);
  return Math.min(1, survived + Math.exp(logDropped + logNbdAtLeast(k, A, count, t)));
}

/**
 * One customer of the BG/NBD family (`simulateCustomer`): λ ~ Gamma(r, α), p ~ Beta(a, b), then gaps of
 * `gap(uniform)`/λ (an exponential for BG/NBD, a Gamma(k) draw for CNBD-k), each purchase followed by a
 * dropout with probability p; `shift` 1 adds a first chance at time 0 (MBG).
 */
export function simulateBgFamilyCustomer(
  { r, alpha, a, b }: BgNbdParams,
  shift: 0 | 1,
  T: number,
  uniform: () => number,
  times: number[],
  limit: number,
  gap: (uniform: () => number) => number,
): void {
  const lambda = Math.exp(logGammaDraw(uniform, r)) / alpha;
  const p = betaDraw(uniform, a, b);
  if (shift === 1 && uniform() < p) return;
  let time = 0;
  const start = times.length;
  for (;;) {
    time += gap(uniform) / lambda;
    if (!(time <= T) || times.length - start > limit) return;
    times.push(time);
    if (uniform() < p) return;
  }
}

/** Frequencies whose ln a − ln(b + x − 1 + shift) bulk scoring computes once per block of customers. */
const SHARED_RATIOS = 256;

/** The predictions of BG/NBD (`shift` 0) or MBG/NBD (`shift` 1). */
export function bgFamilyPredictions(shift: 0 | 1): ModelPredictions<BgNbdParams> {
  /** 1 / (1 + a/(b+x−1+shift) · ((α+T)/(α+t_x))^(r+x)); 1 for BG/NBD at x = 0. */
  const probabilityAlive = (params: BgNbdParams, x: number, tx: number, T: number): number => {
    if (shift === 0 && x === 0) return 1;
    const { r, alpha, a, b } = params;
    const logRatio = Math.log(a) - Math.log(b + x - 1 + shift);
    return logistic(-(logRatio + (r + x) * Math.log((alpha + T) / (alpha + tx))));
  };

  /** 1 − P(alive), as its own logistic so that a small dead share keeps its digits; 0 for BG/NBD at x = 0. */
  const probabilityDead = (params: BgNbdParams, x: number, tx: number, T: number): number => {
    if (shift === 0 && x === 0) return 0;
    const { r, alpha, a, b } = params;
    const logRatio = Math.log(a) - Math.log(b + x - 1 + shift);
    return logistic(logRatio + (r + x) * Math.log((alpha + T) / (alpha + tx)));
  };

  /**
   * probabilityAlive over a block of validated columns, and with `dead` probabilityDead of customer i into
   * `dead[i − start]`: the parameters read once, and ln a − ln(b + x − 1 + shift) computed once per frequency
   * below {@link SHARED_RATIOS} (the same expression, so the same bits). P(alive) is logistic(−z) and P(dead)
   * logistic(z) for the same z; both of {@link logistic}'s branches take e = exp(−|z|), so one exponential
   * gives the two: 1/(1 + e) for the larger, e/(1 + e) for the smaller, the bits of the two calls. Against
   * P(dead) per customer: scoreCustomers' chance of no purchase at 1M customers 123 vs 180 ms CPU (0.68), all
   * four outputs 215 vs 265 ms (0.81; session 34, docs/benchmarks.md). One loop for both: the branch on
   * `dead` cost the P(alive)-only call 1.5% more instructions than a loop of its own (session 34), below
   * what keeps a copy.
   */
  const aliveInto = (
    { r, alpha, a, b }: BgNbdParams,
    frequency: ArrayLike<number>,
    recency: ArrayLike<number>,
    T: ArrayLike<number>,
    start: number,
    end: number,
    out: Float64Array,
    dead?: Float64Array,
  ): void => {
    const certainAtZero = shift === 0;
    const logA = Math.log(a);
    const logRatios = new Float64Array(SHARED_RATIOS).fill(Number.NaN);
    for (let i = start; i < end; i++) {
      const x = frequency[i] as number;
      if (certainAtZero && x === 0) {
        out[i] = 1;
        if (dead !== undefined) dead[i - start] = 0;
        continue;
      }
      let logRatio = x < SHARED_RATIOS ? (logRatios[x] as number) : Number.NaN;
      if (Number.isNaN(logRatio)) {
        logRatio = logA - Math.log(b + x - 1 + shift);
        if (x < SHARED_RATIOS) logRatios[x] = logRatio;
      }
      const z = logRatio + (r + x) * Math.log((alpha + (T[i] as number)) / (alpha + (recency[i] as number)));
      if (dead === undefined) {
        out[i] = logistic(-z);
        continue;
      }
      const e = Math.exp(z >= 0 ? -z : z);
      const larger = 1 / (1 + e);
      const smaller = e / (1 + e);
      out[i] = z >= 0 ? smaller : larger;
      dead[i - start] = z >= 0 ? larger : smaller;
    }
  };

  /** Alive at T: λ ~ Gamma(r+x, α+T), p ~ Beta(a, b+x+shift), so E[purchases in (T, T+t]] is a betaGammaExpectation. */
  const expectedIfAlive = ({ r, alpha, a, b }: BgNbdParams, x: number, T: number, t: number): number =>
    t === 0 ? 0 : betaGammaExpectation(a, b + x + shift, r + x, alpha + T, t);

  return {
    probabilityAlive,
    probabilityDead,
    probabilityAliveInto: aliveInto,
    probabilityAliveAndDeadInto: aliveInto,

    quietIfAlive: ({ r, alpha }, x, T, t) => (t === 0 ? 1 : quietIfAlive(r + x, alpha + T, t)),
    expectedIfAlive,

    conditionalExpectedPurchases: (params, x, tx, T, t) =>
      t === 0 ? 0 : probabilityAlive(params, x, tx, T) * expectedIfAlive(params, x, T, t),

    expectedPurchases: ({ r, alpha, a, b }, t) => {
      if (t === 0) return 0;
      if (shift === 0) return betaGammaExpectation(a, b, r, alpha, t);
      // alive after the first purchase with probability 1 − p; (1 − p)·Beta(a, b) ∝ Beta(a, b + 1)
      return (b / (a + b)) * betaGammaExpectation(a, b + 1, r, alpha, t);
    },

    purchaseCovariance: (params, ages) => bgPurchaseCovariance(params, ages, shift),

    probabilityAliveLater: (params, x, tx, T, h) => {
      const alive = probabilityAlive(params, x, tx, T);
      if (h === 0) return alive;
      // alive at T: λ ~ Gamma(r+x, α+T), p ~ Beta(a, b+x+shift); survives (T, T+h] with probability e^(−λph)
      const { r, alpha, a, b } = params;
      return alive * betaSurvival(a, b + x + shift, r + x, h / (alpha + T));
    },

    /**
     * Alive at T: λ ~ Gamma(k, A) with k = r+x, A = α+T, and p ~ Beta(a, b' = b+x+shift). A purchase at
     * s ≤ g leaves the customer alive at g when neither it nor any other purchase of (0, g] ends the life:
     * E[N(ds)·(1 − p)^(N(0,g])] = λ(1 − p)e^(−λpg) ds for a Poisson(λ) count. Over λ that is
     * (k/A)(1 − p)(1 + pg/A)^−(k+1), and (1 − p)·Beta(a, b') = (b'/(a+b'))·Beta(a, b'+1).
     */
    purchaseRateAliveLater: (params, x, tx, T, g) => {
      const { r, alpha, a, b } = params;
      const bPost = b + x + shift;
      const k = r + x;
      const A = alpha + T;
      const rate = (k / A) * (bPost / (a + bPost));
      const survival = g === 0 ? 1 : betaSurvival(a, bPost + 1, k + 1, g / A);
      return probabilityAlive(params, x, tx, T) * rate * survival;
    },

    /** Alive at T: the DERT of λ ~ Gamma(r+x, α+T), p ~ Beta(a, b+x+shift), in closed form (./discounted.ts). */
    discountedIfAlive: ({ r, alpha, a, b }, x, T, delta) =>
      discountedIfAlive(r, alpha, a, b + shift, x, T, delta),

    /** P(alive) times {@link ModelPredictions.discountedIfAlive}. */
    discountedExpectedTransactions: (params, x, tx, T, delta) => {
      const { r, alpha, a, b } = params;
      return probabilityAlive(params, x, tx, T) * discountedIfAlive(r, alpha, a, b + shift, x, T, delta);
    },

    /**
     * λ ~ Gamma(r, α), p ~ Beta(a, b); purchases at rate λ, each followed by a dropout with probability p
     * (the story of Fader, Hardie & Lee 2005); MBG/NBD: a first chance to drop out at time 0.
     */
    simulateCustomer: (params, T, uniform, times, limit) =>
      simulateBgFamilyCustomer(params, shift, T, uniform, times, limit, exponentialDraw),

    /** Fader, Hardie & Lee (2005) eq. 8, with the MBG/NBD chance of dropping out at time 0. */
    purchaseProbability: ({ r, alpha, a, b }, count, t) => {
      if (shift === 0) return aliveCountProbability(a, b, r, alpha, count, t);
      const survived = Math.exp(logBetaShift(a, b, count + shift) + logNbd(r, alpha, count, t));
      // MBG: dropped at the chance after the count-th purchase, chances also at time 0
      const logDropped = Math.log(a / (a + b)) + logBetaShift(a + 1, b, count - 1 + shift);
      return Math.min(1, survived + Math.exp(logDropped + logNbdAtLeast(r, alpha, count, t)));
    },

    /**
     * At least `count` ≥ 1 purchases: the first `count` purchases of the Poisson process fall in (0, t]
     * (the NBD tail, an incomplete beta) and the customer survived the `count` − 1 dropout chances before
     * the last of them (MBG/NBD: and the one at time 0), E[(1 − p)^(count − 1 + shift)] = B(a, b + count −
     * 1 + shift)/B(a, b).
     */
    purchaseProbabilityAtLeast: ({ r, alpha, a, b }, count, t) => {
      if (count === 0) return 1;
      if (t === 0) return 0;
      return Math.exp(logBetaShift(a, b, count - 1 + shift) + logNbdAtLeast(r, alpha, count, t));
    },

    /**
     * Dead at T (probability 1 − P(alive)): no purchase in (T, T + t]. Alive at T: λ ~ Gamma(r+x, α+T),
     * p ~ Beta(a, b+x+shift), and the future is a BG/NBD customer just acquired with those mixing
     * distributions, whose count is eq. 8 of Fader, Hardie & Lee (2005) (their note "Computing P(X(t) = x |
     * history)"). The count 0 adds the two shares, each computed directly.
     */
    conditionalPurchaseProbability: (params, x, tx, T, count, t) => {
      if (t === 0) return count === 0 ? 1 : 0;
      const { r, alpha, a, b } = params;
      const alive = probabilityAlive(params, x, tx, T);
      const k = r + x;
      const A = alpha + T;
      if (count === 0) return Math.min(1, probabilityDead(params, x, tx, T) + alive * quietIfAlive(k, A, t));
      return alive * aliveCountProbability(a, b + x + shift, k, A, count, t);
    },
  };
}

/** Alive at T with λ ~ Gamma(k, A): no purchase in (T, T + t] with probability (1 + t/A)^−k. */
function quietIfAlive(k: number, A: number, t: number): number {
  return Math.exp(-k * Math.log1p(t / A));
}

/**
 * E_p[(1 + p·u)^−k] for p ~ Beta(a, b): E[e^(−λpu·A)] over λ ~ Gamma(k, A), the chance of surviving u·A
 * when each purchase ends the life with probability p; at most 1.
 */
function betaSurvival(a: number, b: number, k: number, u: number): number {
  // E_p[(1 + p·u)^−k] = (1 + u)^−k ₂F₁(k, b; a + b; u/(1 + u)) (Pfaff)
  if (u >= 9) {
    // long horizons: the connection formula about 1 (see betaGammaExpectation)
    const survival = powerHyp2f1NearOne(k, k, b, a + b, 1 / (1 + u));
    if (survival.value > 0 && survival.value <= 1 && survival.error <= 1e-13 * survival.value)
      return survival.value;
  }
  const logF = logHyp2f1Series(k, b, a + b, u / (1 + u));
  // otherwise the defining integral, anchored at its value 1 at p = 0 (E[f] = 1 + E[f − 1]) so that
  // the Beta mass below the rule's first node (e^−1040, a real share when a is small) is not lost; its
  // error is absolute (~1e−16), so a survival below 1e−8 is the plain integral of the positive
  // integrand instead, whose error is relative (the anchored form gave −3.4e−20 for a survival of ~1e−44)
  const survival = Number.isFinite(logF)
    ? Math.exp(-k * Math.log1p(u) + logF)
    : survivalByQuadrature(a, b, k, u);
  return Math.min(1, survival);
}

/** E_p[(1 + p·u)^−k] for p ~ Beta(a, b) by quadrature: anchored at 1 where the value is not small. */
function survivalByQuadrature(a: number, b: number, k: number, u: number): number {
  const anchored = 1 + betaExpectation(a, b, (p) => Math.expm1(-k * Math.log1p(p * u)), true);
  if (anchored >= 1e-8) return anchored;
  return betaExpectation(a, b, (p) => Math.exp(-k * Math.log1p(p * u)), true);
}
