import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calibrationHoldoutSummary,
  fitBgBb,
  fitBgNbd,
  fitGgomNbd,
  fitMbgNbd,
  fitNbd,
  fitParetoNbd,
  holdoutComparison,
  type ModelFit,
  selectModel,
} from '../../src/index';
import { codeOf } from '../helpers/errors';
import { cdnowSampleTransactions, hasSharedData, SKIP_MESSAGE } from '../helpers/sharedData';

const describeShared = describe.skipIf(!hasSharedData);
const label = hasSharedData ? 'shared data present' : SKIP_MESSAGE;

// 1,210 customers of a 38-week calibration period, with their purchases in a 39-week holdout
const GROUPS = [
  { frequency: 0, recency: 0, T: 38, frequencyHoldout: 0, durationHoldout: 39, weight: 600 },
  { frequency: 0, recency: 0, T: 30, frequencyHoldout: 1, durationHoldout: 39, weight: 300 },
  { frequency: 1, recency: 4, T: 38, frequencyHoldout: 0, durationHoldout: 39, weight: 100 },
  { frequency: 1, recency: 30, T: 36, frequencyHoldout: 1, durationHoldout: 39, weight: 90 },
  { frequency: 2, recency: 10, T: 38, frequencyHoldout: 1, durationHoldout: 39, weight: 40 },
  { frequency: 2, recency: 33, T: 35, frequencyHoldout: 2, durationHoldout: 39, weight: 40 },
  { frequency: 4, recency: 20, T: 37, frequencyHoldout: 1, durationHoldout: 39, weight: 20 },
  { frequency: 6, recency: 35, T: 37, frequencyHoldout: 5, durationHoldout: 39, weight: 15 },
  { frequency: 12, recency: 36, T: 38, frequencyHoldout: 9, durationHoldout: 39, weight: 5 },
];
const CUSTOMERS = GROUPS.flatMap(({ weight, ...customer }) => Array.from({ length: weight }, () => customer));

describe('selectModel', () => {
  it('ranks each model fitted alone by its own holdout comparison', () => {
    const selection = selectModel(GROUPS, CUSTOMERS);
    const fits: Record<string, ModelFit> = {
      bgNbd: fitBgNbd(GROUPS),
      mbgNbd: fitMbgNbd(GROUPS),
      paretoNbd: fitParetoNbd(GROUPS),
      nbd: fitNbd(GROUPS),
      ggomNbd: fitGgomNbd(GROUPS),
    };
    expect(selection.candidates.map((candidate) => candidate.model).sort()).toEqual(Object.keys(fits).sort());
    for (const candidate of selection.candidates) {
      const fit = fits[candidate.model] as ModelFit;
      expect(candidate.fit).toEqual(fit);
      expect(candidate.comparison).toEqual(holdoutComparison(fit, CUSTOMERS));
      expect(candidate.error).toBe(candidate.comparison?.rootMeanSquaredError);
      expect(candidate.eligible).toBe(fit.converged);
      expect(candidate.reason).toBe(fit.converged ? null : fit.reason);
    }
    const eligible = selection.candidates.filter((candidate) => candidate.eligible);
    expect(selection.candidates.slice(0, eligible.length)).toEqual(eligible);
    for (let i = 1; i < eligible.length; i++)
      expect(eligible[i]?.error as number).toBeGreaterThanOrEqual(eligible[i - 1]?.error as number);
    expect(selection.best).toBe(eligible[0]?.model);
    // GGom/NBD's b runs to 0 on these rows (the Pareto/NBD limit): listed with its reason, never chosen
    const ggom = selection.candidates.find((candidate) => candidate.model === 'ggomNbd');
    expect(ggom?.eligible).toBe(false);
    expect(ggom?.reason).toMatch(/no interior maximum/);
  });

  it('ranks by the criterion asked for', () => {
    for (const criterion of ['meanAbsoluteError', 'totalError'] as const) {
      const selection = selectModel(GROUPS, CUSTOMERS, { models: ['bgNbd', 'paretoNbd', 'nbd'], criterion });
      expect(selection.criterion).toBe(criterion);
      for (const candidate of selection.candidates) {
        const comparison = candidate.comparison as NonNullable<typeof candidate.comparison>;
        expect(candidate.error).toBe(
          criterion === 'totalError'
            ? Math.abs(comparison.predictedTotal - comparison.actualTotal)
            : comparison.meanAbsoluteError,
        );
      }
      const errors = selection.candidates.map((candidate) => candidate.error as number);
      expect(errors).toEqual([...errors].sort((a, b) => a - b));
    }
  });

  it('does not depend on the order of the rows', () => {
    const base = selectModel(GROUPS, CUSTOMERS, { models: ['bgNbd', 'mbgNbd', 'nbd'] });
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: GROUPS.length, maxLength: GROUPS.length }), (keys) => {
        const order = GROUPS.map((_, i) => i).sort(
          (a, b) => (keys[a] as number) - (keys[b] as number) || a - b,
        );
        const shuffled = order.map((i) => GROUPS[i] as (typeof GROUPS)[number]);
        const selection = selectModel(shuffled, [...CUSTOMERS].reverse(), {
          models: ['bgNbd', 'mbgNbd', 'nbd'],
        });
        expect(selection.best).toBe(base.best);
        selection.candidates.forEach((candidate, i) => {
          const other = base.candidates[i] as (typeof base.candidates)[number];
          expect(candidate.model).toBe(other.model);
          expect(candidate.fit.params).toEqual(other.fit.params);
          expect(Math.abs((candidate.error as number) - (other.error as number))).toBeLessThanOrEqual(
            1e-12 * (other.error as number),
          );
        });
      }),
      { numRuns: 10 },
    );
  });

  it('fits BG/BB on discrete rows', () => {
    const rows = [
      { frequency: 0, recency: 0, periods: 6, frequencyHoldout: 0, periodsHoldout: 5 },
      { frequency: 1, recency: 2, periods: 6, frequencyHoldout: 0, periodsHoldout: 5 },
      { frequency: 3, recency: 6, periods: 6, frequencyHoldout: 3, periodsHoldout: 5 },
      { frequency: 6, recency: 6, periods: 6, frequencyHoldout: 4, periodsHoldout: 5 },
      { frequency: 2, recency: 5, periods: 6, frequencyHoldout: 1, periodsHoldout: 5 },
      { frequency: 4, recency: 4, periods: 6, frequencyHoldout: 0, periodsHoldout: 5 },
    ];
    const selection = selectModel(rows, rows, { models: ['bgBb'] });
    expect(selection.candidates).toHaveLength(1);
    expect(selection.candidates[0]?.fit).toEqual(fitBgBb(rows));
  });

  it('refuses bad options and weighted holdout rows with codes', () => {
    expect(codeOf(() => selectModel(GROUPS, CUSTOMERS, { models: [] }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => selectModel(GROUPS, CUSTOMERS, { models: ['bgNbd', 'bgNbd'] }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => selectModel(GROUPS, CUSTOMERS, { models: ['bgNbd', 'bgBb'] }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => selectModel(GROUPS, CUSTOMERS, { models: ['gammaGamma' as 'nbd'] }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => selectModel(GROUPS, CUSTOMERS, { criterion: 'r2' as 'totalError' }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => selectModel(GROUPS, CUSTOMERS, { model: ['nbd'] } as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => selectModel(GROUPS, GROUPS))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => selectModel(GROUPS, [], { models: ['nbd'] }))).toBe('EMPTY_INPUT');
    expect(codeOf(() => selectModel(GROUPS, 'rows' as never))).toBe('INVALID_ARGUMENT');
  });
});

describeShared(`selectModel on CDNOW (${label})`, () => {
  it('picks a model on the 2,357 customers of the CDNOW sample, 39 weeks of calibration and 39 of holdout', () => {
    // Fader, Hardie & Lee (2005) fit BG/NBD and Pareto/NBD on this split; the two predict the holdout
    // almost equally well, and both beat the NBD, which has no dropout
    const rows = calibrationHoldoutSummary(cdnowSampleTransactions(), {
      unit: 'week',
      calibrationEnd: '1997-09-30',
      observationEnd: '1998-06-30',
    });
    const selection = selectModel(rows, rows, { models: ['bgNbd', 'paretoNbd', 'nbd'] });
    const error = (model: string) =>
      selection.candidates.find((candidate) => candidate.model === model)?.error as number;
    expect(selection.candidates.every((candidate) => candidate.eligible)).toBe(true);
    expect(selection.best).not.toBe('nbd');
    expect(error('nbd')).toBeGreaterThan(Math.max(error('bgNbd'), error('paretoNbd')));
    expect(Math.abs(error('bgNbd') - error('paretoNbd'))).toBeLessThan(0.01 * error('bgNbd'));
  });
});
