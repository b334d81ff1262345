import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CohortStream } from '../../../src/aggregate/cohort/CohortStream';
import { cohortRetentionColumns } from '../../../src/index';
import { batchesOf, batchSizes, log, observationEnd, streamAll, timeZone } from '../streamHelpers';

describe('CohortStream', () => {
  it('streaming batches in any row order gives exactly the table of cohortRetentionColumns', () => {
    fc.assert(
      fc.property(
        log,
        batchSizes,
        fc.constantFrom('day', 'week', 'month', 'quarter', 'year'),
        observationEnd,
        timeZone,
        fc.constantFrom(2, 3),
        (columns, sizes, period, end, zone, fractionDigits) => {
          const options = {
            period,
            fractionDigits,
            ...zone,
            ...(end === undefined ? {} : { observationEnd: end }),
          } as const;
          const stream = new CohortStream('test', options);
          streamAll(stream, batchesOf(columns, sizes));
          expect(stream.finish()).toEqual(cohortRetentionColumns(columns, options));
        },
      ),
    );
  });

  it('asks for a second pass only for a row in a period before the customer’s last', () => {
    const day = 86_400_000;
    const stream = new CohortStream('test', { period: 'week' });
    stream.add({ customerIndex: [0, 0, 1], at: [20 * day, 21 * day, 20 * day], amount: [1, 2, 3] });
    expect(stream.needsReplay).toBe(false);
    stream.add({ customerIndex: [0], at: [1 * day], amount: [1] });
    expect(stream.needsReplay).toBe(true);
  });
});
