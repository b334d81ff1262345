// Predictions of BG/CNBD-k and MBG/CNBD-k (Platzer & Reutterer 2016; Reutterer, Platzer & Schröder 2020), on
// validated parameters. Internal. Notation: x repeat purchases, the last at t_x, observed for T; k the
// regularity, n = r + kx; `shift` 0 for BG/CNBD-k, 1 for MBG/CNBD-k (a dropout chance at time 0 too).
//
// The Erlang-k gaps are every k-th event of a Poisson process of rate λ ("stages"). Alive at T, a customer is
// j < k stages into the next gap, and the posterior of (λ, j) is ∝ λ^(n+j) e^(−λT) (T − t_x)^j / j! under
// the Gamma(r, α) prior: j has weight ∝ g_j u^j (g_j = Γ(n+j)/(Γ(n) j!), u = (T − t_x)/(α + T)) and, given
// j, λ ~ Gamma(n + j, α + T); p ~ Beta(a, b + x + shift) independently. From there the m-th future purchase
// comes at the (mk − j)-th future stage, and happens if the customer survived the m − 1 purchases before it.

import { gammaDraw } from '../../math/random';
import { logBetaShift, logistic } from '../../math/special';
import { simulateBgFamilyCustomer } from '../bgNbd/predictions';
import type { ModelPredictions } from '../core/definition';
import { logNbd, logNbdAtLeast } from '../core/nbd';
import type { BgCnbdParams } from '../core/types';

/** The most stage counts a series below sums before it gives up (NaN, which the public prediction reports). */
const MAX_STAGES = 10_000_000;

/**
 * ln of the stage weights' normaliser S = Σ_{j<k} g_j u^j and the normalised weights g_j u^j / S, in log
 * space (heavy buyers have g_j beyond the doubles).
 */
function stageWeights(k: number, n: number, u: number): { logS: number; weights: Float64Array } {
  const terms = new Float64Array(k);
  const logU = Math.log(u);
  let lg = 0;
  let maximum = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < k; j++) {
    const term = j === 0 ? 0 : u === 0 ? Number.NEGATIVE_INFINITY : lg + j * logU;
    terms[j] = term;
    if (term > maximum) maximum = term;
    lg += Math.log((n + j) / (j + 1));
  }
  let sum = 0;
  for (let j = 0; j < k; j++) {
    const weight = Math.exp((terms[j] as number) - maximum);
    terms[j] = weight;
    sum += weight;
  }
  for (let j = 0; j < k; j++) terms[j] = (terms[j] as number) / sum;
  return { logS: maximum + Math.log(sum), weights: terms };
}

/**
 * A series over the NBD count N of stages in a window of length t, for a customer alive at its start,
 * `stage` stages into the current gap, with rate λ ~ Gamma(shape, rate) and dropout p ~ Beta(a, b) after each
 * purchase; F = ⌊(N + stage)/k⌋ is the purchases time allows, and β_m = E[(1−p)^(m−1)] (β_(m+1)/β_m =
 * (b + m − 1)/(a + b + m − 1)).
 * - `survival` false: E[purchases] = Σ_m β_m P(F ≥ m) = Σ_N P(N)·Σ_{m≤F} β_m;
 * - `survival` true: P(alive at the end) = E[(1−p)^F] = Σ_N P(N)·β_(F+1).
 * The NBD probabilities are carried scaled, so that neither a tiny first one nor a huge ratio leaves the
 * doubles; the sum stops once the rest, bounded by the geometric decay past the mode, is below 1e−17 of it.
 */
function aliveSeries(
  a: number,
  b: number,
  shape: number,
  rate: number,
  k: number,
  stage: number,
  t: number,
  survival: boolean,
): number {
  if (t === 0) return survival ? 1 : 0;
  const q = t / (rate + t);
  const logFirst = -shape * Math.log1p(t / rate); // ln P(N = 0)
  let probability = 1; // P(N = count) / e^(logFirst + logOffset)
  let logOffset = 0;
  let sum = 0;
  let cumulative = 0; // Σ_{m≤F} β_m
  let next = 1; // β_(F+1)
  let purchases = 0; // F
  const mode = Math.max(0, ((shape - 1) * q) / (1 - q));
  for (let count = 0; count < MAX_STAGES; count++) {
    const reached = Math.floor((count + stage) / k);
    while (purchases < reached) {
      cumulative += next;
      next *= (b + purchases) / (a + b + purchases);
      purchases++;
    }
    const term = survival ? next : cumulative;
    sum += probability * term;
    const ratio = ((shape + count) / (count + 1)) * q;
    if (count > mode && ratio < 1 && sum > 0) {
      // the rest: at most Σ_{i≥1} P·ρ^i·(term + i/k) (expectation) or Σ P·ρ^i·term (survival), ρ falling
      const rest = survival
        ? (probability * ratio * term) / (1 - ratio)
        : probability * ratio * (term / (1 - ratio) + 1 / (k * (1 - ratio) ** 2));
      if (rest < 1e-17 * sum) return Math.exp(logFirst + logOffset + Math.log(sum));
    }
    probability *= ratio;
    // past the mode (ratio < 1), or at once where t is too small beside the rate for q to be a double: the
    // rest is below the smallest double relative to P(N = 0)
    if (probability === 0) return sum === 0 ? 0 : Math.exp(logFirst + logOffset + Math.log(sum));
    if (probability > 1e280) {
      probability *= 1e-280;
      sum *= 1e-280;
      logOffset += 280 * Math.LN10;
    }
  }
  return Number.NaN;
}

/**
 * P(exactly `count` purchases in a window of length t) of a customer alive at its start, `stage` stages into
 * the current gap, with λ ~ Gamma(shape, rate) and p ~ Beta(a, b): with F = ⌊(stage + N)/k⌋ the purchases
 * time allows, P(F = 0) for count 0, else E[(1−p)^(c−1)]·P(F = c) + E[p(1−p)^(c−1)]·P(F > c), the tail
 * P(F > c) = P(N ≥ (c+1)k − stage) as a regularised incomplete beta (never 1 − Σ).
 */
function aliveCountProbability(
  a: number,
  b: number,
  shape: number,
  rate: number,
  k: number,
  stage: number,
  count: number,
  t: number,
): number {
  const band = (from: number): number => {
    let total = 0;
    for (let events = Math.max(0, from); events < from + k; events++) {
      total += Math.exp(logNbd(shape, rate, events, t));
    }
    return total;
  };
  if (count === 0) return Math.min(1, band(-stage)); // N from 0 to k − 1 − stage
  const logSurvived = logBetaShift(a, b, count - 1); // E[(1−p)^(c−1)]
  const logDropped = Math.log(a / (a + b)) + logBetaShift(a + 1, b, count - 1); // E[p(1−p)^(c−1)]
  const exact = Math.exp(logSurvived) * band(count * k - stage);
  const beyond = Math.exp(logDropped + logNbdAtLeast(shape, rate, (count + 1) * k - stage, t));
  return Math.min(1, exact + beyond);
}

/** The predictions of BG/CNBD-k (`shift` 0) or MBG/CNBD-k (`shift` 1). */
export function cnbdPredictions(shift: 0 | 1): ModelPredictions<BgCnbdParams> {
  /**
   * ln of the odds dead : alive at T, ln[a/(b+x−1+shift)] − n ln(α+t_x) − [ln S − n ln(α+T)] (the two
   * terms of the likelihood's bracket); −∞ for BG/CNBD-k at x = 0 (certainly alive).
   */
  const logOddsDead = ({ k, r, alpha, a, b }: BgCnbdParams, x: number, tx: number, T: number): number => {
    if (shift === 0 && x === 0) return Number.NEGATIVE_INFINITY;
    const n = r + k * x;
    const { logS } = stageWeights(k, n, (T - tx) / (alpha + T));
    return Math.log(a) - Math.log(b + x - 1 + shift) + n * Math.log((alpha + T) / (alpha + tx)) - logS;
  };

  /**
   * Σ_j w_j·f(n + j, j) over the stage posterior of a customer alive at T (w_j its weights, n = r + kx): what
   * a customer alive at T does next, mixed over the stage j of the current gap, f given λ ~ Gamma(n + j, α + T)
   * and p ~ Beta(a, b + x + shift).
   */
  const overStages = (
    { k, r, alpha }: BgCnbdParams,
    x: number,
    tx: number,
    T: number,
    given: (shape: number, stage: number) => number,
  ): number => {
    const n = r + k * x;
    const { weights } = stageWeights(k, n, (T - tx) / (alpha + T));
    let total = 0;
    for (let j = 0; j < k; j++) {
      const w = weights[j] as number;
      if (w > 0) total += w * given(n + j, j);
    }
    return total;
  };

  /** Reutterer, Platzer & Schröder (2020) eq. (A.6); BTYDplus `bgcnbd.PAlive`, `mbgcnbd.PAlive`. */
  const probabilityAlive = (params: BgCnbdParams, x: number, tx: number, T: number): number =>
    logistic(-logOddsDead(params, x, tx, T));

  return {
    probabilityAlive,

    /**
     * P(alive at T + h): alive at T (the stage posterior's weights w_j), then no dropout at any of the F
     * purchases of (T, T + h]: P(alive)·Σ_j w_j E[(1−p)^F] from stage j.
     */
    probabilityAliveLater: (params, x, tx, T, h) => {
      const alive = probabilityAlive(params, x, tx, T);
      if (h === 0) return alive;
      const { k, alpha, a, b } = params;
      const survival = overStages(params, x, tx, T, (shape, stage) =>
        aliveSeries(a, b + x + shift, shape, alpha + T, k, stage, h, true),
      );
      return alive * Math.min(1, survival);
    },

    /**
     * Exact, by the stage posterior (see the file's head): P(alive)·Σ_j w_j·E_j, E_j the alive expectation
     * from stage j with λ ~ Gamma(n + j, α + T), p ~ Beta(a, b + x + shift). (BTYDplus approximates this
     * by BG/NBD's expression with α scaled by k and a cohort-level bias correction.)
     */
    conditionalExpectedPurchases: (params, x, tx, T, t) => {
      if (t === 0) return 0;
      const { k, alpha, a, b } = params;
      const expected = overStages(params, x, tx, T, (shape, stage) =>
        aliveSeries(a, b + x + shift, shape, alpha + T, k, stage, t, false),
      );
      return probabilityAlive(params, x, tx, T) * expected;
    },

    /** E[X(t)]: a customer just acquired is at stage 0 with λ ~ Gamma(r, α); MBG: alive after time 0 with 1 − p. */
    expectedPurchases: ({ k, r, alpha, a, b }, t) => {
      if (t === 0) return 0;
      if (shift === 0) return aliveSeries(a, b, r, alpha, k, 0, t, false);
      return (b / (a + b)) * aliveSeries(a, b + 1, r, alpha, k, 0, t, false);
    },

    /**
     * P(X(t) = count) of a customer just acquired (BTYDplus `bgcnbd.pmf`): survived `count` chances (MBG: and
     * the one at time 0) with between k·count and k·count + k − 1 stages, or dropped at the count-th chance
     * (MBG: at time 0 for count 0) with at least k·count stages.
     */
    purchaseProbability: ({ k, r, alpha, a, b }, count, t) => {
      if (shift === 0) return aliveCountProbability(a, b, r, alpha, k, 0, count, t);
      const dropped = count === 0 ? a / (a + b) : 0;
      return Math.min(1, dropped + (b / (a + b)) * aliveCountProbability(a, b + 1, r, alpha, k, 0, count, t));
    },

    /**
     * At least `count` ≥ 1 purchases: at least k·count stages in (0, t] (the NBD tail, an incomplete beta)
     * and the `count` − 1 dropout chances before the last purchase survived (MBG/CNBD-k: and the one at
     * time 0), E[(1 − p)^(count − 1 + shift)] = B(a, b + count − 1 + shift)/B(a, b).
     */
    purchaseProbabilityAtLeast: ({ k, r, alpha, a, b }, count, t) => {
      if (count === 0) return 1;
      if (t === 0) return 0;
      return Math.exp(logBetaShift(a, b, count - 1 + shift) + logNbdAtLeast(r, alpha, k * count, t));
    },

    /**
     * Dead at T: no purchase; alive: the stage posterior's mixture of {@link aliveCountProbability}. Count 0
     * adds the dead share (its own logistic) and the alive share that stays quiet, each directly.
     */
    conditionalPurchaseProbability: (params, x, tx, T, count, t) => {
      const { k, alpha, a, b } = params;
      const odds = logOddsDead(params, x, tx, T);
      const alive = logistic(-odds);
      const given = overStages(params, x, tx, T, (shape, stage) =>
        aliveCountProbability(a, b + x + shift, shape, alpha + T, k, stage, count, t),
      );
      const value = alive * given + (count === 0 ? logistic(odds) : 0);
      return Math.min(1, value);
    },

    /**
     * λ ~ Gamma(r, α), p ~ Beta(a, b); Gamma(k, λ) gaps, each purchase followed by a dropout with probability
     * p (BTYDplus `bgcnbd.GenerateData`); MBG/CNBD-k: a first chance to drop out at time 0.
     */
    simulateCustomer: (params, T, uniform, times, limit) =>
      simulateBgFamilyCustomer(params, shift, T, uniform, times, limit, (u) => gammaDraw(u, params.k)),
  };
}
