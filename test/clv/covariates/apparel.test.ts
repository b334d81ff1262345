// CLVTools' apparel data (600 customers, weekly, the first 40 weeks for estimation, gender and channel as
// static covariates on both processes) against CLVTools 0.12.1 itself: the figures come from
// scripts/reference/clvtools-apparel-static.R, run on the same files (its output is quoted in each test).
// CLVTools' summary of the data is the one of test/helpers/apparel.ts (its first customers: x 1, 1, 1, 2,
// 1; t.x 35.2857, 2, 21.5714, 26, 18.7143; T.cal 40).
import { describe, expect, it } from 'vitest';
import { BG_NBD_COVARIATES } from '../../../src/clv/bgNbd/covariateKernel';
import type { CovariateKernel } from '../../../src/clv/core/definition';
import { PARETO_NBD_COVARIATES } from '../../../src/clv/paretoNbd/covariateKernel';
import type { CovariateFit } from '../../../src/index';
import { fitBgNbd, fitParetoNbd } from '../../../src/index';
import { APPAREL_SKIP, apparelSummary, hasApparel } from '../../helpers/apparel';
import { closeTo } from '../../helpers/numbers';

interface Reference {
  readonly params: readonly [number, number, number, number];
  readonly purchase: { readonly Gender: number; readonly Channel: number };
  readonly dropout: { readonly Gender: number; readonly Channel: number };
}

/**
 * Σ ln L over the customers at given parameters and coefficients, each customer's likelihood at its own
 * parameters θ·exp(sign·γ·z): one function for both parameter sets, so that their likelihoods compare.
 */
function logLikelihoodAt(kernel: CovariateKernel, reference: Reference): number {
  let sum = 0;
  const params = new Float64Array(4);
  for (const row of apparelSummary(40)) {
    const { Gender, Channel } = row.covariates;
    const purchase = reference.purchase.Gender * Gender + reference.purchase.Channel * Channel;
    const dropout = reference.dropout.Gender * Gender + reference.dropout.Channel * Channel;
    kernel.effects.forEach((effect, j) => {
      const eta = effect.process === 'purchase' ? purchase : effect.process === 'dropout' ? dropout : 0;
      params[j] = (reference.params[j] as number) * Math.exp(effect.sign * eta);
    });
    sum += kernel.rowLogLikelihood(params, row.frequency, row.recency, row.T, null);
  }
  return sum;
}

const COVARIATES = { covariates: { purchase: ['Gender', 'Channel'], dropout: ['Gender', 'Channel'] } };
// the fits run along a ridge of the dropout side, which takes many evaluations: each is made once
const SLOW = 180_000;
let pareto: CovariateFit<'paretoNbd'> | undefined;
const paretoFit = (): CovariateFit<'paretoNbd'> => {
  pareto ??= fitParetoNbd(apparelSummary(40), COVARIATES);
  return pareto;
};

describe.skipIf(!hasApparel)('apparel data with static covariates, against CLVTools', () => {
  it('summarises the data as CLVTools does', () => {
    const rows = apparelSummary(40);
    expect(rows.length).toBe(600);
    expect(rows.slice(0, 5).map((row) => row.frequency)).toEqual([1, 1, 1, 2, 1]);
    expect(rows.slice(0, 5).map((row) => Math.round(row.recency * 1e6) / 1e6)).toEqual([
      35.285714, 2, 21.571429, 26, 18.714286,
    ]);
  });

  // CLVTools `pnbd(static)`: r 1.6470683684, alpha 110.7633020359, s 1.9238792846, beta 16823.7708806199,
  // life.Gender −0.1227583343, life.Channel 5.2682711377, trans.Gender 0.4554770205, trans.Channel
  // 0.8342227213, logLik −2589.23215628 (its standard errors are all 85.17: the Hessian is not usable)
  const clvtoolsPareto: Reference = {
    params: [1.6470683684, 110.7633020359, 1.9238792846, 16823.7708806199],
    purchase: { Gender: 0.4554770205, Channel: 0.8342227213 },
    dropout: { Gender: -0.1227583343, Channel: 5.2682711377 },
  };

  it('Pareto/NBD: our likelihood at CLVTools’ estimates is CLVTools’ log-likelihood (to 0.01)', () => {
    expect(Math.abs(logLikelihoodAt(PARETO_NBD_COVARIATES, clvtoolsPareto) - -2589.23215628)).toBeLessThan(
      0.01,
    );
  });

  it(
    'Pareto/NBD: the fit matches CLVTools’ log-likelihood (to 0.01) and purchase side (to 1e-3), at least as high',
    () => {
      const fit = paretoFit();
      const logLikelihood = fit.logLikelihood as number;
      expect(Math.abs(logLikelihood - -2589.23215628)).toBeLessThan(0.01);
      expect(logLikelihood).toBeGreaterThanOrEqual(logLikelihoodAt(PARETO_NBD_COVARIATES, clvtoolsPareto));
      expect(closeTo(fit.params.r, 1.6470683684, 1e-3)).toBe(true);
      expect(closeTo(fit.params.alpha, 110.7633020359, 1e-3)).toBe(true);
      expect(closeTo(fit.coefficients.purchase['Gender'] as number, 0.4554770205, 1e-3)).toBe(true);
      expect(closeTo(fit.coefficients.purchase['Channel'] as number, 0.8342227213, 1e-3)).toBe(true);
    },
    SLOW,
  );

  it(
    'Pareto/NBD: says that 40 weeks do not identify the dropout side (CLVTools reports no usable Hessian)',
    () => {
      const fit = paretoFit();
      expect(fit.converged).toBe(false);
      expect(fit.reason).toMatch(/do not identify .*beta.*Channel \(dropout\)/);
    },
    SLOW,
  );

  // CLVTools `bgnbd(static)`: r 0.8488638517, alpha 53.9485747257, a 212.2093812119, b 1171.7139956750,
  // life.Gender 10.2192632273, life.Channel −7.5203356841, trans.Gender 0.5530317170, trans.Channel
  // 0.6090847533, logLik −2593.65822707
  const clvtoolsBg: Reference = {
    params: [0.8488638517, 53.9485747257, 212.2093812119, 1171.713995675],
    purchase: { Gender: 0.553031717, Channel: 0.6090847533 },
    dropout: { Gender: 10.2192632273, Channel: -7.5203356841 },
  };

  it('BG/NBD: our likelihood at CLVTools’ estimates is CLVTools’ log-likelihood (to 0.01)', () => {
    expect(Math.abs(logLikelihoodAt(BG_NBD_COVARIATES, clvtoolsBg) - -2593.65822707)).toBeLessThan(0.01);
  });

  it(
    'BG/NBD: the fit matches CLVTools’ log-likelihood (to 0.01) and says the dropout side runs to a boundary',
    () => {
      const fit = fitBgNbd(apparelSummary(40), COVARIATES);
      const ours = fit.logLikelihood as number;
      expect(Math.abs(ours - -2593.65822707)).toBeLessThan(0.01);
      const { r, alpha, a, b } = fit.params;
      const again = logLikelihoodAt(BG_NBD_COVARIATES, {
        params: [r, alpha, a, b],
        purchase: fit.coefficients.purchase as Reference['purchase'],
        dropout: fit.coefficients.dropout as Reference['dropout'],
      });
      expect(closeTo(again, ours, 1e-9)).toBe(true);
      expect(closeTo(fit.coefficients.purchase['Gender'] as number, 0.553031717, 1e-3)).toBe(true);
      // both fits run along a ridge towards a_i, b_i → ∞ for one gender (no heterogeneity in its dropout):
      // CLVTools stops at Gender 10.2, patronage at the search's bound, and says so
      expect(fit.converged).toBe(false);
      expect(fit.reason).toMatch(/boundary/);
    },
    SLOW,
  );
});

if (!hasApparel) console.warn(APPAREL_SKIP);
