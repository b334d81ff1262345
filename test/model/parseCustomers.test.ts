import { runInNewContext } from 'node:vm';
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

describe('parseCustomers under hostile rows (issue 15 item 11)', () => {
  it('keeps an attribute named __proto__ as an attribute of its own', () => {
    const row = JSON.parse('{"id":"c1","attributes":{"__proto__":"north","region":"south"}}') as unknown;
    const { customers, rejected } = parseCustomers([row]);
    expect(rejected).toEqual([]);
    const attributes = customers[0]?.attributes as Record<string, string>;
    expect(Object.entries(attributes)).toEqual([
      ['__proto__', 'north'],
      ['region', 'south'],
    ]);
  });

  it('rejects the one row whose getter throws and keeps the others', () => {
    const hostile = {
      get id(): string {
        throw new TypeError('getter boom');
      },
    };
    const { customers, rejected } = parseCustomers([{ id: 'a' }, hostile, { id: 'b' }]);
    expect(customers.map((customer) => customer.id)).toEqual(['a', 'b']);
    expect(rejected).toEqual([
      {
        index: 1,
        code: 'INVALID_FIELD',
        field: 'id',
        message: 'parseCustomers: row 1: id could not be read: getter boom',
      },
    ]);
  });

  it('rejects a row whose attributes throw when read, naming the field', () => {
    const attributes = {
      get region(): string {
        throw new TypeError('boom');
      },
    };
    const { rejected } = parseCustomers([{ id: 'a', attributes }]);
    expect(rejected).toMatchObject([{ index: 0, code: 'INVALID_FIELD', field: 'attributes' }]);
  });

  it('reads each field once: a getter valid first and invalid after gives the first value', () => {
    let reads = 0;
    const row = {
      get id(): unknown {
        reads++;
        return reads === 1 ? 'c1' : Number.NaN;
      },
    };
    const { customers, rejected } = parseCustomers([row]);
    expect(rejected).toEqual([]);
    expect(customers).toEqual([{ id: 'c1' }]);
    expect(reads).toBe(1);
  });

  it('accepts a Date from another realm (node:vm)', () => {
    const otherRealm = runInNewContext('new Date(0)') as Date;
    expect(otherRealm instanceof Date).toBe(false);
    const { customers, rejected } = parseCustomers([{ id: 'c1', acquiredAt: otherRealm }]);
    expect(rejected).toEqual([]);
    expect(customers[0]?.acquiredAt).toBe(0);
  });

  it('still refuses an object that only looks like a Date', () => {
    const fake = Object.create(Date.prototype) as Date;
    const tagged = { [Symbol.toStringTag]: 'Date', getTime: () => 0 };
    const { rejected } = parseCustomers([
      { id: 'a', acquiredAt: fake },
      { id: 'b', acquiredAt: tagged },
    ]);
    expect(rejected.map((row) => row.code)).toEqual(['INVALID_TIMESTAMP', 'INVALID_TIMESTAMP']);
  });
});
