import { describe, expect, it } from 'vitest';
import { conditionalPurchaseProbability, probabilityAlive, purchaseProbability } from '../../src/index';
import { codeOf } from '../helpers/errors';
import { closeTo } from '../helpers/numbers';

// CDNOW fits in weeks: BG/NBD of Fader, Hardie & Lee (2005); Pareto/NBD of Fader & Hardie's note; BG/BB:
// the donations fit of Fader, Hardie & Shang (2010).
const PARAMS = {
  bgNbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  mbgNbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  paretoNbd: { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.669 },
  bgBb: { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 },
} as const;
type Model = keyof typeof PARAMS;

/**
 * [model, (x, t_x, T), n, t, P(Y(t) = n | history)]: the joint probability of the history and of n future
 * purchases integrated over the mixing distributions by mpmath 1.3, over the likelihood integrated the same
 * way (test/clv/reference/conditionalPurchaseProbability.py: its default run at 20 digits, and for the
 * heavy buyer its `plain` run at 30 digits, whose quadrature of the unsubstituted densities converges where
 * the substituted one stopped at 0.0144644584, 7e-7 off).
 */
const REFERENCE: [Model, [number, number, number], number, number, number][] = [
  ['bgNbd', [2, 30.43, 38.86], 0, 39, 0.44537286208299554],
  ['bgNbd', [2, 30.43, 38.86], 1, 39, 0.23931893743502777],
  ['bgNbd', [0, 0, 38.86], 0, 52, 0.8254910935851634],
  ['bgNbd', [30, 20, 38.86], 0, 520, 0.9999987978311424],
  ['bgNbd', [30, 38.5, 38.86], 40, 78, 0.014464468267173985],
  ['mbgNbd', [0, 0, 38.86], 0, 52, 0.8887936168825418],
  ['mbgNbd', [5, 35, 38.86], 3, 39, 0.13492526761262152],
  ['paretoNbd', [2, 30.43, 38.86], 0, 39, 0.4080707186445386],
];

describe('conditionalPurchaseProbability', () => {
  it('matches an independent mpmath integration over the mixing distributions (test/clv/reference/conditionalPurchaseProbability.py) to 1e-12', () => {
    for (const [model, [x, tx, T], n, t, expected] of REFERENCE) {
      const customer =
        model === 'bgBb' ? { frequency: x, recency: tx, periods: T } : { frequency: x, recency: tx, T };
      const value = conditionalPurchaseProbability({ model, params: PARAMS[model] } as never, customer, n, t);
      expect(
        closeTo(value, expected),
        `${model} ${x}, ${tx}, ${T}: P(${n} in ${t}) = ${value}, expected ${expected}`,
      ).toBe(true);
    }
  });

  it('a customer who has just bought (t_x = T) has the count distribution of a new customer with the posterior parameters (BG/NBD)', () => {
    // alive for sure at T when x = 0 under BG/NBD: λ ~ Gamma(r, α+T), p ~ Beta(a, b)
    const fit = { model: 'bgNbd', params: PARAMS.bgNbd } as const;
    const posterior = {
      model: 'bgNbd',
      params: { ...PARAMS.bgNbd, alpha: PARAMS.bgNbd.alpha + 38.86 },
    } as const;
    for (const n of [0, 1, 3, 10]) {
      const conditional = conditionalPurchaseProbability(fit, { frequency: 0, recency: 0, T: 38.86 }, n, 52);
      expect(closeTo(conditional, purchaseProbability(posterior, n, 52))).toBe(true);
    }
  });

  it('a window of length 0 holds no purchase for sure; a dead share keeps its digits when P(alive) is near 1', () => {
    const fit = { model: 'paretoNbd', params: PARAMS.paretoNbd } as const;
    const customer = { frequency: 5, recency: 38.8599, T: 38.86 };
    expect(conditionalPurchaseProbability(fit, customer, 0, 0)).toBe(1);
    expect(conditionalPurchaseProbability(fit, customer, 2, 0)).toBe(0);
    const quiet = conditionalPurchaseProbability(fit, customer, 0, 1e-9);
    expect(quiet).toBeGreaterThanOrEqual(1 - probabilityAlive(fit, customer) - Number.EPSILON);
    expect(quiet).toBeLessThan(1);
  });

  it('refuses spend and contract models, a fractional count, a negative window and a fractional BG/BB window', () => {
    const customer = { frequency: 2, recency: 30.43, T: 38.86 };
    const gammaGamma = { model: 'gammaGamma', params: { p: 6.25, q: 3.74, gamma: 15.44 } } as const;
    expect(codeOf(() => conditionalPurchaseProbability(gammaGamma, customer, 0, 1))).toBe(
      'UNSUPPORTED_MODEL',
    );
    const fit = { model: 'bgNbd', params: PARAMS.bgNbd } as const;
    expect(codeOf(() => conditionalPurchaseProbability(fit, customer, 1.5, 1))).toBe('NOT_AN_INTEGER');
    expect(codeOf(() => conditionalPurchaseProbability(fit, customer, 1, -1))).toBe('OUT_OF_RANGE');
    const bgBb = { model: 'bgBb', params: PARAMS.bgBb } as const;
    expect(
      codeOf(() => conditionalPurchaseProbability(bgBb, { frequency: 1, recency: 2, periods: 6 }, 0, 2.5)),
    ).toBe('NOT_AN_INTEGER');
  });
});
