import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupByCustomer } from '../../../src/aggregate/shared/groupByCustomer';

/** The grouping done the slow way: per customer, its kept rows' keys sorted, equal keys summed. */
function naive(customerCount: number, customer: number[], keys: number[], minor: number[], keep: number[]) {
  const perCustomer: Map<number, number>[] = Array.from({ length: customerCount }, () => new Map());
  customer.forEach((c, row) => {
    if (keep[row] !== 1) return;
    const map = perCustomer[c] as Map<number, number>;
    map.set(keys[row] as number, (map.get(keys[row] as number) ?? 0) + (minor[row] as number));
  });
  const offsets = [0];
  const outKeys: number[] = [];
  const outMinor: number[] = [];
  for (const map of perCustomer) {
    for (const key of [...map.keys()].sort((a, b) => a - b)) {
      outKeys.push(key);
      outMinor.push(map.get(key) as number);
    }
    offsets.push(outKeys.length);
  }
  return { offsets, keys: outKeys, minor: outMinor };
}

function check(
  customerCount: number,
  customer: number[],
  keys: number[],
  minor: number[],
  keep: number[],
): void {
  const grouped = groupByCustomer(
    customerCount,
    Uint32Array.from(customer),
    Int32Array.from(keys),
    Float64Array.from(minor),
    Uint8Array.from(keep),
  );
  const expected = naive(customerCount, customer, keys, minor, keep);
  expect(grouped.customerCount).toBe(customerCount);
  expect(Array.from(grouped.offsets)).toEqual(expected.offsets);
  expect(Array.from(grouped.keys)).toEqual(expected.keys);
  expect(Array.from(grouped.minor)).toEqual(expected.minor);
}

const rowsOf = (customerCount: number, maxRows: number) =>
  fc
    .array(
      fc.record({
        customer: fc.integer({ min: 0, max: customerCount - 1 }),
        key: fc.integer({ min: -40, max: 40 }),
        minor: fc.integer({ min: 0, max: 10_000 }),
        keep: fc.constantFrom(0, 1, 1, 1),
      }),
      { maxLength: maxRows },
    )
    .map((rows) => ({
      customer: rows.map((row) => row.customer),
      keys: rows.map((row) => row.key),
      minor: rows.map((row) => row.minor),
      keep: rows.map((row) => row.keep),
    }));

describe('groupByCustomer', () => {
  it('groups like the slow way, for few customers (the one-step scatter)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }).chain((count) => rowsOf(count, 300).map((rows) => ({ count, rows }))),
        ({ count, rows }) => {
          check(count, rows.customer, rows.keys, rows.minor, rows.keep);
        },
      ),
    );
  });

  it('groups like the slow way, for more customers than the caches hold (the scatter in bands)', () => {
    // past 262,144 customers, with rows of customers at both ends and in several bands of 4,096
    fc.assert(
      fc.property(
        fc
          .integer({ min: 65_537, max: 80_000 })
          .chain((count) => rowsOf(count, 2_000).map((rows) => ({ count, rows }))),
        ({ count, rows }) => {
          const customer = [...rows.customer, 0, count - 1, 4095, 4096];
          check(
            count,
            customer,
            [...rows.keys, 1, 2, 3, 3],
            [...rows.minor, 5, 6, 7, 8],
            [...rows.keep, 1, 1, 1, 1],
          );
        },
      ),
      { numRuns: 25 },
    );
  });
});
