import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPatronageError, trackingAlarm } from '../../src/index';

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

describe('trackingAlarm laws', () => {
  it('never alarms when the actual counts are the expected ones', () => {
    fc.assert(
      fc.property(expectedSteps, methods, directions, rates, (steps, method, direction, falseAlarmRate) => {
        const points = curve(steps);
        const options = { method, direction, falseAlarmRate };
        // the same cumulative curve: the same increments, so every residual is exactly 0
        const result = trackingAlarm(
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
        expect(trackingAlarm(points, steps, { ...options, actualCounts: 'perPeriod' }).firstAlarm).toBeNull();
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
          const first = trackingAlarm(curve(steps), actual, options).firstAlarm;
          const second = trackingAlarm(curve(steps), lower, options).firstAlarm;
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
          const result = trackingAlarm(curve(steps), counts, {
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
          expect(trackingAlarm(curve(steps), cumulative)).toEqual(
            trackingAlarm(curve(steps), counts, { actualCounts: 'perPeriod' }),
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
            trackingAlarm(curve(steps), actual);
            expect.unreachable();
          } catch (error) {
            expect(isPatronageError(error) && error.code).toBe('INVALID_ARGUMENT');
          }
        },
      ),
    );
  });
});
