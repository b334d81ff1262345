import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RfmStream } from '../../../src/aggregate/rfm/RfmStream';
import { rfmSummaryColumns } from '../../../src/index';
import { batchesOf, batchSizes, log, observationEnd, streamAll, timeZone } from '../streamHelpers';

describe('RfmStream', () => {
  it('streaming batches in any row order gives exactly what rfmSummaryColumns gives', () => {
    fc.assert(
      fc.property(
        log,
        batchSizes,
        fc.constantFrom('day', 'week', 'month'),
        observationEnd,
        timeZone,
        fc.constantFrom(2, 3),
        (columns, sizes, unit, end, zone, fractionDigits) => {
          const options = {
            unit,
            fractionDigits,
            ...zone,
            ...(end === undefined ? {} : { observationEnd: end }),
          } as const;
          const stream = new RfmStream('test', options);
          streamAll(stream, batchesOf(columns, sizes));
          expect(stream.finish()).toEqual(rfmSummaryColumns(columns, options));
        },
      ),
    );
  });

  it('gives what rfmSummaryColumns gives for customer numbers far apart (the state grows in steps)', () => {
    fc.assert(
      fc.property(
        log,
        batchSizes,
        fc.constantFrom('day', 'week'),
        observationEnd,
        fc.integer({ min: 1, max: 5_000 }),
        (columns, sizes, unit, end, spread) => {
          // the same customers, numbered far apart: the state grows past its first sizes
          const customerIndex = Uint32Array.from(columns.customerIndex, (c) =>
            c % 2 === 0 ? c : c * spread + 4_096,
          );
          const spreadLog = { ...columns, customerIndex };
          const options = { unit, ...(end === undefined ? {} : { observationEnd: end }) } as const;
          const stream = new RfmStream('test', options);
          streamAll(stream, batchesOf(spreadLog, sizes));
          expect(stream.finish()).toEqual(rfmSummaryColumns(spreadLog, options));
        },
      ),
    );
  });

  it('gives the same for customers numbered far apart', () => {
    fc.assert(
      fc.property(
        log,
        batchSizes,
        fc.constantFrom('day', 'week'),
        observationEnd,
        fc.constantFrom(1, 7_000, 40_000),
        (columns, sizes, unit, end, spread) => {
          const customerIndex = Uint32Array.from(columns.customerIndex, (c) => c * spread);
          const spreadLog = { ...columns, customerIndex };
          const options = { unit, ...(end === undefined ? {} : { observationEnd: end }) } as const;
          const stream = new RfmStream('test', options);
          streamAll(stream, batchesOf(spreadLog, sizes));
          expect(stream.finish()).toEqual(rfmSummaryColumns(spreadLog, options));
        },
      ),
    );
  });

  it('folds keys more than 2^17 periods apart exactly', () => {
    const day = 86_400_000;
    const far = -700 * 365 * day; // about 700 years before 1970
    const columns = {
      customerIndex: Uint32Array.from([0, 1, 0, 1, 0, 2, 2]),
      at: Float64Array.from([far, far + day, 0, 3 * day, 9 * day, far, 5 * day]),
      amount: Float64Array.from([1, 2, 3, 4, 5, 6, 7]),
    };
    const stream = new RfmStream('test');
    stream.add(columns);
    expect(stream.needsReplay).toBe(false);
    expect(stream.finish()).toEqual(rfmSummaryColumns(columns));
  });

  it('asks for a second pass only when a row falls strictly between a customer’s first and last day', () => {
    const day = 86_400_000;
    const ordered = new RfmStream('test');
    ordered.add({
      customerIndex: [0, 0, 0, 0],
      at: [5 * day, 9 * day, 1 * day, 9 * day],
      amount: [1, 2, 3, 4],
    });
    expect(ordered.needsReplay).toBe(false);
    const between = new RfmStream('test');
    between.add({ customerIndex: [0, 0, 0], at: [1 * day, 9 * day, 5 * day], amount: [1, 2, 3] });
    expect(between.needsReplay).toBe(true);
  });

  it('refuses to finish before the second pass it asked for', () => {
    const day = 86_400_000;
    const stream = new RfmStream('test');
    stream.add({ customerIndex: [0, 0, 0], at: [1 * day, 9 * day, 5 * day], amount: [1, 2, 3] });
    expect(() => stream.finish()).toThrow(/second pass/);
  });
});
