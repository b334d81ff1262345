import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  customerLifetimeValue,
  expectedPurchases,
  fitBgBb,
  fitBgNbd,
  fitGammaGamma,
  fitGgomNbd,
  fitMbgNbd,
  fitNbd,
  fitParetoNbd,
  fitShiftedBetaGeometric,
  probabilityAlive,
  purchaseProbability,
} from '../../src/index';
import { codeOf } from '../helpers/errors';
import { continuousFit, history, positive, summaryRows, wellFormed } from './arbitraries';

describe('predictions of the continuous-time models', () => {
  it('P(alive) stays in [0, 1], with and without a horizon', () => {
    fc.assert(
      fc.property(continuousFit, history, positive(0, 1000), (fit, customer, horizon) => {
        const now = probabilityAlive(fit, customer);
        const later = probabilityAlive(fit, customer, { horizon });
        expect(now).toBeGreaterThanOrEqual(0);
        expect(now).toBeLessThanOrEqual(1);
        expect(later).toBeGreaterThanOrEqual(0);
        expect(later).toBeLessThanOrEqual(now * (1 + 1e-12));
      }),
    );
  });

  it('expected purchases are non-negative and non-decreasing in t, for new and known customers', () => {
    fc.assert(
      fc.property(continuousFit, history, positive(0, 500), positive(0, 500), (fit, customer, t1, t2) => {
        const [short, long] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const fresh = [expectedPurchases(fit, short), expectedPurchases(fit, long)] as const;
        const known = [
          expectedPurchases(fit, short, customer),
          expectedPurchases(fit, long, customer),
        ] as const;
        expect(fresh[0]).toBeGreaterThanOrEqual(0);
        expect(known[0]).toBeGreaterThanOrEqual(0);
        expect(fresh[1]).toBeGreaterThanOrEqual(fresh[0] * (1 - 1e-9));
        expect(known[1]).toBeGreaterThanOrEqual(known[0] * (1 - 1e-9));
      }),
    );
  });

  it('rescaling the time unit (times × c, alpha and beta × c, b ÷ c for GGom/NBD) leaves probabilities and expected purchases unchanged', () => {
    fc.assert(
      fc.property(continuousFit, history, positive(0.001, 1000), positive(0, 100), (fit, customer, c, t) => {
        const scaledParams: Record<string, number> = { ...fit.params };
        scaledParams['alpha'] = (scaledParams['alpha'] as number) * c;
        // GGom/NBD's beta has no unit; its b is a rate per unit of time
        if (fit.model === 'ggomNbd') scaledParams['b'] = (scaledParams['b'] as number) / c;
        else if ('beta' in scaledParams) scaledParams['beta'] = (scaledParams['beta'] as number) * c;
        const scaled = { model: fit.model, params: scaledParams } as unknown as typeof fit;
        const scaledCustomer = {
          frequency: customer.frequency,
          recency: customer.recency * c,
          T: customer.T * c,
        };
        const close = (a: number, b: number) =>
          Math.abs(a - b) <= 1e-7 * Math.max(1, Math.abs(a), Math.abs(b));
        expect(close(probabilityAlive(fit, customer), probabilityAlive(scaled, scaledCustomer))).toBe(true);
        expect(
          close(expectedPurchases(fit, t, customer), expectedPurchases(scaled, t * c, scaledCustomer)),
        ).toBe(true);
        expect(close(purchaseProbability(fit, 1, t), purchaseProbability(scaled, 1, t * c))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('purchase probabilities sum to 1 over the counts (the first 400, short of 1 by at most the Markov bound E[X]/400)', () => {
    fc.assert(
      fc.property(continuousFit, positive(0.1, 40), (fit, t) => {
        const mean = expectedPurchases(fit, t);
        let total = 0;
        for (let count = 0; count < 400; count++) total += purchaseProbability(fit, count, t);
        expect(total).toBeLessThanOrEqual(1 + 1e-9);
        expect(total).toBeGreaterThanOrEqual(1 - mean / 400 - 1e-9);
      }),
      { numRuns: 60 },
    );
  });

  it('CLV never rises when the discount rate rises, and is never negative', () => {
    fc.assert(
      fc.property(continuousFit, history, positive(0, 1), positive(0, 1), (fit, customer, d1, d2) => {
        fc.pre(customer.T <= 1000);
        const options = { timeUnit: 'week' as const, horizon: 52, margin: 0.3, averageSpend: 40 };
        const [low, high] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const cheap = customerLifetimeValue(fit, customer, { ...options, discountRate: low });
        const dear = customerLifetimeValue(fit, customer, { ...options, discountRate: high });
        expect(dear).toBeGreaterThanOrEqual(0);
        expect(dear).toBeLessThanOrEqual(cheap * (1 + 1e-12));
      }),
      { numRuns: 100 },
    );
  });
});

describe('fits on extreme but valid data', () => {
  it('BG/NBD, MBG/NBD, Pareto/NBD, NBD and GGom/NBD either converge or say why, never with NaN parameters', () => {
    fc.assert(
      fc.property(summaryRows, (rows) => {
        for (const fit of [
          fitBgNbd(rows),
          fitMbgNbd(rows),
          fitParetoNbd(rows),
          fitNbd(rows),
          fitGgomNbd(rows),
        ])
          wellFormed(fit);
      }),
      { numRuns: 40 },
    );
  });

  it('all frequencies zero, one customer, recency equal to T: still a well-formed result', () => {
    const cases = [
      [
        { frequency: 0, recency: 0, T: 30 },
        { frequency: 0, recency: 0, T: 10, weight: 3 },
      ],
      [{ frequency: 3, recency: 12, T: 20 }],
      [
        { frequency: 10_000, recency: 100_000, T: 100_000 },
        { frequency: 0, recency: 0, T: 5 },
      ],
    ];
    for (const rows of cases)
      for (const fit of [fitBgNbd(rows), fitMbgNbd(rows), fitParetoNbd(rows), fitNbd(rows), fitGgomNbd(rows)])
        wellFormed(fit);
  });
});

describe('invalid rows throw a PatronageError naming the row', () => {
  it.each([
    ['recency above T', { frequency: 1, recency: 5, T: 4 }, 'INVALID_SUMMARY_ROW'],
    ['repeat purchases with recency 0', { frequency: 2, recency: 0, T: 4 }, 'INVALID_SUMMARY_ROW'],
    ['recency without repeat purchases', { frequency: 0, recency: 1, T: 4 }, 'INVALID_SUMMARY_ROW'],
    ['a fractional frequency', { frequency: 1.5, recency: 1, T: 4 }, 'NOT_AN_INTEGER'],
    ['a negative T', { frequency: 0, recency: 0, T: -1 }, 'INVALID_SUMMARY_ROW'],
    ['a zero weight', { frequency: 0, recency: 0, T: 4, weight: 0 }, 'INVALID_SUMMARY_ROW'],
  ])('%s', (_label, row, code) => {
    const rows = [{ frequency: 0, recency: 0, T: 4 }, row];
    for (const fitter of [fitBgNbd, fitMbgNbd, fitParetoNbd, fitNbd, fitGgomNbd]) {
      expect(codeOf(() => fitter(rows as never))).toBe(code);
      try {
        fitter(rows as never);
      } catch (error) {
        expect(String((error as Error).message)).toContain('rows[1]');
      }
    }
  });

  it('negative spend and BG/BB frequency above recency', () => {
    expect(codeOf(() => fitGammaGamma([{ frequency: 2, monetaryValue: -3 }]))).toBe('INVALID_SUMMARY_ROW');
    expect(codeOf(() => fitBgBb([{ frequency: 3, recency: 2, periods: 6 }]))).toBe('INVALID_SUMMARY_ROW');
    expect(codeOf(() => fitShiftedBetaGeometric({ survivors: [100, 120] }))).toBe('INVALID_SUMMARY_ROW');
  });

  it('a prediction the model does not define is UNSUPPORTED_MODEL; a malformed fit is INVALID_FIT', () => {
    const spend = { model: 'gammaGamma', params: { p: 6, q: 3, gamma: 15 } } as const;
    expect(codeOf(() => expectedPurchases(spend, 10))).toBe('UNSUPPORTED_MODEL');
    expect(
      codeOf(() => expectedPurchases({ model: 'bgNbd', params: { r: 1, alpha: -1, a: 1, b: 1 } }, 10)),
    ).toBe('INVALID_FIT');
    expect(codeOf(() => expectedPurchases({ model: 'nbd', params: {} } as never, 10))).toBe('INVALID_FIT');
  });
});
