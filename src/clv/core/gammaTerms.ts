// The Gamma-function terms of a customer's likelihood that depend on r and x alone. Internal.

import { digamma, logGamma } from '../../math/special';

/** ln Γ(r), ψ(r), ln Γ(r+x) and ψ(r+x), for the r and x they were computed at. */
export interface GammaTerms {
  r: number;
  x: number;
  lgR: number;
  psiR: number;
  lgRX: number;
  psiRX: number;
}

/** Terms that match no r > 0 and x ≥ 0, so that the first {@link gammaTermsAt} computes them. */
export function gammaTerms(): GammaTerms {
  return { r: -1, x: -1, lgR: 0, psiR: 0, lgRX: 0, psiRX: 0 };
}

/**
 * `terms` at (r, x): recomputed only where r or x differs from the last call's (rows come sorted by x, so
 * a pass over the rows computes each distinct x's once), the same values as computing them afresh.
 */
export function gammaTermsAt(terms: GammaTerms, r: number, x: number): GammaTerms {
  if (r !== terms.r) {
    terms.r = r;
    terms.x = -1;
    terms.lgR = logGamma(r);
    terms.psiR = digamma(r);
  }
  if (x !== terms.x) {
    terms.x = x;
    terms.lgRX = logGamma(r + x);
    terms.psiRX = digamma(r + x);
  }
  return terms;
}
