import { describe, expect, it } from 'vitest';
import { fitGammaGamma } from '../../../src/index';
import { expectClose } from '../../helpers/numbers';
import { hasSharedData, SKIP_MESSAGE } from '../../helpers/sharedData';
import { csv, expectParams, expectPrinted } from '../literatureHelpers';

const describeShared = describe.skipIf(!hasSharedData);
const label = hasSharedData ? 'shared data present' : SKIP_MESSAGE;

/** CDNOW's 946 repeat buyers: frequency and mean repeat spend. */
function cdnowSpend() {
  return csv('cdnow_customers_summary_with_transactions.csv')
    .filter(([, x]) => (x as number) > 0)
    .map(([, frequency, , , monetaryValue]) => ({
      frequency: frequency as number,
      monetaryValue: monetaryValue as number,
    }));
}

/**
 * The maximum-likelihood fit at 40 digits (mpmath 1.3, Newton's method on the gradient of eq. 1a):
 * test/clv/gammaGamma/cdnowReference.py, whose output these are.
 */
const MPMATH = {
  p: 6.248802489709097,
  q: 3.744588453287469,
  gamma: 15.447748009463716,
  logLikelihood: -4055.9232435028644,
  frequencySpendCorrelation: 0.11388391048600449,
};

/**
 * How far the estimates may sit from the exact maximum: the optimiser stops when the gradient of −ln L per
 * customer is below 1e−9, which leaves each estimate within about 1e−9 of its value (7e−10 for p here).
 */
const ESTIMATE_TOLERANCE = 2e-9;

describeShared(`CDNOW spend, Fader, Hardie & Lee (2005) "RFM and CLV" (${label})`, () => {
  it('Gamma-Gamma matches Fader & Hardie (2013): p 6.25, q 3.74, gamma 15.44 on the 946 repeat buyers', () => {
    const rows = cdnowSpend();
    expect(rows).toHaveLength(946);
    expectParams(fitGammaGamma(rows), { p: 6.25, q: 3.74, gamma: 15.44 }, 2);
  });

  it('Gamma-Gamma matches a 40-digit mpmath maximisation (cdnowReference.py): ln L to 1e-12, estimates to 2e-9', () => {
    const fit = fitGammaGamma(cdnowSpend());
    expect(fit.converged).toBe(true);
    expectClose(fit.logLikelihood as number, MPMATH.logLikelihood);
    expectClose(fit.params.p, MPMATH.p, ESTIMATE_TOLERANCE);
    expectClose(fit.params.q, MPMATH.q, ESTIMATE_TOLERANCE);
    expectClose(fit.params.gamma, MPMATH.gamma, ESTIMATE_TOLERANCE);
  });

  it("the frequency-spend correlation is Fader & Hardie (2013)'s 0.11 (0.1138839104860045 by mpmath)", () => {
    const { frequencySpendCorrelation } = fitGammaGamma(cdnowSpend());
    expectPrinted(frequencySpendCorrelation as number, 0.11, 2);
    expectClose(frequencySpendCorrelation as number, MPMATH.frequencySpendCorrelation);
  });

  it('qAboveOne leaves the CDNOW fit unchanged: its q (3.74) is above 1 already (lifetimes tests q_constraint on it)', () => {
    const rows = cdnowSpend();
    expect(fitGammaGamma(rows, { qAboveOne: true })).toEqual(fitGammaGamma(rows));
  });
});
