import { describe, expect, it } from 'vitest';
import { probabilityAlive } from '../../../src/index';
import { lgamma } from '../../helpers/lgamma';

// P(alive at T + h) for BG/NBD where the chance of surviving the horizon is tiny: the quadrature anchored at
// 1 had an absolute error of ~1e-16 and gave -3.4e-20 (found by test/clv/models.prop.test.ts with CI's
// random seed 1072469787). The reference is an independent midpoint rule in log space over the posterior
// Beta(a, b + x) of E[(1 + p·h/(alpha + T))^-(r + x)].
function survivalReference(a: number, b: number, k: number, u: number): number {
  const logBeta = lgamma(a) + lgamma(b) - lgamma(a + b);
  const n = 400_000;
  const logTerms = new Float64Array(n);
  let top = -Infinity;
  for (let i = 0; i < n; i++) {
    const p = (i + 0.5) / n;
    const term =
      (a - 1) * Math.log(p) + (b - 1) * Math.log1p(-p) - logBeta - k * Math.log1p(p * u) - Math.log(n);
    logTerms[i] = term;
    if (term > top) top = term;
  }
  let sum = 0;
  for (const term of logTerms) sum += Math.exp(term - top);
  return Math.exp(top + Math.log(sum));
}

describe('BG/NBD probabilityAlive with a horizon the customer very likely does not survive', () => {
  it('is positive and equals P(alive now) times the independent survival', () => {
    const params = { r: 0.01, alpha: 0.01, a: 18.44392942063964, b: 0.5609456384814404 };
    const fit = { model: 'bgNbd', params } as const;
    const customer = { frequency: 18, recency: 0.00001, T: 0.01 };
    const horizon = 11.536098781528061;
    const now = probabilityAlive(fit as never, customer);
    const later = probabilityAlive(fit as never, customer, { horizon });
    expect(later).toBeGreaterThan(0);
    const survival = survivalReference(
      params.a,
      params.b + 18,
      params.r + 18,
      horizon / (params.alpha + 0.01),
    );
    expect(survival).toBeGreaterThan(1e-41);
    expect(Math.abs(later / now / survival - 1)).toBeLessThan(1e-8);
  });
});
