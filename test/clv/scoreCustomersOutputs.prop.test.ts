import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  conditionalPurchaseProbability,
  discountedExpectedTransactions,
  expectedPurchases,
  PatronageError,
  probabilityAlive,
  scoreCustomers,
} from '../../src/index';
import { closeTo } from '../helpers/numbers';
import { continuousFit, history, positive } from './arbitraries';

const ALL = [
  'probabilityAlive',
  'expectedPurchases',
  'probabilityNoPurchase',
  'discountedExpectedTransactions',
] as const;

/** Histories of the region DERT is checked in (up to 200 purchases, T up to 300 weeks). */
const moderateHistory = fc
  .record({
    frequency: fc.integer({ min: 0, max: 200 }),
    T: positive(0.5, 300),
    share: fc.oneof(fc.constant(1), positive(0.01, 1)),
  })
  .map(({ frequency, T, share }) => ({ frequency, recency: frequency === 0 ? 0 : T * share, T }));

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof PatronageError) return error.code;
    throw error;
  }
  return 'none';
}

describe('scoreCustomers outputs', () => {
  it('every output equals its per-customer function to the bit, from columns, repeated customers included', () => {
    fc.assert(
      fc.property(
        continuousFit,
        fc.array(moderateHistory, { minLength: 1, maxLength: 6 }),
        positive(0, 100),
        positive(0.02, 0.5),
        (fit, distinct, horizon, discountRate) => {
          // every customer twice, so the second of each pair is served from the (x, T) memos
          const customers = [...distinct, ...distinct.slice().reverse()];
          const columns = {
            frequency: Float64Array.from(customers, (c) => c.frequency),
            recency: Float64Array.from(customers, (c) => c.recency),
            T: Float64Array.from(customers, (c) => c.T),
          };
          const options = { discountRate, timeUnit: 'week' } as const;
          const scores = scoreCustomers(fit, columns, { horizon, outputs: ALL, ...options });
          customers.forEach((customer, i) => {
            expect(scores.probabilityAlive[i]).toBe(probabilityAlive(fit, customer));
            expect(scores.expectedPurchases[i]).toBe(expectedPurchases(fit, horizon, customer));
            expect(scores.probabilityNoPurchase[i]).toBe(
              conditionalPurchaseProbability(fit, customer, 0, horizon),
            );
            expect(scores.discountedExpectedTransactions[i]).toBe(
              discountedExpectedTransactions(fit, customer, options),
            );
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('the default outputs are unchanged and an output subset gives the same columns as all of them', () => {
    fc.assert(
      fc.property(
        continuousFit,
        fc.array(history, { minLength: 1, maxLength: 6 }),
        positive(0, 100),
        (fit, customers, horizon) => {
          const plain = scoreCustomers(fit, customers, { horizon });
          expect(Object.keys(plain).sort()).toEqual(['expectedPurchases', 'probabilityAlive']);
          const quiet = scoreCustomers(fit, customers, { horizon, outputs: ['probabilityNoPurchase'] });
          expect(Object.keys(quiet)).toEqual(['probabilityNoPurchase']);
          const both = scoreCustomers(fit, customers, {
            horizon,
            outputs: ['expectedPurchases', 'probabilityNoPurchase'],
          });
          expect(both.expectedPurchases).toEqual(plain.expectedPurchases);
          expect(both.probabilityNoPurchase).toEqual(quiet.probabilityNoPurchase);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('a BG/NBD fit with covariates scores every output as the plain model at each customer’s own parameters (1e-12)', () => {
    fc.assert(
      fc.property(
        fc.record({ r: positive(0.1, 3), alpha: positive(1, 50), a: positive(0.2, 3), b: positive(0.5, 10) }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.array(fc.tuple(moderateHistory, fc.double({ min: -2, max: 2, noNaN: true })), {
          minLength: 1,
          maxLength: 5,
        }),
        positive(0.1, 60),
        (params, purchase, dropout, rows, horizon) => {
          const fit = {
            model: 'bgNbd',
            params,
            coefficients: { purchase: { z: purchase }, dropout: { z: dropout } },
          } as const;
          const customers = rows.map(([row, z]) => ({ ...row, covariates: { z } }));
          const options = { discountRate: 0.1, timeUnit: 'week' } as const;
          const scores = scoreCustomers(fit, customers, { horizon, outputs: ALL, ...options });
          customers.forEach((customer, i) => {
            const z = customer.covariates.z;
            // α·exp(−γz) for the purchase process, a·exp(γz) and b·exp(γz) for dropout (docs/model-covariates.md)
            const own = {
              model: 'bgNbd',
              params: {
                r: params.r,
                alpha: params.alpha * Math.exp(-purchase * z),
                a: params.a * Math.exp(dropout * z),
                b: params.b * Math.exp(dropout * z),
              },
            } as const;
            const plain = { frequency: customer.frequency, recency: customer.recency, T: customer.T };
            const pairs: [number | undefined, number][] = [
              [scores.probabilityAlive[i], probabilityAlive(own, plain)],
              [scores.expectedPurchases[i], expectedPurchases(own, horizon, plain)],
              [scores.probabilityNoPurchase[i], conditionalPurchaseProbability(own, plain, 0, horizon)],
              [scores.discountedExpectedTransactions[i], discountedExpectedTransactions(own, plain, options)],
            ];
            for (const [batch, single] of pairs) {
              expect(closeTo(batch as number, single, 1e-12), `${batch} against ${single}`).toBe(true);
            }
          });
        },
      ),
      { numRuns: 30 },
    );
  });

  it('refuses unknown or repeated outputs, a missing horizon or discount rate, and an output the model lacks', () => {
    const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
    const customers = [{ frequency: 2, recency: 30.43, T: 38.86 }];
    const call = (options: unknown) => () => scoreCustomers(fit, customers, options as { horizon: number });
    expect(codeOf(call({ horizon: 1, outputs: ['clv'] }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(call({ horizon: 1, outputs: ['probabilityAlive', 'probabilityAlive'] }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(call({ horizon: 1, outputs: [] }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(call({ outputs: ['expectedPurchases'] }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(call({ outputs: ['discountedExpectedTransactions'], timeUnit: 'week' }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(
      codeOf(call({ outputs: ['discountedExpectedTransactions'], discountRate: 0, timeUnit: 'week' })),
    ).toBe('OUT_OF_RANGE');
    expect(codeOf(call({ horizon: 1, outputs: ['probabilityAlive'], discountRate: 0.1 }))).toBe(
      'OUT_OF_RANGE',
    );
    // DERT alone needs no horizon
    const dert = scoreCustomers(fit, customers, {
      outputs: ['discountedExpectedTransactions'],
      discountRate: 0.15,
      timeUnit: 'week',
    });
    expect(dert.discountedExpectedTransactions[0]).toBe(
      discountedExpectedTransactions(fit, customers[0] as (typeof customers)[0], {
        discountRate: 0.15,
        timeUnit: 'week',
      }),
    );
    const cnbd = { model: 'bgCnbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, k: 2 } } as const;
    expect(
      codeOf(() =>
        scoreCustomers(cnbd, customers, {
          outputs: ['discountedExpectedTransactions'],
          discountRate: 0.1,
          timeUnit: 'week',
        }),
      ),
    ).toBe('UNSUPPORTED_MODEL');
  });
});
