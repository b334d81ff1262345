import { describe, expect, it } from 'vitest';
import {
  calibrationHoldoutSummary,
  fitBgBb,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  fitShiftedBetaGeometric,
  logLikelihoodAt,
} from '../../src/index';
import { codeOf } from '../helpers/errors';
import { cdnowSampleTransactions, hasSharedData, SKIP_MESSAGE } from '../helpers/sharedData';

const describeShared = describe.skipIf(!hasSharedData);
const label = hasSharedData ? 'shared data present' : SKIP_MESSAGE;

describeShared(`logLikelihoodAt on CDNOW at published parameters (${label})`, () => {
  const calibration = () =>
    calibrationHoldoutSummary(cdnowSampleTransactions(), {
      unit: 'week',
      calibrationEnd: '1997-09-30',
      observationEnd: '1998-06-30',
    });

  it('BG/NBD at r 0.243, alpha 4.414, a 0.793, b 2.426 gives −9582.4 (Fader, Hardie & Lee 2005, table 1 and §4)', () => {
    const spec = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
    // the paper prints one decimal: the value rounds to it
    expect(Math.abs(logLikelihoodAt(spec, calibration()) - -9582.4)).toBeLessThanOrEqual(0.05);
  });

  it('Pareto/NBD at r 0.553, alpha 10.578, s 0.606, beta 11.669 gives −9595.0 (Fader, Hardie & Lee 2005, §4)', () => {
    const spec = { model: 'paretoNbd', params: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 } } as const;
    expect(Math.abs(logLikelihoodAt(spec, calibration()) - -9595.0)).toBeLessThanOrEqual(0.05);
  });

  it('the fit to CDNOW has a higher likelihood than the published, rounded parameters, and gives its own exactly', () => {
    const rows = calibration();
    const fit = fitBgNbd(rows);
    const published = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
    expect(logLikelihoodAt(fit, rows)).toBe(fit.logLikelihood);
    expect(logLikelihoodAt(published, rows)).toBeLessThan(fit.logLikelihood as number);
  });
});

describe('logLikelihoodAt gives each fit its own logLikelihood', () => {
  const continuous = [
    { frequency: 0, recency: 0, T: 38, weight: 600 },
    { frequency: 1, recency: 4, T: 38, weight: 100 },
    { frequency: 2, recency: 33, T: 35, weight: 40 },
    { frequency: 6, recency: 35, T: 37, weight: 15 },
  ];

  it('for BG/NBD and Pareto/NBD', () => {
    for (const fit of [fitBgNbd(continuous), fitParetoNbd(continuous)]) {
      expect(logLikelihoodAt(fit, continuous)).toBe(fit.logLikelihood);
    }
  });

  it('for BG/BB, Gamma-Gamma and the shifted beta-geometric, on their own kinds of data', () => {
    const discrete = [
      { frequency: 0, recency: 0, periods: 6, weight: 3464 },
      { frequency: 1, recency: 1, periods: 6, weight: 1091 },
      { frequency: 3, recency: 6, periods: 6, weight: 357 },
      { frequency: 6, recency: 6, periods: 6, weight: 1203 },
    ];
    const bgBb = fitBgBb(discrete);
    expect(logLikelihoodAt(bgBb, discrete)).toBe(bgBb.logLikelihood);
    const spend = [
      { frequency: 5, monetaryValue: 10 },
      { frequency: 6, monetaryValue: 80 },
      { frequency: 4, monetaryValue: 25 },
      { frequency: 1, monetaryValue: 30 },
    ];
    const gammaGamma = fitGammaGamma(spend);
    expect(logLikelihoodAt(gammaGamma, spend)).toBe(gammaGamma.logLikelihood);
    const cohort = { survivors: [1000, 869, 743, 653, 593, 551, 517, 491] };
    const sbg = fitShiftedBetaGeometric(cohort);
    expect(logLikelihoodAt(sbg, cohort)).toBe(sbg.logLikelihood);
  });

  it('for a penalised fit: the unpenalised value', () => {
    const fit = fitBgNbd(continuous, { penalty: { logParams: 0.5 } });
    expect(logLikelihoodAt(fit, continuous)).toBe(fit.logLikelihood);
  });

  it('sBG at alpha 0.704, beta 1.182 gives −1,680.3 on the regular cohort and at 0.668, 3.806 −1,611.2 on the high-end one (Fader & Hardie 2007)', () => {
    const regular = { survivors: [1000, 631, 468, 382, 326, 289, 262, 241] };
    const highEnd = { survivors: [1000, 869, 743, 653, 593, 551, 517, 491] };
    const at = (alpha: number, beta: number) =>
      ({ model: 'shiftedBetaGeometric', params: { alpha, beta } }) as const;
    expect(Math.abs(logLikelihoodAt(at(0.704, 1.182), regular) - -1680.3)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(logLikelihoodAt(at(0.668, 3.806), highEnd) - -1611.2)).toBeLessThanOrEqual(0.05);
  });
});

describe('logLikelihoodAt refuses what it cannot evaluate', () => {
  const rows = [
    { frequency: 0, recency: 0, T: 10 },
    { frequency: 2, recency: 6, T: 10 },
  ];
  const spec = { model: 'bgNbd', params: { r: 0.5, alpha: 3, a: 0.7, b: 2 } } as const;

  it('coefficients of a model without covariates: UNSUPPORTED_COVARIATES; rows without the covariate: MISSING_COVARIATE', () => {
    const coefficients = { purchase: { gender: 0.2 }, dropout: {} };
    const mbg = { model: 'mbgNbd', params: spec.params, coefficients } as const;
    expect(codeOf(() => logLikelihoodAt(mbg, rows))).toBe('UNSUPPORTED_COVARIATES');
    expect(codeOf(() => logLikelihoodAt({ ...spec, coefficients }, rows))).toBe('MISSING_COVARIATE');
    const bad = { ...spec, coefficients: { purchase: { gender: Number.NaN }, dropout: {} } };
    const withGender = rows.map((row) => ({ ...row, covariates: { gender: 1 } }));
    expect(codeOf(() => logLikelihoodAt(bad, withGender))).toBe('INVALID_FIT');
  });

  it('an unknown model or a parameter that is not positive: INVALID_FIT', () => {
    expect(codeOf(() => logLikelihoodAt({ model: 'nope', params: {} } as never, rows))).toBe('INVALID_FIT');
    expect(codeOf(() => logLikelihoodAt({ ...spec, params: { ...spec.params, b: -1 } }, rows))).toBe(
      'INVALID_FIT',
    );
  });

  it("bad rows with the fit's own codes, naming logLikelihoodAt", () => {
    const bad = [{ frequency: 2, recency: 12, T: 10 }];
    expect(codeOf(() => logLikelihoodAt(spec, bad))).toBe('INVALID_SUMMARY_ROW');
    expect(() => logLikelihoodAt(spec, bad)).toThrow(/^logLikelihoodAt: /);
    expect(codeOf(() => logLikelihoodAt(spec, []))).toBe('EMPTY_INPUT');
  });
});
