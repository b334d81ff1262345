// BG/NBD counts where b is large (dropout probabilities near 0, as on a ridge of a fit): the ratios
// B(a, b + n)/B(a, b) come from logBetaShift, not from a difference of two log-betas of about 1.3e7, which
// left 1e-10 of the distribution missing at b = 1e6 and 3e-6 at b = 1e9 (found through
// tierRetentionProbability, whose sum over counts never reached its stop at 1 - 1e-14). Reference values:
// eq. 8 of Fader, Hardie & Lee (2005) in mpmath at 40 digits (the script is in the comment below).
//   P = B(a,b+x)/B(a,b)·NB(x) + [x>0]·B(a+1,b+x−1)/B(a,b)·(1 − Σ_{j<x} NB(j)), NB(j) the NBD(r, α) count at t
import { describe, expect, it } from 'vitest';
import { cnbdPredictions } from '../../../src/clv/bgCnbd/predictions';
import { bgFamilyPredictions } from '../../../src/clv/bgNbd/predictions';
import { logBetaShift } from '../../../src/math/special';
import { closeTo } from '../../helpers/numbers';

const BG = bgFamilyPredictions(0);
const GOLDEN: readonly (readonly [number, readonly number[]])[] = [
  [1e6, [0.5384027142293999, 0.1205954541809412, 0.04761161883002556, 0.011061771918998648]],
  [1e9, [0.5384027142293999, 0.12059518403690342, 0.04761151657105202, 0.011061786918844081]],
];

describe('BG/NBD counts at large b', () => {
  it.each(GOLDEN)('P(X(52) = 0, 1, 3, 10) at b = %d equals mpmath to 1e-12', (b, expected) => {
    const params = { r: 0.243, alpha: 4.414, a: 0.793, b };
    [0, 1, 3, 10].forEach((count, i) => {
      const value = BG.purchaseProbability?.(params, count, 52) as number;
      expect(closeTo(value, expected[i] as number, 1e-12), `${count}: ${value}`).toBe(true);
    });
  });

  it.each([2.4, 1e3, 1e6, 1e9, 1e12])('the counts given a history sum to 1 within 1e-13 at b = %d', (b) => {
    const params = { r: 0.243, alpha: 4.414, a: 0.793, b };
    let total = 0;
    let future = 0;
    for (let count = 0; count < 5000; count++) {
      total += BG.conditionalPurchaseProbability?.(params, 2, 30, 38, count, 52) as number;
      future += BG.purchaseProbability?.(params, count, 52) as number;
    }
    expect(Math.abs(1 - total)).toBeLessThan(1e-13);
    expect(Math.abs(1 - future)).toBeLessThan(1e-13);
  });

  it('BG/CNBD-k counts sum to 1 within 1e-13 at b = 1e9', () => {
    const cnbd = cnbdPredictions(0);
    const params = { k: 2, r: 0.8, alpha: 3, a: 0.793, b: 1e9 };
    let total = 0;
    for (let count = 0; count < 5000; count++)
      total += cnbd.purchaseProbability?.(params, count, 52) as number;
    expect(Math.abs(1 - total)).toBeLessThan(1e-13);
  });

  it('logBetaShift is ln B(a, b + n) − ln B(a, b) (small b, where the plain difference is exact enough)', () => {
    // B(2, 5)/B(2, 3) = (1/30)/(1/12) = 0.4
    expect(closeTo(Math.exp(logBetaShift(2, 3, 2)), 0.4, 1e-14)).toBe(true);
    expect(logBetaShift(0.5, 7, 0)).toBe(0);
  });
});
