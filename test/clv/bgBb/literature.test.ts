import { describe, expect, it } from 'vitest';
import { fitBgBb } from '../../../src/index';
import { hasSharedData, SKIP_MESSAGE } from '../../helpers/sharedData';
import { donationsRows, expectParams, logLikelihoodOf } from '../literatureHelpers';

const describeShared = describe.skipIf(!hasSharedData);
const label = hasSharedData ? 'shared data present' : SKIP_MESSAGE;

describeShared(`donations, Fader, Hardie & Shang (2010) (${label})`, () => {
  it('BG/BB matches FHS (2010): alpha 1.204, beta 0.750, gamma 0.657, delta 2.783; log-likelihood −33,225.6 (printed to 0.1, so ± 0.05)', () => {
    const rows = donationsRows();
    const fit = fitBgBb(rows);
    expectParams(fit, { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }, 3);
    expect(Math.abs(logLikelihoodOf(fit) - -33225.6)).toBeLessThanOrEqual(0.05);
    expect(fit.n).toBe(11104);
    expect(fit.distinctRows).toBe(22);
  });
});
