import { describe, expect, it } from 'vitest';
import { rfmSummary, rfmSummaryColumns } from '../../../src/index';
import { codeOf } from '../../helpers/errors';

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
