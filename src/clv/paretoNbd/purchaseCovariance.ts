// The covariance of a new Pareto/NBD customer's cumulative repeat purchases at two ages, Cov[X(u), X(v)],
// the variance when u = v. Internal; derived in docs/decisions.md ("Model drift").
//
// Given λ and the lifetime τ, X(t) = N(min(τ, t)) with N a Poisson(λ) process, so for u ≤ v
// E[X(u)X(v) | λ, τ] = λ m_u + λ² m_u m_v (m_t = min(τ, t)); λ ~ Gamma(r, α) is independent of τ, whose
// survival over μ ~ Gamma(s, β) is S(y) = (1 + y/β)^(−s). With C(t) = E[m_t] = ∫₀ᵗ S and
// E[m_u m_v] = ∫₀ᵘ∫₀ᵛ S(max(x, y)) dy dx = 2∫₀ᵘ y S(y) dy + u (C(v) − C(u)):
//   Cov[X(u), X(v)] = (r/α) C(u) + (r(r+1)/α²)(2∫₀ᵘ y S(y) dy + u (C(v) − C(u))) − (r/α)² C(u) C(v).
// C in closed form, β (1 − (1 + t/β)^(1−s))/(s − 1); the other integral by tanh-sinh quadrature.

import { integrate } from '../../math/quadrature';
import { oneMinusExpOver } from '../../math/special';
import type { ParetoNbdParams } from '../core/types';

/**
 * The covariance matrix of X at the given ages (all > 0, increasing) for a customer just acquired: entry
 * i·n + j is Cov[X(ages[i]), X(ages[j])].
 */
export function paretoPurchaseCovariance(
  { r, alpha, s, beta }: ParetoNbdParams,
  ages: readonly number[],
): Float64Array {
  const n = ages.length;
  const rate = r / alpha;
  const rateSquared = (r * (r + 1)) / (alpha * alpha);
  const alive = ages.map((t) => beta * oneMinusExpOver(s - 1, -Math.log1p(t / beta)));
  const squared = ages.map((t) => 2 * integrate(0, t, (y) => y * Math.exp(-s * Math.log1p(y / beta))));
  const covariance = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const u = ages[i] as number;
    const cu = alive[i] as number;
    for (let j = i; j < n; j++) {
      const cv = alive[j] as number;
      const value =
        rate * cu + rateSquared * ((squared[i] as number) + u * (cv - cu)) - rate * rate * cu * cv;
      covariance[i * n + j] = value;
      covariance[j * n + i] = value;
    }
  }
  return covariance;
}
