import { describe, expect, it } from 'vitest';
import { fitNbd } from '../../../src/index';
import { hasSharedData, SKIP_MESSAGE } from '../../helpers/sharedData';
import { cdnowCalibrationRows, logLikelihoodOf } from '../literatureHelpers';

const describeShared = describe.skipIf(!hasSharedData);
const label = hasSharedData ? 'shared data present' : SKIP_MESSAGE;

describeShared(`CDNOW calibration summary, 2 printed decimals (${label})`, () => {
  // scripts/reference/nbd_cdnow.py: mpmath 1.3 at 40 digits, Newton on the score equations of BTYDplus'
  // nbd.LL over the same file (BTYDplus publishes no NBD fit of CDNOW)
  it('NBD matches the mpmath maximisation of scripts/reference/nbd_cdnow.py: r 0.384767674, alpha 12.072084991, log-likelihood −9763.66022223', () => {
    const fit = fitNbd(cdnowCalibrationRows());
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.params.r / 0.384767674052 - 1)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(fit.params.alpha / 12.072084991 - 1)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(logLikelihoodOf(fit) - -9763.6602222328)).toBeLessThanOrEqual(1e-6);
  });

  it('NBD fits CDNOW worse than the models with dropout (Pareto/NBD −9594.98, Fader, Hardie & Lee 2005)', () => {
    const fit = fitNbd(cdnowCalibrationRows());
    expect(logLikelihoodOf(fit)).toBeLessThan(-9594.98);
  });
});
