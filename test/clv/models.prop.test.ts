import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  customerLifetimeValue,
  expectedPurchases,
  fitBgBb,
  fitBgNbd,
  fitGammaGamma,
  fitMbgNbd,
  fitParetoNbd,
  fitShiftedBetaGeometric,
  type ModelFit,
  probabilityAlive,
  purchaseProbability,
  scoreCustomers,
} from '../../src/index';
import { codeOf } from '../helpers/errors';
import { isDeepFinite } from '../helpers/numbers';

const positive = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

const bgParams = fc.record({
  r: positive(0.01, 20),
  alpha: positive(0.01, 500),
  a: positive(0.01, 20),
  b: positive(0.01, 50),
});
const paretoParams = fc.record({
  r: positive(0.01, 20),
  alpha: positive(0.01, 500),
  s: positive(0.01, 20),
  beta: positive(0.01, 500),
});
const continuousFit = fc.oneof(
  bgParams.map((params) => ({ model: 'bgNbd' as const, params })),
  bgParams.map((params) => ({ model: 'mbgNbd' as const, params })),
  paretoParams.map((params) => ({ model: 'paretoNbd' as const, params })),
);

/** A consistent (x, t_x, T), including the extremes of the issue: x up to 10⁴, T up to 10⁵, t_x = T. */
const history = fc
  .record({
    frequency: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 10_000 })),
    T: fc.oneof(positive(0.01, 100), positive(1, 100_000)),
    share: fc.oneof(fc.constant(1), positive(0.001, 1)),
  })
  .map(({ frequency, T, share }) => ({ frequency, recency: frequency === 0 ? 0 : T * share, T }));

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

  it('BG/NBD P(alive) is 1 for a customer without repeat purchases', () => {
    fc.assert(
      fc.property(bgParams, positive(0, 100_000), (params, T) => {
        expect(probabilityAlive({ model: 'bgNbd', params }, { frequency: 0, recency: 0, T })).toBe(1);
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

  it('rescaling the time unit (times × c, alpha and beta × c) leaves probabilities and expected purchases unchanged', () => {
    fc.assert(
      fc.property(continuousFit, history, positive(0.001, 1000), positive(0, 100), (fit, customer, c, t) => {
        const scaledParams: Record<string, number> = { ...fit.params };
        scaledParams['alpha'] = (scaledParams['alpha'] as number) * c;
        if ('beta' in scaledParams) scaledParams['beta'] = (scaledParams['beta'] as number) * c;
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

  it('scoreCustomers gives exactly what the per-customer functions give, repeated customers included', () => {
    fc.assert(
      fc.property(
        continuousFit,
        fc.array(history, { minLength: 1, maxLength: 8 }),
        positive(0, 100),
        (fit, distinct, horizon) => {
          // every customer twice, so the second of each pair is served from the (x, T) memo
          const customers = [...distinct, ...distinct.slice().reverse()];
          const scores = scoreCustomers(fit, customers, { horizon });
          customers.forEach((customer, i) => {
            expect(scores.probabilityAlive[i]).toBe(probabilityAlive(fit, customer));
            expect(scores.expectedPurchases[i]).toBe(expectedPurchases(fit, horizon, customer));
          });
        },
      ),
      { numRuns: 60 },
    );
  });
});

/** Rows drawn from a BG/NBD-like process with extreme shapes allowed. */
const summaryRows = fc.array(
  fc
    .record({ h: history, weight: fc.integer({ min: 1, max: 50 }) })
    .map(({ h, weight }) => ({ ...h, weight })),
  { minLength: 1, maxLength: 12 },
);

function wellFormed(fit: ModelFit): void {
  expect(isDeepFinite(fit)).toBe(true);
  expect(Object.values(fit.params).every((value) => (value as number) > 0)).toBe(true);
  if (!fit.converged) expect(typeof fit.reason).toBe('string');
  expect(JSON.parse(JSON.stringify(fit))).toEqual(fit);
}

describe('fits on extreme but valid data', () => {
  it('BG/NBD, MBG/NBD and Pareto/NBD either converge or say why, never with NaN parameters', () => {
    fc.assert(
      fc.property(summaryRows, (rows) => {
        for (const fit of [fitBgNbd(rows), fitMbgNbd(rows), fitParetoNbd(rows)]) wellFormed(fit);
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
      for (const fit of [fitBgNbd(rows), fitMbgNbd(rows), fitParetoNbd(rows)]) wellFormed(fit);
  });

  it('the fit does not depend on the order of the rows or on splitting a weight into identical rows', () => {
    fc.assert(
      fc.property(summaryRows, (rows) => {
        const reversed = [...rows].reverse();
        const split = rows.flatMap((row) => [
          { ...row, weight: row.weight / 2 },
          { ...row, weight: row.weight / 2 },
        ]);
        const base = fitBgNbd(rows);
        fc.pre(base.converged);
        for (const other of [fitBgNbd(reversed), fitBgNbd(split)]) {
          expect(Math.abs(other.logLikelihood - base.logLikelihood)).toBeLessThan(
            1e-6 * Math.max(1, Math.abs(base.logLikelihood)),
          );
        }
      }),
      { numRuns: 30 },
    );
  });

  it('a start that settles on the a → 0 plateau does not hide a higher likelihood towards the boundary (regression, FC_SEED=5730830)', () => {
    const rows = [
      { frequency: 1, recency: 0.00001, T: 0.01, weight: 32 },
      { frequency: 2, recency: 15027.599563026924, T: 15027.599563026924, weight: 38 },
      { frequency: 7, recency: 91402.2768424509, T: 91402.2768424509, weight: 4 },
    ];
    const fits = [rows, [...rows].reverse()].map((list) => fitBgNbd(list));
    for (const result of fits) {
      // the plateau's interior stationary point has log-likelihood −1337.18; the boundary reaches −1165.88
      expect(result.logLikelihood).toBeGreaterThan(-1166);
      expect(result.converged).toBe(false);
      expect(result.reason).toContain('no interior maximum');
    }
  });

  it('tiny and huge time units give the same BG/NBD fit, alpha scaled', () => {
    const rows = [
      { frequency: 0, recency: 0, T: 38, weight: 600 },
      { frequency: 1, recency: 4, T: 38, weight: 100 },
      { frequency: 1, recency: 30, T: 36, weight: 90 },
      { frequency: 2, recency: 10, T: 38, weight: 40 },
      { frequency: 2, recency: 33, T: 35, weight: 40 },
      { frequency: 6, recency: 35, T: 37, weight: 15 },
    ];
    const base = fitBgNbd(rows);
    for (const c of [1e-6, 1e6]) {
      const fit = fitBgNbd(rows.map((row) => ({ ...row, recency: row.recency * c, T: row.T * c })));
      expect(Math.abs(fit.params.alpha / c - base.params.alpha) / base.params.alpha).toBeLessThan(1e-5);
      expect(Math.abs(fit.params.r - base.params.r) / base.params.r).toBeLessThan(1e-5);
    }
  });

  it('BG/BB, Gamma-Gamma and shifted beta-geometric fits are well formed on random valid data', () => {
    const discrete = fc.array(
      fc
        .record({
          n: fc.integer({ min: 1, max: 12 }),
          x: fc.nat(),
          t: fc.nat(),
          weight: fc.integer({ min: 1, max: 100 }),
        })
        .map(({ n, x, t, weight }) => {
          const recency = t % (n + 1);
          const frequency = recency === 0 ? 0 : 1 + (x % recency);
          return { frequency, recency, periods: n, weight };
        }),
      { minLength: 1, maxLength: 10 },
    );
    const spend = fc.array(
      fc.record({ frequency: fc.integer({ min: 1, max: 10_000 }), monetaryValue: positive(0.01, 1e6) }),
      { minLength: 1, maxLength: 10 },
    );
    const survivors = fc
      .array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 10 })
      .map((counts) => [...counts].sort((a, b) => b - a))
      .filter((counts) => (counts[0] as number) > 0);
    fc.assert(
      fc.property(discrete, (rows) => wellFormed(fitBgBb(rows))),
      { numRuns: 30 },
    );
    fc.assert(
      fc.property(spend, (rows) => wellFormed(fitGammaGamma(rows))),
      { numRuns: 30 },
    );
    fc.assert(
      fc.property(survivors, (counts) => wellFormed(fitShiftedBetaGeometric({ survivors: counts }))),
      { numRuns: 50 },
    );
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
    for (const fitter of [fitBgNbd, fitMbgNbd, fitParetoNbd]) {
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
