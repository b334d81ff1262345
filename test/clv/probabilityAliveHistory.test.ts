import { describe, expect, it } from 'vitest';
import { probabilityAlive, probabilityAliveHistory } from '../../src/index';
import { codeOf } from '../helpers/errors';
import { deepFreeze, expectClose } from '../helpers/numbers';

// Fader, Hardie & Lee (2005): the CDNOW BG/NBD fit, weeks turned into days (alpha 4.414 · 7).
const BG_DAYS = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414 * 7, a: 0.793, b: 2.426 } } as const;
// Fader, Hardie & Lee (2005), "RFM and CLV": the CDNOW Pareto/NBD fit, in weeks.
const PARETO = { model: 'paretoNbd', params: { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 } } as const;
const BG_BB = { model: 'bgBb', params: { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 } } as const;

// customer 33 of lifetimes' example_transactions.csv; the data end on 2014-12-31
const CUSTOMER_33 = ['2014-06-13', '2014-07-07', '2014-07-17', '2014-08-04', '2014-08-21'];

describe('probabilityAliveHistory', () => {
  it("matches lifetimes' calculate_alive_path on its customer 33 (scripts/reference/alive_path.py)", () => {
    const history = probabilityAliveHistory(BG_DAYS, CUSTOMER_33, { until: '2014-12-31', timeUnit: 'day' });
    // lifetimes' path is one value per day: the 'purchase' point on a purchase day, else the grid point
    const daily = history.points.filter((point) => point.kind !== 'before');
    expect(daily.map((point) => point.t)).toEqual(Array.from({ length: 202 }, (_, t) => t));
    const golden: [number, number][] = [
      [0, 1],
      [1, 1],
      [10, 1],
      [23, 1],
      [24, 0.753650201926064],
      [33, 0.7169686842869035],
      [34, 0.8120407679544915],
      [51, 0.7193973210868162],
      [52, 0.8480551829852462],
      [68, 0.7589826301324557],
      [69, 0.8724875381894195],
      [100, 0.684900272571897],
      [150, 0.355192976802124],
      [201, 0.16109550247444024],
    ];
    for (const [t, expected] of golden)
      expectClose((daily[t] as { probabilityAlive: number }).probabilityAlive, expected);
  });

  it("ends at probabilityAlive of the customer's summary, as lifetimes' test_calculate_alive_path checks", () => {
    const history = probabilityAliveHistory(BG_DAYS, CUSTOMER_33, { until: '2014-12-31', timeUnit: 'day' });
    expect(history.summary).toEqual({ frequency: 4, recency: 69, T: 201 });
    expect(history.points.at(-1)?.probabilityAlive).toBe(probabilityAlive(BG_DAYS, history.summary));
  });

  it('puts a point just before and at each repeat purchase', () => {
    const history = probabilityAliveHistory(PARETO, [Date.UTC(2020, 0, 1), Date.UTC(2020, 0, 11)], {
      until: Date.UTC(2020, 0, 29),
      timeUnit: 'week',
    });
    const pair = history.points.filter((point) => point.t === 10 / 7);
    expect(pair.map((point) => [point.kind, point.frequency])).toEqual([
      ['before', 0],
      ['purchase', 1],
    ]);
    expect(pair[0]?.probabilityAlive).toBeLessThan(1);
    expect(pair[1]?.probabilityAlive).toBe(1);
    expect(pair.map((point) => point.at)).toEqual(['2020-01-11T00:00:00.000Z', '2020-01-11T00:00:00.000Z']);
    expect(history.points.map((point) => point.t)).toEqual([0, 1, 10 / 7, 10 / 7, 2, 3, 4]);
    expect(history.points.at(-1)?.kind).toBe('grid');
  });

  it('ends with an end point when until is off the grid, at until to the millisecond', () => {
    const history = probabilityAliveHistory(PARETO, ['2020-01-01T00:00:00Z'], {
      until: '2020-01-20T12:00:00Z',
      timeUnit: 'week',
    });
    const last = history.points.at(-1);
    expect(last?.kind).toBe('end');
    expect(last?.at).toBe('2020-01-20T12:00:00.000Z');
    expectClose(last?.t as number, 19.5 / 7);
  });

  it('reads Dates, epoch milliseconds and ISO strings in any order, and counts one purchase per instant', () => {
    const shuffled = probabilityAliveHistory(
      BG_DAYS,
      [new Date('2014-07-17T00:00:00Z'), '2014-06-13', Date.UTC(2014, 6, 7), '2014-07-17T00:00:00Z'],
      { until: '2014-08-01', timeUnit: 'day', step: 5 },
    );
    const sorted = probabilityAliveHistory(BG_DAYS, ['2014-06-13', '2014-07-07', '2014-07-17'], {
      until: '2014-08-01',
      timeUnit: 'day',
      step: 5,
    });
    expect(shuffled).toEqual(sorted);
    expect(sorted.purchases.map((purchase) => purchase.t)).toEqual([0, 24, 34]);
  });

  it('takes the covariates of a covariate fit: the path of the customer with them', () => {
    const spec = { ...PARETO, coefficients: { purchase: { online: 0.4 }, dropout: { online: -0.3 } } };
    const purchases = ['2020-01-01', '2020-01-15', '2020-03-01'];
    const options = { until: '2020-06-01', timeUnit: 'week', step: 2 } as const;
    const history = probabilityAliveHistory(spec, purchases, { ...options, covariates: { online: 1 } });
    const customer = { ...history.summary, covariates: { online: 1 } };
    expect(history.points.at(-1)?.probabilityAlive).toBe(probabilityAlive(spec, customer));
    // online 0 is the fit without covariates
    expect(
      probabilityAliveHistory(spec, purchases, { ...options, covariates: { online: 0 } }).points,
    ).toEqual(probabilityAliveHistory(PARETO, purchases, options).points);
    expect(codeOf(() => probabilityAliveHistory(spec, purchases, options))).toBe('MISSING_COVARIATE');
  });

  it('does not mutate its input', () => {
    const purchases = deepFreeze(['2014-07-17', '2014-06-13']);
    const options = deepFreeze({ until: '2014-08-01', timeUnit: 'day', step: 2 } as const);
    expect(() => probabilityAliveHistory(BG_DAYS, purchases, options)).not.toThrow();
  });

  it('refuses a path longer than maxPoints before allocating it', () => {
    const options = { until: '2020-01-01', timeUnit: 'day', step: 1e-9 } as const;
    expect(codeOf(() => probabilityAliveHistory(BG_DAYS, ['2014-06-13'], options))).toBe('OUT_OF_RANGE');
    expect(
      codeOf(() =>
        probabilityAliveHistory(BG_DAYS, ['2014-06-13'], {
          until: '2014-06-20',
          timeUnit: 'day',
          maxPoints: 8,
        }),
      ),
    ).toBe('OUT_OF_RANGE');
    // 8 grid points (0 … 7 days) fit in 9
    expect(
      probabilityAliveHistory(BG_DAYS, ['2014-06-13'], { until: '2014-06-20', timeUnit: 'day', maxPoints: 9 })
        .points.length,
    ).toBe(8);
    expect(
      codeOf(() =>
        probabilityAliveHistory(BG_DAYS, ['2014-06-13'], {
          until: '2014-06-20',
          timeUnit: 'day',
          maxPoints: 1e7,
        }),
      ),
    ).toBe('OUT_OF_RANGE');
  });

  it('rejects bad input with stable codes', () => {
    const options = { until: '2014-12-31', timeUnit: 'day' } as const;
    expect(codeOf(() => probabilityAliveHistory(BG_DAYS, [], options))).toBe('EMPTY_INPUT');
    expect(codeOf(() => probabilityAliveHistory(BG_DAYS, ['not a date'], options))).toBe('INVALID_TIMESTAMP');
    expect(codeOf(() => probabilityAliveHistory(BG_DAYS, ['2015-01-02'], options))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => probabilityAliveHistory(BG_DAYS, CUSTOMER_33, { ...options, step: 0 }))).toBe(
      'OUT_OF_RANGE',
    );
    expect(
      codeOf(() => probabilityAliveHistory(BG_DAYS, CUSTOMER_33, { ...options, step: Number.NaN })),
    ).toBe('NOT_FINITE');
    expect(codeOf(() => probabilityAliveHistory(BG_DAYS, CUSTOMER_33, { ...options, maxPoints: 2.5 }))).toBe(
      'NOT_AN_INTEGER',
    );
    // @ts-expect-error an unknown option
    expect(codeOf(() => probabilityAliveHistory(BG_DAYS, CUSTOMER_33, { ...options, stepp: 2 }))).toBe(
      'INVALID_OPTION',
    );
    // @ts-expect-error timeUnit is required
    expect(codeOf(() => probabilityAliveHistory(BG_DAYS, CUSTOMER_33, { until: '2014-12-31' }))).toBe(
      'OUT_OF_RANGE',
    );
    expect(codeOf(() => probabilityAliveHistory(BG_BB, CUSTOMER_33, options))).toBe('UNSUPPORTED_MODEL');
  });
});
