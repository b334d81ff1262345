import { describe, expectTypeOf, it } from 'vitest';
import {
  type FitPenalty,
  fitBgBb,
  fitBgNbd,
  type LikelihoodRatioTestResult,
  likelihoodRatioTest,
  logLikelihoodAt,
  type ModelFit,
  type ParameterCovariance,
} from '../../src/index';

describe('model comparison types', () => {
  it('every fit has nullable criteria, a covariance record, the penalised objective and its penalty', () => {
    expectTypeOf<ModelFit['aic']>().toEqualTypeOf<number | null>();
    expectTypeOf<ModelFit['bic']>().toEqualTypeOf<number | null>();
    expectTypeOf<ModelFit['covariance']>().toEqualTypeOf<ParameterCovariance>();
    expectTypeOf<ParameterCovariance['matrix']>().toEqualTypeOf<readonly (readonly number[])[] | null>();
    expectTypeOf<ModelFit['penalizedLogLikelihood']>().toEqualTypeOf<number | null>();
    expectTypeOf<ModelFit['penalty']>().toEqualTypeOf<FitPenalty | null>();
  });

  it('fits take an optional penalty, and only known keys', () => {
    const rows = [{ frequency: 1, recency: 2, T: 3 }];
    expectTypeOf(fitBgNbd).toBeCallableWith(rows);
    expectTypeOf(fitBgNbd).toBeCallableWith(rows, { penalty: { logParams: 0.1 } });
    // @ts-expect-error the key is logParams
    fitBgNbd(rows, { penalty: { logParam: 0.1 } });
  });

  it('logLikelihoodAt takes the rows of the spec’s model and returns a number', () => {
    const continuous = [{ frequency: 1, recency: 2, T: 3 }];
    const discrete = [{ frequency: 1, recency: 2, periods: 3 }];
    expectTypeOf(logLikelihoodAt(fitBgNbd(continuous), continuous)).toEqualTypeOf<number>();
    expectTypeOf(logLikelihoodAt(fitBgBb(discrete), discrete)).toEqualTypeOf<number>();
    // @ts-expect-error a BG/BB spec takes discrete rows
    logLikelihoodAt({ model: 'bgBb', params: { alpha: 1, beta: 1, gamma: 1, delta: 1 } }, continuous);
  });

  it('likelihoodRatioTest takes fits and returns the statistic, degrees of freedom and p-value', () => {
    const fit = fitBgNbd([{ frequency: 1, recency: 2, T: 3 }]);
    expectTypeOf(likelihoodRatioTest(fit, fit)).toEqualTypeOf<LikelihoodRatioTestResult>();
    expectTypeOf<LikelihoodRatioTestResult>().toEqualTypeOf<{
      readonly statistic: number;
      readonly degreesOfFreedom: number;
      readonly pValue: number;
    }>();
  });
});
