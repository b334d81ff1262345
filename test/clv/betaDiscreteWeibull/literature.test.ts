import { describe, expect, it } from 'vitest';
import {
  contractSurvival,
  discountedResidualLifetime,
  fitBetaDiscreteWeibull,
  fitShiftedBetaGeometric,
} from '../../../src/index';
import { expectParams, logLikelihoodOf } from '../literatureHelpers';

// Golden values: scripts/reference/bdw_reference.py (mpmath, 40 digits: S(t) = B(α, β + t^c)/B(α, β) with
// mpmath's beta, the maximum by findroot on the gradient), printed to 15 digits.
const REGULAR = [1000, 631, 468, 382, 326];
const HIGH_END = [1000, 869, 743, 653, 593];

describe('beta-discrete-Weibull, Fader, Hardie, Liu, Davin & Steenburgh (2018) "How to Project Customer Retention" Revisited', () => {
  // The paper's application: the first four renewals of Fader & Hardie's (2007) regular and high-end cohorts.
  // Its estimates, as reproduced in abdullahau/customer-analytics BdW-Model.ipynb: regular γ 0.5231,
  // δ 0.8944, c 1.1963, LL −1401.3831; high end γ 0.2593, δ 1.7225, c 1.5844, LL −1222.7493.
  it('regular customers: alpha 0.523, beta 0.894, c 1.196, log-likelihood −1,401.38 (mpmath to 1e−6)', () => {
    const fit = fitBetaDiscreteWeibull({ survivors: REGULAR });
    expectParams(fit, { alpha: 0.5231, beta: 0.8944, c: 1.1963 }, 4);
    expect(Math.abs(fit.params.alpha - 0.523029312908843)).toBeLessThan(1e-6);
    expect(Math.abs(fit.params.beta - 0.894282658910332)).toBeLessThan(1e-6);
    expect(Math.abs(fit.params.c - 1.19639871135902)).toBeLessThan(1e-6);
    expect(Math.abs(logLikelihoodOf(fit) - -1401.383051678618)).toBeLessThan(1e-6);
  });

  it('high-end customers: alpha 0.259, beta 1.723, c 1.584, log-likelihood −1,222.75 (mpmath to 1e−6)', () => {
    const fit = fitBetaDiscreteWeibull({ survivors: HIGH_END });
    expectParams(fit, { alpha: 0.2593, beta: 1.7225, c: 1.5844 }, 4);
    expect(Math.abs(fit.params.alpha - 0.259335731511166)).toBeLessThan(1e-6);
    expect(Math.abs(fit.params.beta - 1.72255148808669)).toBeLessThan(1e-6);
    expect(Math.abs(fit.params.c - 1.58436151502286)).toBeLessThan(1e-6);
    expect(Math.abs(logLikelihoodOf(fit) - -1222.749318240822)).toBeLessThan(1e-6);
  });

  it('the nested sBG on the same four renewals, and the likelihood-ratio statistics (0.35 and 4.77)', () => {
    const regular = fitShiftedBetaGeometric({ survivors: REGULAR });
    const highEnd = fitShiftedBetaGeometric({ survivors: HIGH_END });
    expect(Math.abs(logLikelihoodOf(regular) - -1401.559423577445)).toBeLessThan(1e-6);
    expect(Math.abs(logLikelihoodOf(highEnd) - -1225.134907041612)).toBeLessThan(1e-6);
    expect(Math.abs(highEnd.params.beta - 7.79038409526386)).toBeLessThan(1e-6);
    const statistic = (bdw: number[], sbg: ReturnType<typeof fitShiftedBetaGeometric>): number =>
      2 * (logLikelihoodOf(fitBetaDiscreteWeibull({ survivors: bdw })) - logLikelihoodOf(sbg));
    expect(statistic(REGULAR, regular)).toBeCloseTo(0.35, 2);
    expect(statistic(HIGH_END, highEnd)).toBeCloseTo(4.77, 2);
  });
});

describe('beta-discrete-Weibull predictions against mpmath (scripts/reference/bdw_reference.py)', () => {
  // [alpha, beta, c], then t → [survival, retention, churn], then [renewals, rate, DERL]
  const points: readonly {
    params: { alpha: number; beta: number; c: number };
    curves: Record<number, readonly [number, number, number]>;
    derl: readonly (readonly [number, number, number])[];
  }[] = [
    {
      params: { alpha: 0.523, beta: 0.894, c: 1.196 },
      curves: {
        1: [0.6309103740296401, 0.6309103740296401, 0.36908962597035994],
        2: [0.4684097354034898, 0.7424346700970302, 0.1625006386261503],
        5: [0.2875920528360018, 0.8819451228418237, 0.03849632317237856],
        12: [0.17151523487426062, 0.9487990013854891, 0.009255649816600691],
        60: [0.06360580791589408, 0.9895933207774051, 0.0006688861229931303],
      },
      derl: [
        [0, 0.1, 2.9612564923610605],
        [4, 0.1, 6.036425522851101],
        [10, 0.01, 33.87115069543865],
      ],
    },
    {
      params: { alpha: 0.259, beta: 1.723, c: 1.584 },
      curves: {
        1: [0.8693239152371343, 0.8693239152371343, 0.1306760847628658],
        2: [0.7422751477910008, 0.8538533621136178, 0.1270487674461334],
        5: [0.5471389742476266, 0.921996324530883, 0.04628961075895033],
        12: [0.38949477016745165, 0.9658825843390888, 0.013757940340799102],
        60: [0.20250999967785846, 0.9931427862068661, 0.0013982424101797756],
      },
      derl: [
        [0, 0.1, 5.49920084452048],
        [4, 0.1, 7.321925359955928],
        [10, 0.01, 47.44825857097644],
      ],
    },
    {
      params: { alpha: 2.5, beta: 40, c: 0.4 },
      curves: {
        1: [0.9411764705882353, 0.9411764705882353, 0.058823529411764705],
        2: [0.9234037163950046, 0.9811164486696924, 0.017772754193230718],
        5: [0.8921049393962983, 0.9904974468916513, 0.008558603145759389],
        12: [0.8516857139849545, 0.9946897952565352, 0.00454676979688691],
        60: [0.7428657211848472, 0.9981233256123833, 0.0013967382953711583],
      },
      derl: [
        [0, 0.1, 9.574204858355827],
        [4, 0.1, 10.345484311314946],
        [10, 0.01, 83.81705015855881],
      ],
    },
    {
      params: { alpha: 0.3, beta: 0.6, c: 2.5 },
      curves: {
        1: [0.6666666666666666, 0.6666666666666666, 0.3333333333333333],
        2: [0.42104476991492257, 0.6315671548723838, 0.24562189675174412],
        5: [0.21432144536124262, 0.8467461420779703, 0.038790360776171616],
        12: [0.11128197702411093, 0.9368594642096766, 0.007499954818769127],
        60: [0.03328598872410961, 0.9874738897465952, 0.0004222329005162684],
      },
      derl: [
        [0, 0.1, 2.4000552670318966],
        [4, 0.1, 5.214862526156231],
        [10, 0.01, 27.765835405534883],
      ],
    },
  ];
  const relative = (value: number, reference: number): number => Math.abs(value - reference) / reference;

  it.each(points)('survival, retention and churn to 1e−10 relative at $params', ({ params, curves }) => {
    const fit = { model: 'betaDiscreteWeibull', params } as const;
    const projected = contractSurvival(fit, 60);
    for (const [t, [survival, retention, churn]] of Object.entries(curves)) {
      const period = Number(t);
      expect(relative(projected.survival[period] as number, survival)).toBeLessThan(1e-10);
      expect(relative(projected.retention[period - 1] as number, retention)).toBeLessThan(1e-10);
      expect(relative(projected.churn[period - 1] as number, churn)).toBeLessThan(1e-10);
    }
  });

  it.each(points)('DERL to 1e−10 relative at $params', ({ params, derl }) => {
    const fit = { model: 'betaDiscreteWeibull', params } as const;
    for (const [renewals, discountRate, value] of derl) {
      expect(relative(discountedResidualLifetime(fit, { renewals, discountRate }), value)).toBeLessThan(
        1e-10,
      );
    }
  });

  it('refuses a discount rate too small for the series to settle (UNDEFINED_PREDICTION), never a cut sum', () => {
    const fit = { model: 'betaDiscreteWeibull', params: { alpha: 0.5, beta: 1, c: 0.3 } } as const;
    expect(() => discountedResidualLifetime(fit, { renewals: 0, discountRate: 1e-9 })).toThrow(
      expect.objectContaining({ code: 'UNDEFINED_PREDICTION' }),
    );
  });
});
