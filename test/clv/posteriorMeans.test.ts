import { describe, expect, it } from 'vitest';
import { isPatronageError, posteriorMeans } from '../../src/index';
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
      { lambda: 0.0056153810602209179, p: 0.246349798073936 },
      { lambda: 0.055261247538056734, p: 0.20433443761627267 },
      { lambda: 0.16921405748756849, p: 0.09129395002557544 },
      { lambda: 0.74112604168744993, p: 0.028203715058094901 },
    ],
  },
  mbgNbd: {
    params: BG,
    expected: [
      { lambda: 0.023548388352330136, p: 0.27393853093982098 },
      { lambda: 0.054661319611540352, p: 0.1637852962496147 },
      { lambda: 0.16904375614829543, p: 0.08200128524534246 },
      { lambda: 0.74112292208678266, p: 0.02723530439256904 },
    ],
  },
  paretoNbd: {
    params: { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.669 },
    expected: [
      { lambda: 0.025911149263222312, mu: 0.064830495054711556 },
      { lambda: 0.052378320262913003, mu: 0.015026629558004519 },
      { lambda: 0.15304599267845317, mu: 0.013020339495106188 },
      { lambda: 0.63860256665118636, mu: 0.014251256107999883 },
    ],
  },
  ggomNbd: {
    params: { r: 0.55, alpha: 10.58, b: 0.05, s: 0.6, beta: 0.5 },
    expected: [
      { lambda: 0.028191299619849594, eta: 1.4729673573063955 },
      { lambda: 0.053232823300220774, eta: 0.15987620768675189 },
      { lambda: 0.15339949522671766, eta: 0.11457870643391579 },
      { lambda: 0.63853350686576536, eta: 0.14364016287077418 },
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
      [0, 0, 6, 0.48782989500535948, 0.31043265391810782],
      [3, 4, 6, 0.61198354009188424, 0.13437113994890568],
      [6, 6, 6, 0.90570781996479759, 0.069597457627118644],
      [2, 2, 11, 0.76958409501996127, 0.24761115887324645],
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
    const codeOf = (run: () => unknown) => {
      try {
        run();
        return null;
      } catch (error) {
        return isPatronageError(error) ? error.code : 'not a PatronageError';
      }
    };
    const gg = { model: 'gammaGamma', params: { p: 6.25, q: 3.74, gamma: 15.44 } } as const;
    expect(codeOf(() => posteriorMeans(gg, { frequency: 1, recency: 1, T: 2 }))).toBe('UNSUPPORTED_MODEL');
    expect(
      codeOf(() => posteriorMeans({ model: 'bgNbd', params: BG }, { frequency: 2, recency: 9, T: 5 })),
    ).toBe('INVALID_SUMMARY_ROW');
  });
});
