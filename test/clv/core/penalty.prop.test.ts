import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateBgNbd } from '../../../scripts/bench/simulate.mjs';
import {
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  fitShiftedBetaGeometric,
  logLikelihoodAt,
  type ModelFit,
} from '../../../src/index';
import { codeOf } from '../../helpers/errors';
import { closeTo } from '../../helpers/numbers';
import { spendSummaryRows, summaryRows, survivorCounts } from '../arbitraries';

const RUNS = { numRuns: 10 };
const PENALTIES = [0, 0.001, 0.01, 0.1, 1, 10];

/** Σ (ln θ)² over a fit's natural parameters. */
function logNorm(fit: ModelFit): number {
  return Object.values(fit.params).reduce((sum: number, value) => sum + Math.log(value as number) ** 2, 0);
}

/** Slack for comparing two optimised values: the optimiser stops within about 1e−10 of an optimum. */
const SLACK = 1e-7;

/** 400 customers simulated from a BG/NBD well inside its parameter space (so that the fits converge). */
const simulated = fc
  .record({
    r: fc.double({ min: 0.3, max: 3, noNaN: true }),
    alpha: fc.double({ min: 1, max: 10, noNaN: true }),
    a: fc.double({ min: 0.5, max: 3, noNaN: true }),
    b: fc.double({ min: 2, max: 8, noNaN: true }),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
  })
  .map(({ seed, ...params }) => simulateBgNbd(400, params, seed, 52));

describe('the log-parameter penalty', () => {
  it('c = 0 gives the plain fit, bit for bit', () => {
    fc.assert(
      fc.property(summaryRows, (rows) => {
        expect(fitBgNbd(rows, { penalty: { logParams: 0 } })).toEqual(fitBgNbd(rows));
        expect(fitParetoNbd(rows, { penalty: {} })).toEqual(fitParetoNbd(rows));
      }),
      RUNS,
    );
  });

  it('as c grows, Σ (ln θ)² and the unpenalised log-likelihood never rise: the parameters shrink towards 1', () => {
    // for penalised maxima at c1 < c2, optimality at each gives ℓ(c1) − c1·n·P(c1) ≥ ℓ(c2) − c1·n·P(c2) and the
    // same with c2; adding them, (c2 − c1)(P(c1) − P(c2)) ≥ 0: the penalty term P falls and ℓ falls with it
    let checked = 0;
    fc.assert(
      fc.property(simulated, (rows) => {
        const fits = PENALTIES.map((c) => fitBgNbd(rows, { penalty: { logParams: c } }));
        if (fits.some((fit) => fit.logLikelihood === null || !fit.converged)) return;
        checked++;
        for (let i = 1; i < fits.length; i++) {
          const before = fits[i - 1] as ModelFit;
          const after = fits[i] as ModelFit;
          expect(logNorm(after)).toBeLessThanOrEqual(logNorm(before) * (1 + SLACK) + SLACK);
          const lBefore = before.logLikelihood as number;
          expect(after.logLikelihood as number).toBeLessThanOrEqual(lBefore + SLACK * Math.abs(lBefore));
        }
      }),
      RUNS,
    );
    expect(checked).toBeGreaterThan(RUNS.numRuns / 2);
  });

  it('a strong penalty puts every parameter near 1', () => {
    fc.assert(
      fc.property(spendSummaryRows, survivorCounts, (spend, survivors) => {
        for (const fit of [
          fitGammaGamma(spend, { penalty: { logParams: 1e4 } }),
          fitShiftedBetaGeometric({ survivors }, { penalty: { logParams: 1e4 } }),
        ]) {
          if (fit.logLikelihood === null) continue;
          for (const value of Object.values(fit.params))
            expect(Math.abs(Math.log(value as number))).toBeLessThan(0.1);
        }
      }),
      RUNS,
    );
  });

  it('penalizedLogLikelihood = ℓ − n·c·Σ (ln θ)², with ℓ the unpenalised likelihood, and it is at least that of the plain fit’s parameters', () => {
    fc.assert(
      fc.property(simulated, (rows) => {
        const c = 0.05;
        const plain = fitBgNbd(rows);
        const fit = fitBgNbd(rows, { penalty: { logParams: c } });
        // a maximum on the optimiser's bounds is not a maximum of the penalised objective
        if (fit.logLikelihood === null || plain.logLikelihood === null || !fit.converged || !plain.converged)
          return;
        const penalized = fit.penalizedLogLikelihood as number;
        expect(closeTo(penalized, fit.logLikelihood - fit.n * c * logNorm(fit))).toBe(true);
        expect(logLikelihoodAt(fit, rows)).toBe(fit.logLikelihood);
        const atPlain = plain.logLikelihood - plain.n * c * logNorm(plain);
        expect(penalized).toBeGreaterThanOrEqual(atPlain - SLACK * Math.abs(atPlain));
        expect(fit.penalty).toEqual({ logParams: c });
        expect(plain.penalty).toBeNull();
        // the information criteria use the unpenalised likelihood
        expect(fit.aic).toBe(8 - 2 * fit.logLikelihood);
      }),
      RUNS,
    );
  });
});

describe('the penalty option refuses what it does not know', () => {
  const rows = [
    { frequency: 0, recency: 0, T: 10, weight: 5 },
    { frequency: 2, recency: 6, T: 10, weight: 3 },
  ];

  it('an unknown key, at either level: INVALID_OPTION', () => {
    expect(codeOf(() => fitBgNbd(rows, { penalty: { logParam: 1 } } as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => fitBgNbd(rows, { penalizer: 1 } as never))).toBe('INVALID_OPTION');
  });

  it('a negative, non-finite or non-numeric c', () => {
    expect(codeOf(() => fitBgNbd(rows, { penalty: { logParams: -0.1 } }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => fitBgNbd(rows, { penalty: { logParams: 1.5e6 } }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => fitBgNbd(rows, { penalty: { logParams: Number.NaN } }))).toBe('NOT_FINITE');
    expect(codeOf(() => fitBgNbd(rows, { penalty: { logParams: '1' } } as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => fitBgNbd(rows, { penalty: 1 } as never))).toBe('INVALID_ARGUMENT');
  });
});
