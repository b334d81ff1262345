// The covariance of a new BG/NBD (or MBG/NBD) customer's cumulative repeat purchases at two ages,
// Cov[X(u), X(v)], the variance when u = v. Internal; derived in docs/decisions.md ("Model drift").
//
// Given λ and p, split the Poisson(λ) purchases into those that end the life (probability p) and those that
// do not: two independent Poisson processes of rates θ = λp and ν = λ(1 − p). The life ends at the first
// of the first kind, τ ~ Exp(θ), and X(t) = U(min(τ, t)) + 1{τ ≤ t}, U the process of rate ν. For u ≤ v
// that gives, with m_t = min(τ, t) and E_t = e^(−θt),
//   E[X(u)X(v) | λ, p] = ν E[m_u] + ν² E[m_u m_v] + ν (E[m_u 1{τ ≤ v}] + E[τ 1{τ ≤ u}]) + P(τ ≤ u),
//   E[m_u m_v] = 2(1 − E_u − θu E_u)/θ² + u (E_u − E_v)/θ,
//   E[m_u 1{τ ≤ v}] + E[τ 1{τ ≤ u}] = 2(1 − E_u − θu E_u)/θ + u (E_u − E_v).
// Over λ ~ Gamma(r, α) in closed form (E[e^(−λc)] = (1 + c/α)^(−r), E[λ e^(−λc)] = (r/α)(1 + c/α)^(−r−1)),
// and over p ~ Beta(a, b) by tanh-sinh quadrature. Every term is written so that it keeps its relative
// precision as p → 0 (where the Beta weight of a < 1 puts much of its mass): with z = pu/α,
//   F(z) = 1 − (1 + z)^(−r) − r z (1 + z)^(−r−1) = Σ_{n≥2} (−1)^n (r)_n (n − 1)/n! zⁿ (series for small z),
// and the difference (1 + z_u)^(−r−1) − (1 + z_v)^(−r−1) through expm1 of the difference of log1p's.
// MBG/NBD: the customer is alive after the first purchase with probability 1 − p, and then buys as a
// BG/NBD customer, so E[X(u)X(v)] is (b/(a+b)) times the BG/NBD one with p ~ Beta(a, b + 1).

import { forEachNode } from '../../math/quadrature';
import { logBeta } from '../../math/special';
import type { BgNbdParams } from '../core/types';

/** A node whose Beta-weighted contribution is below e^−60 of a bounded integrand adds nothing. */
const NEGLIGIBLE = -60;
/** From a, b ≥ 2 with a + b above this, the Beta is too narrow for the rule on (0, 1): see betaNodes. */
const NARROW = 40;
/**
 * The pieces of a narrow Beta's window, in its standard deviations from the mean (clipped to (0, 1)): the
 * rule on each, so that nodes are dense where the mass is.
 */
const PIECES = [-40, -6, -2, 2, 6, 40];
/** A node of the rule whose weight is below e^−40 of its piece adds nothing. */
const NEGLIGIBLE_WEIGHT = -40;

/** Quadrature nodes p (with q = 1 − p) and weights for E[f(p)], p ~ Beta(a, b), the weights summing to 1. */
interface BetaNodes {
  readonly p: number[];
  readonly q: number[];
  readonly weight: number[];
}

/**
 * Nodes for p ~ Beta(a, b). The tanh-sinh rule on (0, 1) (exact ln x and ln(1 − x), for the p^(a−1)
 * singularity of a < 1), with the mass it cannot reach (below its first node for a small a, a few parts in
 * 10⁵ at a = 0.01) put at the end where it lies, p = 0 for a ≤ b (every term below has its limit there) or
 * p = 1. A narrow Beta (a, b ≥ 2, a + b > 40, such as a fit that has pinned p down: a = 3·10⁵) falls
 * between that rule's nodes, so there the rule is mapped onto five pieces of the mean ± 40 standard
 * deviations (about four times the nodes) and its weights normalised.
 */
function betaNodes(a: number, b: number): BetaNodes {
  const p: number[] = [];
  const q: number[] = [];
  const weight: number[] = [];
  const logNormaliser = logBeta(a, b);
  if (a >= 2 && b >= 2 && a + b > NARROW) {
    const mean = a / (a + b);
    const spread = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
    let total = 0;
    for (let piece = 0; piece + 1 < PIECES.length; piece++) {
      const lower = Math.min(1, Math.max(0, mean + (PIECES[piece] as number) * spread));
      const upper = Math.min(1, Math.max(0, mean + (PIECES[piece + 1] as number) * spread));
      const width = upper - lower;
      if (!(width > 0)) continue;
      forEachNode((logX, log1mX, logWeight) => {
        if (logWeight < NEGLIGIBLE_WEIGHT) return;
        // p and 1 − p each from the nearer end of the piece, so that neither loses digits
        const at = lower + width * Math.exp(logX);
        const rest = 1 - upper + width * Math.exp(log1mX);
        const logDensity = (a - 1) * Math.log(at) + (b - 1) * Math.log(rest) - logNormaliser;
        const value = Math.exp(logDensity + logWeight) * width;
        if (!(value > 0)) return;
        p.push(at);
        q.push(rest);
        weight.push(value);
        total += value;
      });
    }
    for (let i = 0; i < weight.length; i++) weight[i] = (weight[i] as number) / total;
    return { p, q, weight };
  }
  let total = 0;
  forEachNode((logX, log1mX, logWeight) => {
    const logDensity = (a - 1) * logX + (b - 1) * log1mX - logNormaliser + logWeight;
    if (logDensity < NEGLIGIBLE) return;
    const value = Math.exp(logDensity);
    p.push(Math.exp(logX));
    q.push(Math.exp(log1mX));
    weight.push(value);
    total += value;
  });
  const missing = 1 - total;
  if (missing > 0) {
    p.push(a <= b ? 0 : 1);
    q.push(a <= b ? 1 : 0);
    weight.push(missing);
  }
  return { p, q, weight };
}
/** Below this z, F(z)/z² by its series (the direct form loses about ε/z relative). */
const SERIES_BELOW = 0.25;

/** F(z)/z² with F(z) = 1 − (1 + z)^(−r) − r z (1 + z)^(−r−1), for z > 0. */
function fOverZSquared(r: number, z: number, logOnePlusZ: number): number {
  if (z < SERIES_BELOW) {
    // Σ_{n≥2} (−1)^n (r)_n (n − 1)/n! z^(n−2); the terms fall by about z(r + n)/n each step
    let term = (r * (r + 1)) / 2; // (r)_2 / 2!
    let sum = term;
    for (let n = 3; n < 200; n++) {
      // (r)_n/n! = (r)_{n−1}/(n−1)! · (r + n − 1)/n; the factor (n − 1)/(n − 2) moves the weight
      term *= (-z * (r + n - 1) * (n - 1)) / (n * (n - 2));
      sum += term;
      if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
    }
    return sum;
  }
  const direct = -Math.expm1(-r * logOnePlusZ) - r * z * Math.exp(-(r + 1) * logOnePlusZ);
  return direct / (z * z);
}

/**
 * The covariance matrix of X at the given ages (all > 0, increasing) for a customer just acquired: entry
 * i·n + j is Cov[X(ages[i]), X(ages[j])]. `shift` is 0 for BG/NBD and 1 for MBG/NBD.
 */
export function bgPurchaseCovariance(
  { r, alpha, a, b }: BgNbdParams,
  ages: readonly number[],
  shift: 0 | 1,
): Float64Array {
  const n = ages.length;
  const bMix = b + shift;
  const scale = shift === 0 ? 1 : b / (a + b);
  const nodes = betaNodes(a, bMix);
  const second = new Float64Array(n * n);
  const mean = new Float64Array(n);
  // per node and age: the single-age pieces
  const logOnePlusZ = new Float64Array(n);
  const dropRate = new Float64Array(n); // (r/α)(1 + z)^(−r−1) = E[λ e^(−λpu)]
  const single = new Float64Array(n); // the terms of E[X(u)X(v) | p] that involve u only
  for (let node = 0; node < nodes.weight.length; node++) {
    const weight = nodes.weight[node] as number;
    const p = nodes.p[node] as number;
    const q = nodes.q[node] as number;
    for (let i = 0; i < n; i++) {
      const u = ages[i] as number;
      const ratio = u / alpha;
      const z = p * ratio;
      const lz = Math.log1p(z);
      logOnePlusZ[i] = lz;
      dropRate[i] = (r / alpha) * Math.exp(-(r + 1) * lz);
      const gone = -Math.expm1(-r * lz); // 1 − E[e^(−λpu)]
      const goneOverP = z > 0 ? (gone / z) * ratio : r * ratio; // (1 − E[e^(−λpu)])/p
      const f = fOverZSquared(r, z, lz);
      // ν E[m_u] + 2ν² (1 − E_u − θuE_u)/θ² + 2ν (1 − E_u − θuE_u)/θ + P(τ ≤ u), over λ
      single[i] = q * goneOverP + 2 * q * q * ratio * ratio * f + 2 * q * ratio * ratio * f * p + gone;
      mean[i] = (mean[i] as number) + weight * (q * goneOverP + gone);
    }
    for (let i = 0; i < n; i++) {
      const u = ages[i] as number;
      const base = i * n;
      second[base + i] = (second[base + i] as number) + weight * (single[i] as number);
      const lzU = logOnePlusZ[i] as number;
      const dropU = dropRate[i] as number;
      for (let j = i + 1; j < n; j++) {
        const v = ages[j] as number;
        // E[λ e^(−λpu)] − E[λ e^(−λpv)] = dropU·(1 − ((1 + z_v)/(1 + z_u))^(−r−1)), and over p
        const delta = (logOnePlusZ[j] as number) - lzU;
        const gap = -Math.expm1(-(r + 1) * delta);
        // gap/p: delta ≈ p(v − u)/(α(1 + z_u)) as p → 0, so gap/p stays finite
        const gapOverP = delta > 0 ? (gap / delta) * (delta / p) : (r + 1) * ((v - u) / alpha);
        // ν² u (E_u − E_v)/θ + ν u (E_u − E_v), over λ
        const cross = dropU * u * (q * q * gapOverP + q * gap);
        second[base + j] = (second[base + j] as number) + weight * ((single[i] as number) + cross);
      }
    }
  }
  const covariance = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const value =
        scale * (second[i * n + j] as number) - scale * scale * (mean[i] as number) * (mean[j] as number);
      covariance[i * n + j] = value;
      covariance[j * n + i] = value;
    }
  }
  return covariance;
}
