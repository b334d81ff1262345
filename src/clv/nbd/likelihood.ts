// The NBD log-likelihood with its analytic gradient. Internal.
//
// NBD (Ehrenberg 1959): a customer buys at a constant rate λ ~ Gamma(r, α) for ever. The likelihood of x
// repeat purchases at their observed times in (0, T] (the timing likelihood, as BTYDplus `nbd.LL` and the
// BG/NBD family write it, without the ln x! of a bare count) is
//   ln L = ln Γ(r+x) − ln Γ(r) + r ln α − (r+x) ln(α+T),
// which does not depend on t_x.

import type { Objective } from '../../math/optimize';
import type { Likelihood } from '../core/definition';
import { gammaTerms, gammaTermsAt } from '../core/gammaTerms';
import { type CompressedRows, compress, subsample } from '../core/rows';
import { scaleTimes, timeScaleOf, totalPurchases } from '../core/timeScale';

/** −ln L / total over (ln r, ln α), with its gradient. */
export function nbdObjective(rows: CompressedRows): Objective {
  const { first: frequency, third: age, weight, total } = rows;
  const gamma = gammaTerms();
  return (logParams, gradient) => {
    const r = Math.exp(logParams[0] as number);
    const alpha = Math.exp(logParams[1] as number);
    if (!(r > 0 && Number.isFinite(r) && alpha > 0 && Number.isFinite(alpha))) return Number.NaN;
    const logAlpha = Math.log(alpha);
    let sum = 0;
    let gR = 0;
    let gAlpha = 0;
    for (let i = 0; i < frequency.length; i++) {
      const x = frequency[i] as number;
      const w = weight[i] as number;
      const { lgR, psiR, lgRX, psiRX } = gammaTermsAt(gamma, r, x);
      const alphaT = alpha + (age[i] as number);
      const logAlphaT = Math.log(alphaT);
      sum += w * (lgRX - lgR + r * logAlpha - (r + x) * logAlphaT);
      if (gradient !== null) {
        gR += w * (psiRX - psiR + logAlpha - logAlphaT);
        gAlpha += w * (r / alpha - (r + x) / alphaT);
      }
    }
    if (gradient !== null) {
      gradient[0] = (-gR * r) / total;
      gradient[1] = (-gAlpha * alpha) / total;
    }
    return -sum / total;
  };
}

/**
 * The NBD likelihood of validated rows: the rows merged again on (x, T) alone, since t_x does not enter it,
 * over rescaled times (see {@link timeScaleOf}), with a pilot subsample for large data.
 */
export function nbdLikelihood(rows: CompressedRows): Likelihood {
  const byCount = compress(rows.first, new Float64Array(rows.first.length), rows.third, rows.weight);
  const scale = timeScaleOf(byCount);
  const purchases = totalPurchases(byCount);
  const scaled = scaleTimes(byCount, scale);
  const sampled = subsample(scaled);
  return {
    objective: nbdObjective(scaled),
    pilot: sampled === null ? null : nbdObjective(sampled),
    total: rows.total,
    distinctRows: rows.first.length,
    unscale: ([r, alpha]) => [r as number, (alpha as number) * scale],
    unscaleLogLikelihood: (logLikelihood) => logLikelihood - purchases * Math.log(scale),
  };
}
