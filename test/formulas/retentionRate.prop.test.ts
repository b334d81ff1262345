import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { churnRate, retentionRate } from '../../src/index';
import { closeTo } from '../helpers/numbers';

/** Consistent period counts: S > 0, retained ≤ S, new ≥ 0, E = retained + new. */
const consistentCounts = fc
  .record({
    customersAtStart: fc.integer({ min: 1, max: 1_000_000_000 }),
    retainedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    newCustomers: fc.integer({ min: 0, max: 1_000_000_000 }),
  })
  .map(({ customersAtStart, retainedShare, newCustomers }) => {
    const retained = Math.floor(customersAtStart * retainedShare);
    return { customersAtStart, customersAtEnd: retained + newCustomers, newCustomers };
  });

describe('retention and churn laws', () => {
  it('retention stays in [0, 1]', () => {
    fc.assert(
      fc.property(consistentCounts, (counts) => {
        const rate = retentionRate(counts);
        return rate >= 0 && rate <= 1;
      }),
    );
  });

  it('churn = 1 − retention', () => {
    fc.assert(
      fc.property(consistentCounts, (counts) => closeTo(churnRate(counts) + retentionRate(counts), 1)),
    );
  });

  it('retention does not depend on how many new customers joined', () => {
    fc.assert(
      fc.property(consistentCounts, fc.integer({ min: 0, max: 1000 }), (counts, extra) => {
        const more = {
          ...counts,
          customersAtEnd: counts.customersAtEnd + extra,
          newCustomers: counts.newCustomers + extra,
        };
        return retentionRate(more) === retentionRate(counts);
      }),
    );
  });

  it('retention rises with every retained customer (monotone in E − N)', () => {
    fc.assert(
      fc.property(consistentCounts, (counts) => {
        fc.pre(counts.customersAtEnd - counts.newCustomers < counts.customersAtStart);
        const oneMore = { ...counts, customersAtEnd: counts.customersAtEnd + 1 };
        return retentionRate(oneMore) > retentionRate(counts);
      }),
    );
  });

  it('scaling all three counts by a whole factor leaves retention unchanged', () => {
    fc.assert(
      fc.property(consistentCounts, fc.integer({ min: 2, max: 1000 }), (counts, factor) => {
        const scaled = {
          customersAtStart: counts.customersAtStart * factor,
          customersAtEnd: counts.customersAtEnd * factor,
          newCustomers: counts.newCustomers * factor,
        };
        return closeTo(retentionRate(scaled), retentionRate(counts));
      }),
    );
  });

  it('inconsistent counts always throw, never return a value outside [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        (customersAtStart, customersAtEnd, newCustomers) => {
          const counts = { customersAtStart, customersAtEnd, newCustomers };
          const consistent =
            customersAtStart > 0 &&
            newCustomers <= customersAtEnd &&
            customersAtEnd - newCustomers <= customersAtStart;
          if (consistent) return retentionRate(counts) >= 0 && retentionRate(counts) <= 1;
          expect(() => retentionRate(counts)).toThrow();
          return true;
        },
      ),
    );
  });
});
