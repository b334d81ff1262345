// Beta-mixed models where the beta's second shape is large (dropout probabilities near 0, as on a ridge of a
// fit): BG/NBD and CNBD-k counts and the shifted beta-geometric's survival and churn. The ratios
// B(a, b + n)/B(a, b) come from logBetaShift, not from a difference of two log-betas of about 1.3e7, which
// left 1e-10 of the distribution missing at b = 1e6 and 3e-6 at b = 1e9 (found through
// tierRetentionProbability, whose sum over counts never reached its stop at 1 - 1e-14). Reference values:
// eq. 8 of Fader, Hardie & Lee (2005) in mpmath at 40 digits (the script is in the comment below).
//   P = B(a,b+x)/B(a,b)·NB(x) + [x>0]·B(a+1,b+x−1)/B(a,b)·(1 − Σ_{j<x} NB(j)), NB(j) the NBD(r, α) count at t
import { describe, expect, it } from 'vitest';
import { cnbdPredictions } from '../../src/clv/bgCnbd/predictions';
import { bgFamilyPredictions } from '../../src/clv/bgNbd/predictions';
import { shiftedBetaGeometricPredictions as SBG } from '../../src/clv/shiftedBetaGeometric/predictions';
import { logBetaShift } from '../../src/math/special';
import { closeTo } from '../helpers/numbers';

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

// the shifted beta-geometric's S(t) = B(α, β+t)/B(α, β) and P(T = t) = B(α+1, β+t−1)/B(α, β), in mpmath at 40
// digits; the difference of two log-betas was 2e-8 off at β = 1e7 and 3e-5 at β = 1e10
describe('shifted beta-geometric survival and churn at large β', () => {
  const GOLDEN_SBG: readonly (readonly [number, number, readonly number[], readonly number[]])[] = [
    [
      0.704,
      1.182,
      [0.6267232237539767, 0.29237437296433333, 0.1700625768060506],
      [0.37327677624602335, 0.039720486022171105, 0.009827947305160041],
    ],
    [
      1,
      1e7,
      [0.99999990000001, 0.99999950000025, 0.99999880000144],
      [9.9999990000001e-8, 9.9999910000061e-8, 9.9999770000397e-8],
    ],
    [
      3,
      1e10,
      [0.9999999997, 0.9999999985, 0.9999999964],
      [2.9999999991e-10, 2.9999999943e-10, 2.9999999859e-10],
    ],
  ];
  it.each(GOLDEN_SBG)(
    'α = %d, β = %d: S(1, 5, 12) and P(T = 1, 5, 12) equal mpmath to 1e-13',
    (alpha, beta, survival, churn) => {
      [1, 5, 12].forEach((t, i) => {
        expect(closeTo(SBG.survival?.({ alpha, beta }, t) as number, survival[i] as number, 1e-13)).toBe(
          true,
        );
        expect(closeTo(SBG.churn?.({ alpha, beta }, t) as number, churn[i] as number, 1e-13)).toBe(true);
      });
    },
  );
});
