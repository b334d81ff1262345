import { describe, expect, it } from 'vitest';
import {
  calibrationHoldoutSummary,
  createRfmAccumulator,
  rfmSummary,
  rfmSummaryColumns,
} from '../../../src/index';
import { codeOf } from '../../helpers/errors';
import { expectClose } from '../../helpers/numbers';

const DAY = 86_400_000;

describe('rfmSummary totals beyond the exact range of minor units', () => {
  it('a customer whose repeat purchases total beyond 2^53 minor units is MONEY_PRECISION', () => {
    // 90,071,992,547,409.91 is Number.MAX_SAFE_INTEGER cents: one cent more is not exact any more
    const rows = [
      { customerId: 'a', at: '2024-01-01', amount: 1 },
      { customerId: 'a', at: '2024-01-02', amount: 90_071_992_547_409.91 },
      { customerId: 'a', at: '2024-01-03', amount: 0.01 },
    ];
    expect(codeOf(() => rfmSummary(rows))).toBe('MONEY_PRECISION');
  });

  it('same-day purchases that total beyond 2^53 minor units are MONEY_PRECISION', () => {
    const rows = [
      { customerId: 1, at: '2024-01-01T08:00:00Z', amount: 5e15 },
      { customerId: 1, at: '2024-01-01T09:00:00Z', amount: 5e15 },
    ];
    expect(codeOf(() => rfmSummary(rows, { fractionDigits: 0 }))).toBe('MONEY_PRECISION');
  });

  it('the columnar paths (time-ordered single pass and general) are MONEY_PRECISION too', () => {
    const amount = new Float64Array([5e15, 5e15]);
    const customerIndex = new Uint32Array([0, 0]);
    const ordered = { customerIndex, at: new Float64Array([0, DAY]), amount };
    const unordered = { customerIndex, at: new Float64Array([DAY, 0]), amount };
    expect(codeOf(() => rfmSummaryColumns(ordered, { fractionDigits: 0 }))).toBe('MONEY_PRECISION');
    expect(codeOf(() => rfmSummaryColumns(unordered, { fractionDigits: 0 }))).toBe('MONEY_PRECISION');
  });

  it('totals up to exactly 2^53 − 1 minor units still work', () => {
    const rows = [
      { customerId: 'a', at: '2024-01-01', amount: 0 },
      { customerId: 'a', at: '2024-01-02', amount: 90_071_992_547_409.91 },
    ];
    expect(rfmSummary(rows)[0]?.monetaryValue).toBe(90_071_992_547_409.91);
  });
});

describe('rfmSummary with includeFirst (lifetimes’ include_first_transaction)', () => {
  // hand-checked: ann buys on days 0 (20 + 5, merged), 14 (30) and 28 (10); bao once on day 9
  const rows = [
    { customerId: 'ann', at: '2024-01-01T09:00:00Z', amount: 20 },
    { customerId: 'ann', at: '2024-01-01T18:00:00Z', amount: 5 },
    { customerId: 'ann', at: '2024-01-15', amount: 30 },
    { customerId: 'ann', at: '2024-01-29', amount: 10 },
    { customerId: 'bao', at: '2024-01-10', amount: 12.5 },
  ];

  it('counts the first day: frequency 3 and the mean of 25, 30 and 10 for ann, frequency 1 for a one-time buyer', () => {
    const [ann, bao] = rfmSummary(rows, { includeFirst: true });
    expect(ann).toMatchObject({ customerId: 'ann', frequency: 3, recency: 28, T: 28 });
    expectClose(ann?.monetaryValue as number, 65 / 3);
    expect(bao).toEqual({ customerId: 'bao', frequency: 1, recency: 0, T: 19, monetaryValue: 12.5 });
  });

  it('leaves the default as it was: repeat transactions only', () => {
    expect(rfmSummary(rows, { includeFirst: false })).toEqual(rfmSummary(rows));
    expect(rfmSummary(rows)[0]).toEqual({
      customerId: 'ann',
      frequency: 2,
      recency: 28,
      T: 28,
      monetaryValue: 20,
    });
  });

  it('gives the same in the columnar path and the accumulator', () => {
    const columns = {
      customerIndex: [0, 0, 0, 0, 1],
      at: rows.map((row) => Date.parse(row.at.length === 10 ? `${row.at}T00:00:00Z` : row.at)),
      amount: rows.map((row) => row.amount),
    };
    expect(Array.from(rfmSummaryColumns(columns, { includeFirst: true }).frequency)).toEqual([3, 1]);
    expect(createRfmAccumulator({ includeFirst: true }).addAll(rows).result()).toEqual(
      rfmSummary(rows, { includeFirst: true }),
    );
  });

  it('refuses a non-boolean includeFirst (INVALID_ARGUMENT), and calibrationHoldoutSummary refuses the option (INVALID_OPTION)', () => {
    expect(codeOf(() => rfmSummary(rows, { includeFirst: 1 as never }))).toBe('INVALID_ARGUMENT');
    expect(
      codeOf(() =>
        calibrationHoldoutSummary(rows, { calibrationEnd: '2024-01-15', includeFirst: true } as never),
      ),
    ).toBe('INVALID_OPTION');
  });
});
