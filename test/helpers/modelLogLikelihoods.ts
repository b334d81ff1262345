import { lgamma } from './lgamma';
import { paretoNbdLikelihoodByQuadrature } from './paretoByQuadrature';

// Log-likelihoods of summary rows at given parameters, written from the papers' formulas independently of the
// library's likelihood code, for tests that compare a fit's optimum with a known truth.

const lbeta = (a: number, b: number): number => lgamma(a) + lgamma(b) - lgamma(a + b);

/** ln(e^a + e^b). */
const logAdd = (a: number, b: number): number => Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));

/**
 * BG/NBD (shift 0; Fader, Hardie & Lee 2005 eq. 6) or MBG/NBD (shift 1; Batislam et al. 2007):
 * Γ(r+x)α^r/Γ(r) · [B(a, b+x+shift)/B(a, b) (α+T)^−(r+x) + B(a+1, b+x−1+shift)/B(a, b) (α+t_x)^−(r+x)], the
 * second term only for x > 0 under BG/NBD.
 */
export function bgFamilyLogLikelihood(
  { r, alpha, a, b }: { r: number; alpha: number; a: number; b: number },
  rows: readonly { frequency: number; recency: number; T: number }[],
  shift: 0 | 1,
): number {
  let sum = 0;
  for (const { frequency: x, recency: tx, T } of rows) {
    const lead = lgamma(r + x) - lgamma(r) + r * Math.log(alpha);
    const alive = lbeta(a, b + x + shift) - lbeta(a, b) - (r + x) * Math.log(alpha + T);
    if (shift === 0 && x === 0) {
      sum += lead + alive;
      continue;
    }
    const dead = lbeta(a + 1, b + x - 1 + shift) - lbeta(a, b) - (r + x) * Math.log(alpha + tx);
    sum += lead + logAdd(alive, dead);
  }
  return sum;
}

/**
 * Pareto/NBD: the integral form of Fader & Hardie (2005) eq. 22 (test/helpers/paretoByQuadrature.ts), once
 * per distinct row.
 */
export function paretoNbdLogLikelihood(
  params: { r: number; alpha: number; s: number; beta: number },
  rows: readonly { frequency: number; recency: number; T: number }[],
): number {
  const seen = new Map<string, number>();
  let sum = 0;
  for (const { frequency, recency, T } of rows) {
    const key = `${frequency},${recency},${T}`;
    let value = seen.get(key);
    if (value === undefined) {
      value = Math.log(paretoNbdLikelihoodByQuadrature(params, frequency, recency, T));
      seen.set(key, value);
    }
    sum += value;
  }
  return sum;
}

/**
 * BG/BB (Fader, Hardie & Shang 2010 eq. 5): B(α+x, β+n−x)/B(α, β) · B(γ, δ+n)/B(γ, δ) + Σ_{i=0}^{n−t_x−1}
 * B(α+x, β+t_x−x+i)/B(α, β) · B(γ+1, δ+t_x+i)/B(γ, δ).
 */
export function bgBbLogLikelihood(
  { alpha, beta, gamma, delta }: { alpha: number; beta: number; gamma: number; delta: number },
  rows: readonly { frequency: number; recency: number; periods: number }[],
): number {
  let sum = 0;
  for (const { frequency: x, recency: tx, periods: n } of rows) {
    let total =
      lbeta(alpha + x, beta + n - x) - lbeta(alpha, beta) + lbeta(gamma, delta + n) - lbeta(gamma, delta);
    for (let i = 0; i < n - tx; i++) {
      total = logAdd(
        total,
        lbeta(alpha + x, beta + tx - x + i) -
          lbeta(alpha, beta) +
          lbeta(gamma + 1, delta + tx + i) -
          lbeta(gamma, delta),
      );
    }
    sum += total;
  }
  return sum;
}
