// Predictions of Pareto/NBD (Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005), on validated
// parameters. Internal. Notation: x repeat purchases, the last at t_x, observed for T.

import { integrate } from '../../math/quadrature';
import { oneMinusExpOver } from '../../math/special';
import type { ModelPredictions } from '../core/definition';
import { logNbd } from '../core/nbd';
import type { ParetoNbdParams } from '../core/types';
import { paretoLogTerms } from './likelihood';

// scratch for the ₂F₁ terms of P(alive); overwritten on every call
const atTx = { value: 0, dr: 0, dAlpha: 0, ds: 0, dBeta: 0 };
const atT = { value: 0, dr: 0, dAlpha: 0, ds: 0, dBeta: 0 };

/**
 * P(alive at T | x, t_x, T), Fader & Hardie (2005) eq. (18): the first term's share of the likelihood's
 * bracket.
 */
function probabilityAlive(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = params;
  const terms = paretoLogTerms(r, alpha, s, beta, x, tx, T, atTx, atT);
  return Number.isFinite(terms.logBracket) ? terms.share0 : aliveByQuadrature(params, x, tx, T);
}

/**
 * P(alive) from the integral form of the likelihood, for the corner where the series is too slow (z within
 * 1e−4 of 1): the bracket's s·I term integrated by quadrature.
 */
function aliveByQuadrature({ r, alpha, s, beta }: ParetoNbdParams, x: number, tx: number, T: number): number {
  const logFirst = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const integral = integrate(tx, T, (tau) =>
    Math.exp(-(r + x) * Math.log(alpha + tau) - (s + 1) * Math.log(beta + tau) - logFirst),
  );
  return 1 / (1 + s * integral);
}

/** E[purchases in (T, T + t] | alive at T, x, T] = ((r+x)/(α+T))·(β+T)·(1 − ((β+T)/(β+T+t))^(s−1))/(s − 1). */
function expectedIfAlive({ r, alpha, s, beta }: ParetoNbdParams, x: number, T: number, t: number): number {
  if (t === 0) return 0;
  const betaT = beta + T;
  return ((r + x) / (alpha + T)) * betaT * oneMinusExpOver(s - 1, -Math.log1p(t / betaT));
}

/** The predictions of Pareto/NBD. */
export const paretoNbdPredictions: ModelPredictions<ParetoNbdParams> = {
  probabilityAlive,
  expectedIfAlive,

  conditionalExpectedPurchases: (params, x, tx, T, t) =>
    t === 0 ? 0 : probabilityAlive(params, x, tx, T) * expectedIfAlive(params, x, T, t),

  expectedPurchases: ({ r, alpha, s, beta }, t) =>
    t === 0 ? 0 : (r / alpha) * beta * oneMinusExpOver(s - 1, -Math.log1p(t / beta)),

  /** Alive at T, the exponential lifetime survives (T, T + h] with probability ((β+T)/(β+T+h))^s. */
  probabilityAliveLater: (params, x, tx, T, h) => {
    const alive = probabilityAlive(params, x, tx, T);
    if (h === 0) return alive;
    return alive * Math.exp(-params.s * Math.log1p(h / (params.beta + T)));
  },

  /** The NBD count mixed over the exponential lifetime, the death part integrated numerically. */
  purchaseProbability: ({ r, alpha, s, beta }, count, t) => {
    const alive = Math.exp(logNbd(r, alpha, count, t) - s * Math.log1p(t / beta));
    const died = integrate(0, t, (tau) =>
      Math.exp(logNbd(r, alpha, count, tau) + Math.log(s / beta) - (s + 1) * Math.log1p(tau / beta)),
    );
    return Math.min(1, alive + died);
  },
};
