// fitBetaDiscreteWeibull's search starts from the nested shifted beta-geometric's maximum at c = 1, so the
// BdW fit is never below it: a counterexample of the nested-model law (property seed 935085999) where the
// model's own starts stopped at ln L −14.6998 on a ridge, below the sBG's −14.6703.
import { describe, expect, it } from 'vitest';
import { fitBetaDiscreteWeibull, fitShiftedBetaGeometric } from '../../../src/index';

describe('fitBetaDiscreteWeibull starts from the sBG it nests', () => {
  it('survivors 480, 2, 1, 1: at least the sBG’s log-likelihood, and converged', () => {
    const survivors = [480, 2, 1, 1];
    const bdw = fitBetaDiscreteWeibull({ survivors });
    const sbg = fitShiftedBetaGeometric({ survivors });
    expect(bdw.logLikelihood as number).toBeGreaterThanOrEqual(sbg.logLikelihood as number);
    expect(bdw.converged).toBe(true);
  });

  it('with a penalty too (the sBG start is fitted under the same penalty)', () => {
    const survivors = [480, 2, 1, 1];
    const options = { penalty: { logParams: 0.01 } };
    const bdw = fitBetaDiscreteWeibull({ survivors }, options);
    const sbg = fitShiftedBetaGeometric({ survivors }, options);
    expect(bdw.penalizedLogLikelihood as number).toBeGreaterThanOrEqual(sbg.penalizedLogLikelihood as number);
  });
});
