import { describe, expect, it } from 'vitest';
import { customerLifetimeValue, expectedPurchases, isPatronageError } from '../../src/index';
import { expectClose } from '../helpers/numbers';

// 30-digit values from scripts/reference/posterior_means_new_customer.py (its table is
// scripts/reference/posterior_means_new_customer.out): Σₖ (E[X(k)] − E[X(k − 1)])·1.1^(−7k/365.2425)·35·0.3
// over 52 weekly steps, with each paper's unconditional E[X(t)] evaluated by mpmath.
const WEEKLY = { timeUnit: 'week', horizon: 52, discountRate: 0.1, margin: 0.3, averageSpend: 35 } as const;
const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const PARETO = { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.669 };
const GGOM = { r: 0.55, alpha: 10.58, b: 0.05, s: 0.6, beta: 0.5 };
const BGBB = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };

describe("customerLifetimeValue of a 'new' customer", () => {
  it('matches the mpmath evaluation of FHL (2005) eq. 9 (BG/NBD, CDNOW fit) to 1e-12', () => {
    expectClose(customerLifetimeValue({ model: 'bgNbd', params: BG }, 'new', WEEKLY), 14.591562615887575);
  });

  it('matches the mpmath evaluation of Schmittlein et al. (1987) E[X(t)] (Pareto/NBD, CDNOW fit) to 1e-12', () => {
    expectClose(
      customerLifetimeValue({ model: 'paretoNbd', params: PARETO }, 'new', WEEKLY),
      14.852511385051182,
    );
  });

  it('matches the mpmath NBD value r·t/α to 1e-12', () => {
    const fit = { model: 'nbd', params: { r: BG.r, alpha: BG.alpha } } as const;
    expectClose(customerLifetimeValue(fit, 'new', WEEKLY), 28.648849764685107);
  });

  it('matches the mpmath quadrature of (r/α)∫S(u)du (GGom/NBD) to 1e-12', () => {
    expectClose(customerLifetimeValue({ model: 'ggomNbd', params: GGOM }, 'new', WEEKLY), 10.934219014947555);
  });

  it('matches the mpmath evaluation of Fader, Hardie & Shang (2010) eq. 8 (BG/BB, yearly) to 1e-12', () => {
    const value = customerLifetimeValue({ model: 'bgBb', params: BGBB }, 'new', {
      ...WEEKLY,
      timeUnit: 'year',
      horizon: 10,
    });
    expectClose(value, 21.996321261981233);
  });

  it('undiscounted, is E[X(horizon)] × spend × margin', () => {
    for (const fit of [
      { model: 'bgNbd', params: BG },
      { model: 'mbgNbd', params: BG },
      { model: 'paretoNbd', params: PARETO },
      { model: 'ggomNbd', params: GGOM },
    ] as const) {
      const value = customerLifetimeValue(fit, 'new', { ...WEEKLY, discountRate: 0 });
      expectClose(value, expectedPurchases(fit, 52) * 35 * 0.3);
    }
  });

  it('with a Gamma-Gamma spend model, uses the population mean spend p·γ/(q − 1)', () => {
    const spendModel = { model: 'gammaGamma', params: { p: 6.25, q: 3.74, gamma: 15.44 } } as const;
    const { averageSpend: _, ...rest } = WEEKLY;
    const value = customerLifetimeValue({ model: 'bgNbd', params: BG }, 'new', { ...rest, spendModel });
    expectClose(value, (14.591562615887575 / 35) * ((6.25 * 15.44) / 2.74));
  });

  it('a fit with covariates cannot value a bare new customer: MISSING_COVARIATE', () => {
    const fit = {
      model: 'paretoNbd',
      params: PARETO,
      coefficients: { purchase: { gender: 0.2 }, dropout: {} },
    } as const;
    try {
      customerLifetimeValue(fit as never, 'new', WEEKLY);
      expect.unreachable();
    } catch (error) {
      expect(isPatronageError(error) && error.code).toBe('MISSING_COVARIATE');
    }
  });

  it('any other string is not a customer: INVALID_SUMMARY_ROW or INVALID_ARGUMENT, never a value', () => {
    expect(() => customerLifetimeValue({ model: 'bgNbd', params: BG }, 'old' as never, WEEKLY)).toThrow(
      /customerLifetimeValue/,
    );
  });
});
