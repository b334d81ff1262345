import { describe, expect, it } from 'vitest';
import { churnRate, retentionRate } from '../../src/index';
import { codeOf } from '../helpers/errors';

describe('retentionRate', () => {
  it("reproduces the source articles' worked example (24 − 5) / 20 = 95%", () => {
    expect(retentionRate({ customersAtStart: 20, customersAtEnd: 24, newCustomers: 5 })).toBe(0.95);
  });

  it('is 1 when everybody stayed and nobody joined', () => {
    expect(retentionRate({ customersAtStart: 7, customersAtEnd: 7, newCustomers: 0 })).toBe(1);
  });

  it('is 0 when everybody at the end is new', () => {
    expect(retentionRate({ customersAtStart: 10, customersAtEnd: 4, newCustomers: 4 })).toBe(0);
  });

  it('reports no customers at the start with NO_CUSTOMERS_AT_START', () => {
    expect(codeOf(() => retentionRate({ customersAtStart: 0, customersAtEnd: 3, newCustomers: 3 }))).toBe(
      'NO_CUSTOMERS_AT_START',
    );
  });

  it('reports more new customers than at the end with NEW_EXCEED_END', () => {
    expect(codeOf(() => retentionRate({ customersAtStart: 10, customersAtEnd: 5, newCustomers: 7 }))).toBe(
      'NEW_EXCEED_END',
    );
  });

  it('reports keeping more than the start with RETAINED_EXCEED_START instead of clamping to 1', () => {
    expect(codeOf(() => retentionRate({ customersAtStart: 20, customersAtEnd: 30, newCustomers: 5 }))).toBe(
      'RETAINED_EXCEED_START',
    );
  });

  it('names the function and the values in the message', () => {
    expect(() => retentionRate({ customersAtStart: 10, customersAtEnd: 5, newCustomers: 7 })).toThrow(
      'retentionRate: newCustomers (7) exceeds customersAtEnd (5)',
    );
  });

  it('rejects fractional, negative and non-numeric counts with distinct codes', () => {
    expect(codeOf(() => retentionRate({ customersAtStart: 2.5, customersAtEnd: 2, newCustomers: 0 }))).toBe(
      'NOT_AN_INTEGER',
    );
    expect(codeOf(() => retentionRate({ customersAtStart: -1, customersAtEnd: 2, newCustomers: 0 }))).toBe(
      'OUT_OF_RANGE',
    );
    expect(
      codeOf(() => retentionRate({ customersAtStart: Number.NaN, customersAtEnd: 2, newCustomers: 0 })),
    ).toBe('NOT_FINITE');
    expect(
      codeOf(() =>
        retentionRate({ customersAtStart: '2', customersAtEnd: 2, newCustomers: 0 } as unknown as never),
      ),
    ).toBe('INVALID_ARGUMENT');
  });
});

describe('churnRate', () => {
  it('is the lost share: 1 of 20 customers lost is 0.05', () => {
    expect(churnRate({ customersAtStart: 20, customersAtEnd: 24, newCustomers: 5 })).toBe(0.05);
  });

  it('uses the same validation as retentionRate', () => {
    expect(codeOf(() => churnRate({ customersAtStart: 0, customersAtEnd: 0, newCustomers: 0 }))).toBe(
      'NO_CUSTOMERS_AT_START',
    );
  });

  it('names itself in its messages', () => {
    expect(() => churnRate({ customersAtStart: 1, customersAtEnd: 0, newCustomers: 1 })).toThrow(
      /^churnRate: /,
    );
  });
});
