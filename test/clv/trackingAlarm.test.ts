import { describe, expect, it } from 'vitest';
import { cumulativeTracking, trackingAlarm } from '../../src/index';
import { seededUniform } from '../../src/math/random';
import { errorOf } from '../helpers/errors';

/** A Poisson draw by multiplying uniforms (Knuth), fine for the means used here (at most a few hundred). */
function poisson(uniform: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let count = 0;
  let product = uniform();
  while (product > limit) {
    count++;
    product *= uniform();
  }
  return count;
}

/** A flat expected curve: `mean` purchases a period for `periods` periods. */
function flat(mean: number, periods: number) {
  return Array.from({ length: periods }, (_, i) => ({ time: i + 1, expected: mean * (i + 1), actual: null }));
}

/** The period of the first alarm (1-based) on Poisson counts of mean `mean · shift`, or null. */
function firstAlarmOn(
  uniform: () => number,
  mean: number,
  periods: number,
  shift: number,
  options: Parameters<typeof trackingAlarm>[2],
): number | null {
  const counts = Array.from({ length: periods }, () => poisson(uniform, mean * shift));
  const result = trackingAlarm(flat(mean, periods), counts, { actualCounts: 'perPeriod', ...options });
  return result.firstAlarm === null ? null : result.firstAlarm.index + 1;
}

describe('trackingAlarm', () => {
  it('works on per-period increments of the expected curve and of cumulative actuals', () => {
    const points = [
      { time: 1, expected: 50, actual: null },
      { time: 2, expected: 110, actual: null },
      { time: 4, expected: 200, actual: null },
    ];
    const result = trackingAlarm(points, [50, 100, 190]);
    expect(result.periods.map((period) => period.expected)).toEqual([50, 60, 90]);
    expect(result.periods.map((period) => period.actual)).toEqual([50, 50, 90]);
    expect(result.periods[1]?.residual).toBeCloseTo(-10 / Math.sqrt(60), 12);
    // S⁻ = max(0, 0 + 10/√60 − 0.5)
    expect(result.periods[1]?.below).toBeCloseTo(10 / Math.sqrt(60) - 0.5, 12);
    const perPeriod = trackingAlarm(points, [50, 50, 90], { actualCounts: 'perPeriod' });
    expect(perPeriod.periods).toEqual(result.periods);
    expect(
      trackingAlarm(
        { points, meanAbsoluteError: null, rootMeanSquaredError: null, finalRelativeError: null },
        [50, 100, 190],
      ),
    ).toEqual(result);
  });

  it('sets the CUSUM threshold by Siegmund: two-sided h = 4 and 5 give Montgomery table 9.3 ARL0 168 and 465', () => {
    // Montgomery, Introduction to Statistical Quality Control, table 9.3 (k = 0.5): ARL0 = 168 at h = 4 and
    // 465 at h = 5 for the two-sided CUSUM; Siegmund's approximation gives 169 and 469 (within 1%).
    const h168 = trackingAlarm(flat(10, 2), [10, 20], { falseAlarmRate: 1 / 168 }).threshold;
    const h465 = trackingAlarm(flat(10, 2), [10, 20], { falseAlarmRate: 1 / 465 }).threshold;
    expect(Math.abs(h168 - 4)).toBeLessThan(0.01);
    expect(Math.abs(h465 - 5)).toBeLessThan(0.01);
  });

  it('sets the band at the normal quantile of the false-alarm rate', () => {
    expect(
      trackingAlarm(flat(10, 2), [10, 20], { method: 'band', falseAlarmRate: 0.05 }).threshold,
    ).toBeCloseTo(1.959963984540054, 12);
    expect(
      trackingAlarm(flat(10, 2), [10, 20], { method: 'band', falseAlarmRate: 0.05, direction: 'below' })
        .threshold,
    ).toBeCloseTo(1.6448536269514722, 12);
  });

  it('watches only from start and only the sides asked', () => {
    // a shortfall in periods 1–3, then on the model
    const points = flat(100, 8);
    const counts = [60, 60, 60, 100, 100, 100, 100, 100];
    const all = trackingAlarm(points, counts, { actualCounts: 'perPeriod' });
    expect(all.firstAlarm).toEqual({ index: 0, time: 1, side: 'below' }); // z = −4: S⁻ = 3.5 > h = 3.494
    const late = trackingAlarm(points, counts, { actualCounts: 'perPeriod', start: 3 });
    expect(late.firstAlarm).toBeNull();
    expect(late.periods.slice(0, 3).every((period) => period.residual === null && !period.alarm)).toBe(true);
    expect(
      trackingAlarm(points, counts, { actualCounts: 'perPeriod', direction: 'above' }).firstAlarm,
    ).toBeNull();
    const surge = trackingAlarm(points, [140, 140, 140, 100, 100, 100, 100, 100], {
      actualCounts: 'perPeriod',
    });
    expect(surge.firstAlarm?.side).toBe('above');
    expect(surge.message).toMatch(/^refit due since time 1: purchases 15% above the model over times 0–8/);
  });

  it('says no refit is due, with the gap, when none is', () => {
    const result = trackingAlarm(flat(100, 4), [100, 198, 301, 399], { timeLabel: 'week' });
    expect(result.firstAlarm).toBeNull();
    expect(result.relativeGap).toBeCloseTo(-1 / 400, 12);
    expect(result.message).toBe(
      'no refit due: purchases 0.3% below the model over weeks 0–4, within the limits (CUSUM, false-alarm rate 0.01 a period)',
    );
  });

  it('rejects bad input with PatronageError codes', () => {
    const points = flat(10, 3);
    const cases: [() => unknown, string, string][] = [
      [() => trackingAlarm(points, [10, 20]), 'INVALID_ARGUMENT', 'actual has 2 values for 3 points'],
      [() => trackingAlarm([], []), 'INVALID_ARGUMENT', 'no points'],
      [() => trackingAlarm(points, [10, Number.NaN, 30]), 'NOT_FINITE', 'actual[1]'],
      [() => trackingAlarm(points, [10, -1, 30], { actualCounts: 'perPeriod' }), 'OUT_OF_RANGE', 'actual[1]'],
      [() => trackingAlarm(points, [10, 9, 30]), 'INVALID_ARGUMENT', 'cumulative counts cannot fall'],
      [() => trackingAlarm([...points].reverse(), [10, 20, 30]), 'INVALID_ARGUMENT', 'must be after'],
      [
        () =>
          trackingAlarm(
            [
              { time: 1, expected: 10, actual: null },
              { time: 2, expected: 5, actual: null },
            ],
            [1, 2],
          ),
        'INVALID_ARGUMENT',
        'cannot fall',
      ],
      [
        () => trackingAlarm([{ time: 1, expected: 0, actual: null }], [3]),
        'INVALID_ARGUMENT',
        'expects no purchases',
      ],
      [() => trackingAlarm(points, [10, 20, 30], { falseAlarmRate: 0.5 }), 'OUT_OF_RANGE', 'falseAlarmRate'],
      [() => trackingAlarm(points, [10, 20, 30], { dispersion: 0.5 }), 'OUT_OF_RANGE', 'dispersion'],
      [() => trackingAlarm(points, [10, 20, 30], { start: 3 }), 'OUT_OF_RANGE', 'start'],
      [() => trackingAlarm(points, [10, 20, 30], { start: 1.5 }), 'OUT_OF_RANGE', 'whole'],
      [
        () => trackingAlarm(points, [10, 20, 30], { method: 'ewma' as 'band' }),
        'INVALID_ARGUMENT',
        'options.method',
      ],
      [
        () => trackingAlarm(points, [10, 20, 30], { direction: 'down' as 'below' }),
        'INVALID_ARGUMENT',
        'options.direction',
      ],
      [
        () => trackingAlarm(points, [10, 20, 30], { methd: 'band' } as unknown as { method: 'band' }),
        'INVALID_OPTION',
        'method',
      ],
    ];
    for (const [run, code, text] of cases) {
      const error = errorOf(run);
      expect(error?.code, text).toBe(code);
      expect(error?.message).toContain(text);
    }
  });

  it('does not change its inputs', () => {
    const points = Object.freeze(flat(10, 3).map((point) => Object.freeze(point)));
    const actual = Object.freeze([10, 15, 20]);
    expect(() => trackingAlarm(points, actual)).not.toThrow();
  });

  it('reads a cumulativeTracking result as it is (CDNOW BG/NBD fit, Fader, Hardie & Lee 2005)', () => {
    const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
    const births = Array.from({ length: 2357 }, (_, i) => Math.floor((i * 12) / 2357));
    const times = Array.from({ length: 78 }, (_, k) => k + 1);
    const tracking = cumulativeTracking(fit, { births, times });
    const onModel = tracking.points.map((point) => Math.round(point.expected));
    expect(trackingAlarm(tracking, onModel, { start: 39 }).firstAlarm).toBeNull();
    // 20% fewer from week 40 on
    const base = onModel[38] as number;
    const lower = onModel.map((value, k) => (k < 39 ? value : Math.round(base + 0.8 * (value - base))));
    const alarm = trackingAlarm(tracking, lower, { start: 39, timeLabel: 'week' });
    expect(alarm.firstAlarm?.side).toBe('below');
    expect(alarm.message).toMatch(
      /^refit due since week \d+: purchases 20% below the model over weeks 39–78/,
    );
  });
});

describe('trackingAlarm against simulation (Poisson counts, seeded)', () => {
  it('CUSUM: the in-control average run length is within 15% of 1/falseAlarmRate = 100 at 50 a period', {
    timeout: 60_000,
  }, () => {
    // measured (seed 7, 1000 runs): two-sided 98.5, below only 112.8 (the Poisson's right skew makes low
    // counts rarer than the normal's); 20 a period: 98.6 and 122.2; 200 a period: 95.8 and 103.1.
    for (const direction of ['both', 'below'] as const) {
      const uniform = seededUniform(7);
      const runs = 1000;
      const cap = 1000;
      let total = 0;
      for (let run = 0; run < runs; run++) total += firstAlarmOn(uniform, 50, cap, 1, { direction }) ?? cap;
      const averageRunLength = total / runs;
      expect(Math.abs(averageRunLength / 100 - 1), direction).toBeLessThan(0.15);
    }
  });

  it('band: the per-period false-alarm rate is within 30% of 0.01 at 50 a period (15% at 200)', {
    timeout: 60_000,
  }, () => {
    // measured (seed 11, 200,000 periods): at 50 a period 0.0089 two-sided, 0.0071 below only; at 200, 0.0096
    for (const [mean, tolerance] of [
      [50, 0.3],
      [200, 0.15],
    ] as const) {
      for (const direction of ['both', 'below'] as const) {
        const uniform = seededUniform(11);
        const periods = 200_000;
        const counts = Array.from({ length: periods }, () => poisson(uniform, mean));
        const result = trackingAlarm(flat(mean, periods), counts, {
          method: 'band',
          direction,
          actualCounts: 'perPeriod',
        });
        const rate = result.periods.filter((period) => period.alarm).length / periods;
        expect(Math.abs(rate / 0.01 - 1), `${mean} ${direction}`).toBeLessThan(tolerance);
      }
    }
  });

  it('CUSUM detects a 20% drop at 50 a period within 8 periods in at least 90% of runs', () => {
    // measured (seed 5, 2000 runs): two-sided 95.8% within 8 periods, 100% within 13; below only 98.2%
    const uniform = seededUniform(5);
    const runs = 2000;
    let within8 = 0;
    let within13 = 0;
    for (let run = 0; run < runs; run++) {
      const first = firstAlarmOn(uniform, 50, 13, 0.8, {});
      if (first !== null && first <= 8) within8++;
      if (first !== null) within13++;
    }
    expect(within8 / runs).toBeGreaterThanOrEqual(0.9);
    expect(within13 / runs).toBeGreaterThanOrEqual(0.99);
  });
});
