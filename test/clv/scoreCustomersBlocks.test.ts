import { describe, expect, it } from 'vitest';
import {
  conditionalPurchaseProbability,
  discountedExpectedTransactions,
  expectedPurchases,
  isPatronageError,
  probabilityAlive,
  scoreCustomers,
} from '../../src/index';

// scoreCustomers works through the customers in blocks (4,096 at a time): P(alive) of a block from the
// model's probabilityAliveInto, then each history checked in order. These tests cross block edges.

const BG = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
const MBG = { model: 'mbgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
const PARETO = { model: 'paretoNbd', params: { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 } } as const;

/** 10,000 customers (three blocks) with frequencies 0 to 300, past the 256 that share a log-ratio. */
function columns(length: number): { frequency: Float64Array; recency: Float64Array; T: Float64Array } {
  const frequency = new Float64Array(length);
  const recency = new Float64Array(length);
  const T = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const x = (i * 7919) % 301;
    const age = 1 + ((i * 104_729) % 5_000) / 50;
    frequency[i] = x;
    T[i] = age;
    recency[i] = x === 0 ? 0 : (age * (((i * 31) % 97) + 1)) / 98;
  }
  return { frequency, recency, T };
}

function errorOf(run: () => unknown): { code: string; argument: string } {
  try {
    run();
  } catch (error) {
    if (isPatronageError(error))
      return { code: error.code, argument: String(error.details['argument']).replace(/\].*$/, ']') };
    throw error;
  }
  throw new Error('did not throw');
}

describe('scoreCustomers over several blocks', () => {
  it('gives exactly the per-customer results across block edges (BG/NBD, MBG/NBD, Pareto/NBD)', () => {
    const customers = columns(10_000);
    for (const fit of [BG, MBG, PARETO]) {
      const scores = scoreCustomers(fit, customers, { horizon: 26 });
      for (let i = 0; i < 10_000; i += fit === PARETO ? 31 : 1) {
        const customer = {
          frequency: customers.frequency[i] as number,
          recency: customers.recency[i] as number,
          T: customers.T[i] as number,
        };
        expect(scores.probabilityAlive[i]).toBe(probabilityAlive(fit, customer));
        expect(scores.expectedPurchases[i]).toBe(expectedPurchases(fit, 26, customer));
      }
    }
  });

  it('names the first invalid customer when it sits in a later block, whatever precedes it in that block', () => {
    const customers = columns(10_000);
    customers.recency[9_000] = -1; // third block
    customers.T[9_500] = Number.NaN;
    expect(errorOf(() => scoreCustomers(BG, customers, { horizon: 26 }))).toEqual({
      code: 'INVALID_SUMMARY_ROW',
      argument: 'customers[9000]',
    });
    customers.frequency[4_100] = 1.5; // second block, before the others
    expect(errorOf(() => scoreCustomers(MBG, customers, { horizon: 26 }))).toEqual({
      code: 'INVALID_SUMMARY_ROW',
      argument: 'customers[4100]',
    });
  });

  it('scores a last block shorter than the others, and exactly 4,096 customers', () => {
    for (const length of [4_096, 4_097, 8_191]) {
      const customers = columns(length);
      const scores = scoreCustomers(BG, customers, { horizon: 0 });
      expect(scores.probabilityAlive.length).toBe(length);
      const last = length - 1;
      expect(scores.probabilityAlive[last]).toBe(
        probabilityAlive(BG, {
          frequency: customers.frequency[last] as number,
          recency: customers.recency[last] as number,
          T: customers.T[last] as number,
        }),
      );
      expect(scores.expectedPurchases.every((value) => value === 0)).toBe(true);
    }
  });

  it('rejects a symbol or an object in a plain-array column with INVALID_SUMMARY_ROW, never a TypeError (regression)', () => {
    for (const bad of [Symbol('s'), Object.create(null), {}]) {
      const customers = { frequency: [1, bad as number], recency: [1, 1], T: [2, 2] };
      expect(errorOf(() => scoreCustomers(BG, customers, { horizon: 1 }))).toEqual({
        code: 'INVALID_SUMMARY_ROW',
        argument: 'customers[1]',
      });
    }
  });

  it('gives every output exactly once more distinct (x, T) arrive than its memo keeps (2^17), repeats included', () => {
    // 140,000 distinct histories, then the first and the last 2,000 again: past the memo's 131,072 entries
    // each customer's parts given alive are computed without being kept
    const distinct = 140_000;
    const length = distinct + 4_000;
    const frequency = new Float64Array(length);
    const recency = new Float64Array(length);
    const T = new Float64Array(length);
    for (let i = 0; i < length; i++) {
      const j = i < distinct ? i : i < distinct + 2_000 ? i - distinct : i - 4_000;
      const x = j % 41;
      const age = 1 + j / 1_000;
      frequency[i] = x;
      T[i] = age;
      recency[i] = x === 0 ? 0 : (age * ((j % 13) + 1)) / 14;
    }
    const options = { discountRate: 0.1, timeUnit: 'week' } as const;
    const scores = scoreCustomers(
      BG,
      { frequency, recency, T },
      {
        horizon: 26,
        outputs: [
          'probabilityAlive',
          'expectedPurchases',
          'probabilityNoPurchase',
          'discountedExpectedTransactions',
        ],
        ...options,
      },
    );
    let wrong = 0;
    for (let i = 0; i < length; i++) {
      if (i % 61 !== 0 && i < distinct - 9_000) continue;
      const customer = {
        frequency: frequency[i] as number,
        recency: recency[i] as number,
        T: T[i] as number,
      };
      if (
        scores.probabilityAlive[i] !== probabilityAlive(BG, customer) ||
        scores.expectedPurchases[i] !== expectedPurchases(BG, 26, customer) ||
        scores.probabilityNoPurchase[i] !== conditionalPurchaseProbability(BG, customer, 0, 26) ||
        scores.discountedExpectedTransactions[i] !== discountedExpectedTransactions(BG, customer, options)
      )
        wrong++;
    }
    expect(wrong).toBe(0);
  });
});
