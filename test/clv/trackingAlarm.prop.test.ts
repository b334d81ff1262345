import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cumulativeTracking, isPatronageError, type ModelSpec, trackingAlarm } from '../../src/index';

/** The Poisson-variance alarm (`variance: 'poisson'`), what these hand-built curves without a covariance use. */
const poissonAlarm: typeof trackingAlarm = (expected, actual, options) =>
  trackingAlarm(expected, actual, { variance: 'poisson', ...options });

/** Per-period expected counts (positive) and the expected cumulative curve they make. */
const expectedSteps = fc.array(fc.double({ min: 0.5, max: 500, noNaN: true }), {
  minLength: 1,
  maxLength: 40,
});
const methods = fc.constantFrom('cusum' as const, 'band' as const);
const directions = fc.constantFrom('both' as const, 'below' as const, 'above' as const);
const rates = fc.constantFrom(1e-6, 0.001, 0.01, 0.1);

function curve(steps: readonly number[]) {
  let total = 0;
  return steps.map((step, i) => {
    total += step;
    return { time: i + 1, expected: total, actual: null };
  });
}

/** Fits of the models with a covariance of their counts, over wide parameter ranges. */
const positive = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const modelFits: fc.Arbitrary<ModelSpec> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('bgNbd' as const, 'mbgNbd' as const),
      positive(0.05, 5),
      positive(0.5, 30),
      positive(0.05, 5e5),
      positive(0.05, 5e5),
    )
    .map(([model, r, alpha, a, b]) => ({ model, params: { r, alpha, a, b } })),
  fc
    .tuple(positive(0.05, 5), positive(0.5, 30), positive(0.05, 5), positive(0.5, 30))
    .map(([r, alpha, s, beta]) => ({ model: 'paretoNbd' as const, params: { r, alpha, s, beta } })),
  fc
    .tuple(positive(0.05, 5), positive(0.5, 30))
    .map(([r, alpha]) => ({ model: 'nbd' as const, params: { r, alpha } })),
);

describe('trackingAlarm laws', () => {
  it('never alarms when the actual counts are the expected ones', () => {
    fc.assert(
      fc.property(expectedSteps, methods, directions, rates, (steps, method, direction, falseAlarmRate) => {
        const points = curve(steps);
        const options = { method, direction, falseAlarmRate };
        // the same cumulative curve: the same increments, so every residual is exactly 0
        const result = poissonAlarm(
          points,
          points.map((point) => point.expected),
          options,
        );
        expect(result.firstAlarm).toBeNull();
        expect(
          result.periods.every((period) => !period.alarm && period.below === 0 && period.above === 0),
        ).toBe(true);
        expect(result.relativeGap).toBe(0);
        // the per-period steps (the curve's increments differ from them only by rounding)
        expect(poissonAlarm(points, steps, { ...options, actualCounts: 'perPeriod' }).firstAlarm).toBeNull();
      }),
    );
  });

  it('a larger shortfall (lower in every period) never alarms later, watching below', () => {
    fc.assert(
      fc.property(
        expectedSteps.chain((steps) =>
          fc.tuple(
            fc.constant(steps),
            fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
              minLength: steps.length,
              maxLength: steps.length,
            }),
            fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
              minLength: steps.length,
              maxLength: steps.length,
            }),
          ),
        ),
        methods,
        rates,
        fc.constantFrom('below' as const, 'both' as const),
        ([steps, share, less], method, falseAlarmRate, direction) => {
          // actual ≤ expected in every period, and `lower` ≤ `actual` in every period
          const actual = steps.map((step, i) => step * (share[i] as number));
          const lower = actual.map((value, i) => value * (less[i] as number));
          const options = { actualCounts: 'perPeriod' as const, method, falseAlarmRate, direction };
          const first = poissonAlarm(curve(steps), actual, options).firstAlarm;
          const second = poissonAlarm(curve(steps), lower, options).firstAlarm;
          if (first !== null) {
            expect(second).not.toBeNull();
            expect(second?.index as number).toBeLessThanOrEqual(first.index);
          }
        },
      ),
    );
  });

  it('the statistics are finite and at least 0, and the alarm is on exactly when a watched one exceeds the threshold', () => {
    fc.assert(
      fc.property(
        expectedSteps.chain((steps) =>
          fc.tuple(
            fc.constant(steps),
            fc.array(fc.nat({ max: 2000 }), { minLength: steps.length, maxLength: steps.length }),
          ),
        ),
        methods,
        directions,
        ([steps, counts], method, direction) => {
          const result = poissonAlarm(curve(steps), counts, {
            actualCounts: 'perPeriod',
            method,
            direction,
          });
          for (const period of result.periods) {
            expect(Number.isFinite(period.below) && period.below >= 0).toBe(true);
            expect(Number.isFinite(period.above) && period.above >= 0).toBe(true);
            const on =
              (direction !== 'above' && period.below > result.threshold) ||
              (direction !== 'below' && period.above > result.threshold);
            expect(period.alarm).toBe(on);
          }
          expect(result.firstAlarm?.index ?? -1).toBe(result.periods.findIndex((period) => period.alarm));
        },
      ),
    );
  });

  it('cumulative and per-period actuals give the same answer', () => {
    fc.assert(
      fc.property(
        expectedSteps.chain((steps) =>
          fc.tuple(
            fc.constant(steps),
            fc.array(fc.nat({ max: 600 }), { minLength: steps.length, maxLength: steps.length }),
          ),
        ),
        ([steps, counts]) => {
          let total = 0;
          const cumulative = counts.map((count) => (total += count));
          expect(poissonAlarm(curve(steps), cumulative)).toEqual(
            poissonAlarm(curve(steps), counts, { actualCounts: 'perPeriod' }),
          );
        },
      ),
    );
  });

  it('lengths that differ, or a cumulative count that falls, are INVALID_ARGUMENT', () => {
    fc.assert(
      fc.property(
        expectedSteps,
        fc.integer({ min: -3, max: 3 }).filter((d) => d !== 0),
        (steps, difference) => {
          const length = Math.max(0, steps.length + difference);
          const actual = Array.from({ length }, (_, i) => i);
          try {
            poissonAlarm(curve(steps), actual);
            expect.unreachable();
          } catch (error) {
            expect(isPatronageError(error) && error.code).toBe('INVALID_ARGUMENT');
          }
        },
      ),
    );
  });

  it('with the model covariance of any fit: no alarm on the expected counts, finite residuals on any counts, and a lower falseAlarmRate never alarms earlier', () => {
    fc.assert(
      fc.property(
        modelFits,
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 2, max: 12 }),
        fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: 12, maxLength: 12 }),
        methods,
        directions,
        (fit, births, periods, factors, method, direction) => {
          const times = Array.from({ length: periods }, (_, k) => k + 1);
          const tracking = cumulativeTracking(fit, {
            births: births.map((birth) => birth * 100),
            times,
            covariance: true,
          });
          const scaled = cumulativeTracking(fit, { births, times, covariance: true });
          for (const result of [tracking, scaled]) {
            const options = { method, direction, actualCounts: 'perPeriod' as const };
            const steps = result.points.map((point) => point.incrementalExpected);
            const onModel = trackingAlarm(result, steps, options);
            expect(onModel.firstAlarm).toBeNull();
            // counts off the model by any factor (0 where the model expects none)
            const counts = steps.map((step, k) => Math.round(step * (factors[k] as number) * 100) / 100);
            const loose = trackingAlarm(result, counts, { ...options, falseAlarmRate: 0.1 });
            const strict = trackingAlarm(result, counts, { ...options, falseAlarmRate: 0.001 });
            for (const period of loose.periods) expect(Number.isFinite(period.residual)).toBe(true);
            if (strict.firstAlarm !== null) {
              expect(loose.firstAlarm?.index ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(
                strict.firstAlarm.index,
              );
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
