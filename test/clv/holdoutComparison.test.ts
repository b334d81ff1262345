import { describe, expect, it } from 'vitest';
import { holdoutComparison } from '../../src/index';

describe('holdoutComparison', () => {
  it('keeps the errors finite when each prediction is finite but their squares are not (hostile sweep, seed -1160584478)', () => {
    const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 5e-324, b: 2.426 } } as const;
    const rows = [
      { frequency: 0, recency: 0, T: 12, frequencyHoldout: 1, durationHoldout: 9.05661561160814e155 },
      { frequency: 3, recency: 9, T: 12, frequencyHoldout: 2, durationHoldout: 6 },
    ];
    const result = holdoutComparison(fit, rows);
    const first = result.groups[0]?.predicted as number;
    expect(first).toBeGreaterThan(1e150);
    expect(Number.isFinite(result.rootMeanSquaredError)).toBe(true);
    // the first error dominates: sqrt((e1^2 + e2^2) / 2) = |e1| / sqrt(2) to double precision
    expect(result.rootMeanSquaredError / ((first - 1) / Math.SQRT2)).toBeCloseTo(1, 12);
  });
});
