import { describe, expect, it } from 'vitest';
import { parseCustomers, parseCustomersOrThrow } from '../../src/index';
import { codeOf } from '../helpers/errors';

describe('parseCustomers', () => {
  it('normalises acquiredAt and keeps attributes and a birthday', () => {
    const { customers, rejected } = parseCustomers([
      {
        id: 'c1',
        acquiredAt: '2024-01-15',
        attributes: { region: 'north', accountType: 'business', tier: 'gold' },
        occasions: { birthday: { month: 12, day: 24, year: 1990 } },
      },
    ]);
    expect(rejected).toEqual([]);
    expect(customers[0]).toEqual({
      id: 'c1',
      acquiredAt: Date.UTC(2024, 0, 15),
      attributes: { region: 'north', accountType: 'business', tier: 'gold' },
      occasions: { birthday: { month: 12, day: 24, year: 1990 } },
    });
  });

  it('accepts 29 February without a year or in a leap year, not in a common year', () => {
    const { customers, rejected } = parseCustomers([
      { id: 'a', occasions: { birthday: { month: 2, day: 29 } } },
      { id: 'b', occasions: { birthday: { month: 2, day: 29, year: 2000 } } },
      { id: 'c', occasions: { birthday: { month: 2, day: 29, year: 1999 } } },
    ]);
    expect(customers.map((customer) => customer.id)).toEqual(['a', 'b']);
    expect(rejected[0]).toMatchObject({ index: 2, code: 'INVALID_FIELD', field: 'day' });
  });

  it('rejects non-string attributes, bad months and duplicate ids', () => {
    const { rejected } = parseCustomers([
      { id: 'a', attributes: { region: 4 } },
      { id: 'b', occasions: { birthday: { month: 13, day: 1 } } },
      { id: 'c' },
      { id: 'c' },
      { id: 'd', acquiredAt: 'last year' },
      { id: 'e', occasions: 'birthday' },
    ]);
    expect(rejected.map((row) => [row.index, row.code])).toEqual([
      [0, 'INVALID_FIELD'],
      [1, 'INVALID_FIELD'],
      [3, 'DUPLICATE_CUSTOMER_ID'],
      [4, 'INVALID_TIMESTAMP'],
      [5, 'INVALID_FIELD'],
    ]);
  });

  it('throws INVALID_ARGUMENT only when the input is not a list', () => {
    expect(codeOf(() => parseCustomers(undefined))).toBe('INVALID_ARGUMENT');
  });

  it('parseCustomersOrThrow throws INVALID_ROWS for any bad row', () => {
    expect(codeOf(() => parseCustomersOrThrow([{ id: 'ok' }, { name: 'no id' }]))).toBe('INVALID_ROWS');
  });
});
