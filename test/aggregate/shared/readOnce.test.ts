import { describe, expect, it } from 'vitest';
import { rfmAccumulatorFromJSON, rfmSummary, scoreCustomers } from '../../../src/index';
import { codeOf } from '../../helpers/errors';

/** A row whose `field` is `first` on the first read and `later` on every read after. */
function changing<T extends object>(row: T, field: keyof T & string, later: unknown): T {
  const copy = { ...row };
  const first = copy[field];
  let reads = 0;
  Object.defineProperty(copy, field, { get: () => (reads++ === 0 ? first : later), enumerable: true });
  return copy;
}

describe('aggregates read each input once (issue 15 item 9)', () => {
  const rows = [
    { customerId: 'a', at: 1_704_067_200_000, amount: 10 },
    { customerId: 'b', at: 1_704_153_600_000, amount: 5 },
  ];

  it('rfmSummary: a customerId valid on the first read and null after changes nothing', () => {
    const expected = rfmSummary(rows, { unit: 'day' });
    expect(
      rfmSummary([changing(rows[0] as (typeof rows)[0], 'customerId', null), rows[1] as (typeof rows)[0]], {
        unit: 'day',
      }),
    ).toEqual(expected);
  });

  it('scoreCustomers: a sparse column is a PatronageError, not NaN scores', () => {
    const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
    expect(
      codeOf(() =>
        scoreCustomers(
          fit,
          { frequency: Object.assign([], { 0: 0, 2: 2 }), recency: [0, 1, 2], T: [3, 3, 3] } as never,
          {
            horizon: 1,
          },
        ),
      ),
    ).toBe('INVALID_ARGUMENT');
  });

  it('rfmAccumulatorFromJSON: a state list that lies in its iterator is read by index', () => {
    const json = {
      format: 'patronage/rfm-accumulator',
      version: 1,
      options: { unit: 'day', mergeWithin: 'day', fractionDigits: 2 },
      customers: [[1, [[19_723, 1000]]]],
      identified: [],
    };
    class Lying extends Array<unknown> {
      override *[Symbol.iterator](): ArrayIterator<unknown> {
        yield [Number.NaN, 'x'];
      }
    }
    const customers = new Lying();
    customers[0] = json.customers[0];
    const expected = rfmAccumulatorFromJSON(json as never).result();
    expect(rfmAccumulatorFromJSON({ ...json, customers } as never).result()).toEqual(expected);
  });
});
