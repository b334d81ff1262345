import { describe, expect, it } from 'vitest';
import { retentionProfitImpact } from '../../src/index';
import { codeOf } from '../helpers/errors';

describe('retentionProfitImpact', () => {
  it('a denormal discount rate with retention reaching 1 is NOT_FINITE, not Infinity (issue 15 item 8)', () => {
    for (const [retentionRate, retentionIncrease] of [
      [1, 0],
      [0.5, 0.5],
    ] as const) {
      expect(
        codeOf(() => retentionProfitImpact({ retentionRate, retentionIncrease, discountRate: 5e-324 })),
      ).toBe('NOT_FINITE');
    }
  });

  it('a tiny but representable churn plus discount still gives finite values', () => {
    const result = retentionProfitImpact({
      retentionRate: 0.5,
      retentionIncrease: 0.5,
      discountRate: 1e-300,
    });
    expect(Number.isFinite(result.improvedValue)).toBe(true);
    expect(Number.isFinite(result.profitIncrease)).toBe(true);
  });
});
