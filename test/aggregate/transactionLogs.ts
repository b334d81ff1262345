// Random transaction logs as row objects, and the same log with its rows shuffled, for the property tests of
// the tables built from rows (discreteSummary, interPurchaseTimes, rfmSummary's includeFirst).
import fc from 'fast-check';
import type { Transaction } from '../../src/index';

export const DAY = 86_400_000;

/**
 * Up to `maxLength` rows of customers 0 … `numbers` − 1 and `names`, at any millisecond of `days` days from
 * `start`, with amounts in whole cents up to 200.00 (or `maxCents`).
 */
export function transactionLog(options: {
  readonly start: number;
  readonly days: number;
  readonly numbers: number;
  readonly names: readonly string[];
  readonly maxLength: number;
  readonly maxCents?: number;
}): fc.Arbitrary<Transaction[]> {
  const { start, days, numbers, names, maxLength, maxCents = 20_000 } = options;
  const transaction: fc.Arbitrary<Transaction> = fc.record({
    customerId: fc.oneof(fc.integer({ min: 0, max: numbers - 1 }), fc.constantFrom(...names)),
    at: fc.integer({ min: start, max: start + days * DAY }),
    amount: fc.integer({ min: 0, max: maxCents }).map((cents) => cents / 100),
  });
  return fc.array(transaction, { maxLength });
}

/** A log and the same rows in another order. */
export function withShuffled<T>(log: fc.Arbitrary<T[]>): fc.Arbitrary<[T[], T[]]> {
  return log.chain((rows) =>
    fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length })),
  );
}
