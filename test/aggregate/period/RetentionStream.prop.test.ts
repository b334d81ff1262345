import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RetentionStream } from '../../../src/aggregate/period/RetentionStream';
import { periodRetentionColumns } from '../../../src/index';
import { batchesOf, batchSizes, log, observationEnd, streamAll, timeZone } from '../streamHelpers';

describe('RetentionStream', () => {
  it('streaming batches in any row order gives exactly the series of periodRetentionColumns', () => {
    fc.assert(
      fc.property(
        log,
        batchSizes,
        fc.constantFrom('day', 'week', 'month', 'quarter', 'year'),
        fc.constantFrom(1, 7, 30, 90, 400),
        observationEnd,
        timeZone,
        (columns, sizes, period, activeWithin, end, zone) => {
          const options = {
            period,
            activeWithin,
            ...zone,
            ...(end === undefined ? {} : { observationEnd: end }),
          } as const;
          const stream = new RetentionStream('test', options);
          streamAll(stream, batchesOf(columns, sizes));
          expect(stream.finish()).toEqual(periodRetentionColumns(columns, options));
        },
      ),
    );
  });

  it('asks for a second pass only for a row in a period before the customer’s last', () => {
    const day = 86_400_000;
    const stream = new RetentionStream('test', { period: 'week' });
    stream.add({ customerIndex: [0, 0, 1], at: [21 * day, 20 * day, 20 * day], amount: [1, 2, 3] });
    expect(stream.needsReplay).toBe(false);
    stream.add({ customerIndex: [0], at: [1 * day], amount: [1] });
    expect(stream.needsReplay).toBe(true);
  });
});
