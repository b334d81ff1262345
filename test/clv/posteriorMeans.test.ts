import { describe, expect, it } from 'vitest';
import { posteriorMeans } from '../../src/index';
import { codeOf } from '../helpers/errors';
import { expectClose } from '../helpers/numbers';

// 30-digit values from scripts/reference/posterior_means_new_customer.py (table in
// scripts/reference/posterior_means_new_customer.out): each individual-level likelihood integrated term by
// term against the mixing densities (gamma and beta integrals exact, the death time by quadrature).
const TOLERANCE = 1e-12;
const CONTINUOUS: [number, number, number][] = [
  [0, 0, 38.86],
  [2, 30.43, 38.86],
  [7, 35.71, 38.86],
  [26, 30.86, 31],
];
const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const CASES = {
  bgNbd: {
    params: BG,
    expected: [
      { lambda: 0.005615381060220918, p: 0.246349798073936 },
      { lambda: 0.05526124753805673, p: 0.20433443761627268 },
      { lambda: 0.1692140574875685, p: 0.09129395002557544 },
      { lambda: 0.7411260416874499, p: 0.0282037150580949 },
    ],
  },
  mbgNbd: {
    params: BG,
    expected: [
      { lambda: 0.023548388352330137, p: 0.27393853093982096 },
      { lambda: 0.05466131961154035, p: 0.1637852962496147 },
      { lambda: 0.16904375614829542, p: 0.08200128524534246 },
      { lambda: 0.7411229220867827, p: 0.02723530439256904 },
    ],
  },
  paretoNbd: {
    params: { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.669 },
    expected: [
      { lambda: 0.025911149263222313, mu: 0.06483049505471156 },
      { lambda: 0.052378320262913, mu: 0.015026629558004519 },
      { lambda: 0.15304599267845317, mu: 0.013020339495106188 },
      { lambda: 0.6386025666511863, mu: 0.014251256107999884 },
    ],
  },
  ggomNbd: {
    params: { r: 0.55, alpha: 10.58, b: 0.05, s: 0.6, beta: 0.5 },
    expected: [
      { lambda: 0.028191299619849595, eta: 1.4729673573063955 },
      { lambda: 0.05323282330022078, eta: 0.1598762076867519 },
      { lambda: 0.15339949522671767, eta: 0.1145787064339158 },
      { lambda: 0.6385335068657654, eta: 0.1436401628707742 },
    ],
  },
} as const;

describe('posteriorMeans', () => {
  for (const [model, { params, expected }] of Object.entries(CASES)) {
    it(`${model}: matches the term-by-term mpmath integration of scripts/reference/posterior_means_new_customer.py to 1e-12`, () => {
      CONTINUOUS.forEach(([frequency, recency, T], i) => {
        const means = posteriorMeans({ model, params } as never, { frequency, recency, T });
        const reference = expected[i] as Readonly<Record<string, number>>;
        expect(Object.keys(means).sort()).toEqual(Object.keys(reference).sort());
        for (const [name, value] of Object.entries(reference)) {
          expectClose((means as Record<string, number>)[name] as number, value, TOLERANCE);
        }
      });
    });
  }

  it('bgBb: matches the exact beta-integral sums of the reference script (Fader, Hardie & Shang 2010 donations fit) to 1e-12', () => {
    const fit = { model: 'bgBb', params: { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 } } as const;
    const cases: [number, number, number, number, number][] = [
      [0, 0, 6, 0.4878298950053595, 0.3104326539181078],
      [3, 4, 6, 0.6119835400918843, 0.13437113994890568],
      [6, 6, 6, 0.9057078199647975, 0.06959745762711865],
      [2, 2, 11, 0.7695840950199613, 0.24761115887324645],
    ];
    for (const [frequency, recency, periods, p, theta] of cases) {
      const means = posteriorMeans(fit, { frequency, recency, periods });
      expectClose(means.p as number, p, TOLERANCE);
      expectClose(means.theta as number, theta, TOLERANCE);
    }
  });

  it('NBD: the textbook (r + x)/(α + T)', () => {
    const means = posteriorMeans(
      { model: 'nbd', params: { r: 0.243, alpha: 4.414 } },
      { frequency: 7, recency: 35.71, T: 38.86 },
    );
    expectClose(means.lambda as number, (0.243 + 7) / (4.414 + 38.86));
  });

  it('a fit with covariates: the plain model at the customer’s own parameters', () => {
    const fit = {
      model: 'paretoNbd',
      params: CASES.paretoNbd.params,
      coefficients: { purchase: { z: 0.4 }, dropout: { z: -0.3 } },
    } as const;
    const customer = { frequency: 2, recency: 30.43, T: 38.86, covariates: { z: 1.5 } };
    const own = posteriorMeans(fit as never, customer);
    // λ ~ Gamma(r, α·e^(−0.4·1.5)) and μ ~ Gamma(s, β·e^(0.3·1.5)) (docs/model-covariates.md)
    const plain = posteriorMeans(
      {
        model: 'paretoNbd',
        params: { r: 0.553, alpha: 10.58 * Math.exp(-0.6), s: 0.606, beta: 11.669 * Math.exp(0.45) },
      },
      customer,
    );
    expectClose(own.lambda as number, plain.lambda as number);
    expectClose(own.mu as number, plain.mu as number);
  });

  it('refuses a Gamma-Gamma fit (UNSUPPORTED_MODEL) and an inconsistent customer (INVALID_SUMMARY_ROW)', () => {
    const gg = { model: 'gammaGamma', params: { p: 6.25, q: 3.74, gamma: 15.44 } } as const;
    expect(codeOf(() => posteriorMeans(gg, { frequency: 1, recency: 1, T: 2 }))).toBe('UNSUPPORTED_MODEL');
    expect(
      codeOf(() => posteriorMeans({ model: 'bgNbd', params: BG }, { frequency: 2, recency: 9, T: 5 })),
    ).toBe('INVALID_SUMMARY_ROW');
  });
});
