import { describe, expect, it } from 'vitest';
import { expectedPurchases, holdoutByRecency, holdoutComparison } from '../../src/index';
import { codeOf } from '../helpers/errors';
import { expectClose } from '../helpers/numbers';

const BG_FIT = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;

/** 40 customers with recencies spread over [0, 38]. */
const ROWS = Array.from({ length: 40 }, (_, i) => {
  const frequency = i % 5;
  const recency = frequency === 0 ? 0 : (i * 37) / 39;
  return { frequency, recency, T: 38, frequencyHoldout: (i * 7) % 4, durationHoldout: 39 };
});

describe('holdoutByRecency', () => {
  it('bins recency into 10 equal-width bins over [0, max T] by default, each with the means of its customers', () => {
    const result = holdoutByRecency(BG_FIT, ROWS);
    expect(result.by).toBe('recency');
    for (const group of result.groups) {
      expect(group.exact).toBe(false);
      const members = ROWS.filter(
        (row) =>
          row.recency >= group.from && (row.recency < group.to || (group.to === 38 && row.recency === 38)),
      );
      expect(group.customers).toBe(members.length);
      expectClose(group.actual, members.reduce((sum, row) => sum + row.frequencyHoldout, 0) / members.length);
      const predicted = members.map((row) => expectedPurchases(BG_FIT, 39, row));
      expectClose(group.predicted, predicted.reduce((sum, value) => sum + value, 0) / members.length, 1e-12);
    }
    expect(result.groups.map((group) => group.from)).toEqual(
      [...new Set(ROWS.map((row) => Math.min(9, Math.floor((row.recency / 38) * 10))))]
        .sort((a, b) => a - b)
        .map((k) => (k / 10) * 38),
    );
    expect(result.groups.reduce((sum, group) => sum + group.customers, 0)).toBe(40);
  });

  it('gives the same error figures and totals as holdoutComparison', () => {
    const byRecency = holdoutByRecency(BG_FIT, ROWS);
    const byFrequency = holdoutComparison(BG_FIT, ROWS);
    expect(byRecency.meanAbsoluteError).toBe(byFrequency.meanAbsoluteError);
    expect(byRecency.rootMeanSquaredError).toBe(byFrequency.rootMeanSquaredError);
    expect(byRecency.actualTotal).toBe(byFrequency.actualTotal);
    expect(byRecency.predictedTotal).toBe(byFrequency.predictedTotal);
  });

  it('groups by exact recency when the rows have no more distinct recencies than bins (BG/BB)', () => {
    const fit = { model: 'bgBb', params: { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.78 } } as const;
    const rows = [
      { frequency: 0, recency: 0, periods: 6, frequencyHoldout: 0, periodsHoldout: 5 },
      { frequency: 3, recency: 5, periods: 6, frequencyHoldout: 2, periodsHoldout: 5 },
      { frequency: 4, recency: 5, periods: 6, frequencyHoldout: 4, periodsHoldout: 5 },
      { frequency: 6, recency: 6, periods: 6, frequencyHoldout: 5, periodsHoldout: 5 },
    ];
    const result = holdoutByRecency(fit, rows);
    expect(
      result.groups.map((group) => [group.from, group.to, group.exact, group.customers, group.actual]),
    ).toEqual([
      [0, 0, true, 1, 0],
      [5, 5, true, 2, 3],
      [6, 6, true, 1, 5],
    ]);
  });

  it('puts a recency equal to the largest T in the last bin', () => {
    const rows = [
      { frequency: 1, recency: 10, T: 10, frequencyHoldout: 1, durationHoldout: 5 },
      { frequency: 1, recency: 1, T: 10, frequencyHoldout: 0, durationHoldout: 5 },
      { frequency: 1, recency: 2, T: 10, frequencyHoldout: 0, durationHoldout: 5 },
    ];
    const result = holdoutByRecency(BG_FIT, rows, { bins: 2 });
    expect(result.groups.map((group) => [group.from, group.to, group.customers])).toEqual([
      [0, 5, 2],
      [5, 10, 1],
    ]);
  });

  it('checks its input and options', () => {
    expect(codeOf(() => holdoutByRecency(BG_FIT, []))).toBe('EMPTY_INPUT');
    expect(codeOf(() => holdoutByRecency(BG_FIT, ROWS, { bins: 0 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => holdoutByRecency(BG_FIT, ROWS, { bins: 1.5 }))).toBe('NOT_AN_INTEGER');
    expect(codeOf(() => holdoutByRecency(BG_FIT, ROWS, { bin: 3 } as never))).toBe('INVALID_OPTION');
    expect(
      codeOf(() => holdoutByRecency({ model: 'shiftedBetaGeometric', params: { alpha: 1, beta: 2 } }, ROWS)),
    ).toBe('UNSUPPORTED_MODEL');
  });
});
