import { describe, expect, it } from 'vitest';
import { periodTransactions, purchaseProbability, simulateCustomers } from '../../src/index';
import { codeOf } from '../helpers/errors';
import { expectClose } from '../helpers/numbers';
import { hasSharedData, SKIP_MESSAGE } from '../helpers/sharedData';
import { cdnowCalibrationRows } from './literatureHelpers';

const BG_FIT = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
const PARETO_FIT = { model: 'paretoNbd', params: { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 } } as const;

// the small weighted data set of scripts/reference/period_transactions.py
const ROWS = (
  [
    [0, 0, 38, 180],
    [0, 0, 30, 120],
    [1, 10, 38, 40],
    [1, 20, 30, 25],
    [2, 25, 38, 20],
    [2, 15, 30, 12],
    [3, 30, 38, 10],
    [4, 33, 38, 8],
    [5, 35, 38, 5],
    [6, 36, 38, 4],
    [8, 37, 38, 6],
    [10, 29, 30, 3],
  ] as const
).map(([frequency, recency, T, weight]) => ({ frequency, recency, T, weight }));

describe('periodTransactions', () => {
  it('matches the 50-digit mpmath computation of scripts/reference/period_transactions.py (BG/NBD eq. 8, merged bins, chi-square)', () => {
    const result = periodTransactions(BG_FIT, ROWS);
    expect(result.customers).toBe(433);
    expect(result.bins.map((bin) => bin.actual)).toEqual([300, 65, 32, 10, 8, 5, 4, 9]);
    const expected = [
      254.670874188323, 85.2868722402584, 35.9981755018795, 19.0779980812717, 11.3742724723246,
      7.30000967494343, 4.92956276392094, 14.3622350770785,
    ];
    for (const [k, bin] of result.bins.entries()) expectClose(bin.expected, expected[k] as number, 1e-11);
    expect(result.tail).toBe('exact');
    const { chiSquare } = result;
    // bins 6 (expected 4.93) and 7+ merged: 7 groups, 7 − 1 − 4 = 2 degrees of freedom
    expect(chiSquare.groups.map((group) => [group.from, group.to, group.orMore, group.actual])).toEqual([
      [0, 0, false, 300],
      [1, 1, false, 65],
      [2, 2, false, 32],
      [3, 3, false, 10],
      [4, 4, false, 8],
      [5, 5, false, 5],
      [6, 7, true, 13],
    ]);
    expectClose(chiSquare.groups[6]?.expected as number, 19.2917978409995, 1e-11);
    expect(chiSquare.parameters).toBe(4);
    expect(chiSquare.degreesOfFreedom).toBe(2);
    expectClose(chiSquare.statistic, 21.4351058444693, 1e-10);
    expectClose(chiSquare.pValue as number, 2.21526612439886e-5, 1e-9);
  });

  it('the expected counts sum to the customers, weights counted', () => {
    for (const fit of [BG_FIT, PARETO_FIT]) {
      const result = periodTransactions(fit, ROWS, { maxFrequency: 4 });
      expect(result.customers).toBe(433);
      expectClose(
        result.bins.reduce((sum, bin) => sum + bin.expected, 0),
        433,
        1e-12,
      );
      expect(result.bins.reduce((sum, bin) => sum + bin.actual, 0)).toBe(433);
    }
  });

  it('a weight counts as that many identical rows', () => {
    const weighted = periodTransactions(BG_FIT, [{ frequency: 2, recency: 20, T: 30, weight: 3 }]);
    const repeated = periodTransactions(
      BG_FIT,
      Array.from({ length: 3 }, () => ({ frequency: 2, recency: 20, T: 30 })),
    );
    expect(weighted).toEqual(repeated);
  });

  it('each bin is Σ w·P(X(T) = x) of purchaseProbability, the last bin the rest', () => {
    const result = periodTransactions(BG_FIT, ROWS.slice(0, 2), { maxFrequency: 2 });
    const at = (k: number) =>
      180 * purchaseProbability(BG_FIT, k, 38) + 120 * purchaseProbability(BG_FIT, k, 30);
    expectClose(result.bins[0]?.expected as number, at(0));
    expectClose(result.bins[1]?.expected as number, at(1));
    expectClose(result.bins[2]?.expected as number, 300 - at(0) - at(1), 1e-12);
  });

  it('Pareto/NBD takes its "or more" bin as 1 − Σ and says so', () => {
    expect(periodTransactions(PARETO_FIT, ROWS).tail).toBe('complement');
    expect(periodTransactions({ model: 'nbd', params: { r: 0.4, alpha: 5 } }, ROWS).tail).toBe('exact');
  });

  it('BG/BB sums its finite tail and counts its four parameters', () => {
    const fit = { model: 'bgBb', params: { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.78 } } as const;
    const rows = [
      { frequency: 6, recency: 6, periods: 6, weight: 1203 },
      { frequency: 0, recency: 0, periods: 6, weight: 3464 },
      { frequency: 3, recency: 5, periods: 6, weight: 300 },
    ];
    const result = periodTransactions(fit, rows, { maxFrequency: 4 });
    expect(result.tail).toBe('exact');
    const tail = [4, 5, 6].reduce((sum, k) => sum + purchaseProbability(fit, k, 6), 0);
    expectClose(result.bins[4]?.expected as number, 4967 * tail, 1e-12);
    expect(result.chiSquare.parameters).toBe(4);
    expect(result.chiSquare.degreesOfFreedom).toBeNull();
    expect(result.chiSquare.pValue).toBeNull();
  });

  it('takes the MBG/NBD "or more" bin from the exact tail where 1 − Σ loses digits (mpmath: B(a, b+n)/B(a, b)·I_z(n, r))', () => {
    // found by the tail property: 1 − Σ is off by 1e−9 relative here, the direct tail by 4e−15
    const fit = {
      model: 'mbgNbd',
      params: { r: 0.05, alpha: 1.5257575937582195, a: 2.9879933452958922, b: 0.11445671265340153 },
    } as const;
    const tail = periodTransactions(fit, [{ frequency: 0, recency: 0, T: 1 }], { maxFrequency: 3 }).bins[3];
    expectClose(tail?.expected as number, 6.528048393026258e-6, 1e-13);
  });

  it('CNBD-k counts k among the fitted parameters', () => {
    const fit = { model: 'bgCnbd', params: { k: 2, r: 0.5, alpha: 4, a: 0.8, b: 2.4 } } as const;
    expect(periodTransactions(fit, ROWS).chiSquare.parameters).toBe(5);
  });

  it('is UNSUPPORTED_MODEL for a model without purchaseProbability, and checks its input', () => {
    expect(
      codeOf(() => periodTransactions({ model: 'gammaGamma', params: { p: 6, q: 4, gamma: 16 } }, ROWS)),
    ).toBe('UNSUPPORTED_MODEL');
    expect(codeOf(() => periodTransactions(BG_FIT, []))).toBe('EMPTY_INPUT');
    expect(codeOf(() => periodTransactions(BG_FIT, ROWS, { maxFrequency: 0 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => periodTransactions(BG_FIT, ROWS, { maxFrequency: 2.5 }))).toBe('NOT_AN_INTEGER');
    expect(codeOf(() => periodTransactions(BG_FIT, ROWS, { maxFrequncy: 3 } as never))).toBe(
      'INVALID_OPTION',
    );
    expect(codeOf(() => periodTransactions(BG_FIT, [{ frequency: 2, recency: 40, T: 30 }]))).toBe(
      'INVALID_SUMMARY_ROW',
    );
    expect(codeOf(() => periodTransactions(BG_FIT, [{ frequency: 2, recency: 20, T: 30, weight: 0 }]))).toBe(
      'INVALID_SUMMARY_ROW',
    );
  });
});

const describeShared = describe.skipIf(!hasSharedData);
const label = hasSharedData ? 'shared data present' : SKIP_MESSAGE;

describeShared(`periodTransactions on CDNOW against a seeded simulation (${label})`, () => {
  it('matches the mpmath computation on the 2,357 CDNOW calibration rows at the published BG/NBD parameters (scripts/reference/period_transactions.py)', () => {
    const result = periodTransactions(BG_FIT, cdnowCalibrationRows());
    expect(result.bins.map((bin) => bin.actual)).toEqual([1411, 439, 214, 100, 62, 38, 29, 64]);
    const expected = [
      1406.50004293956, 460.807536741885, 192.70939580343, 101.306698868154, 59.9360608015333,
      38.1785504955014, 25.5896719674489, 71.9720423824897,
    ];
    for (const [k, bin] of result.bins.entries()) expectClose(bin.expected, expected[k] as number, 1e-11);
    expect(result.chiSquare.groups.length).toBe(8);
    expect(result.chiSquare.degreesOfFreedom).toBe(3);
    expectClose(result.chiSquare.statistic, 4.82490983086098, 1e-9);
    expectClose(result.chiSquare.pValue as number, 0.185076333328408, 1e-9);
  });

  // each CDNOW customer's T drawn REPEAT times: a bin's simulated count is a sum of independent
  // Bernoulli(P(X(T_i) = x)) draws, whose standard deviation sqrt(Σ p(1 − p)) gives the tolerance
  const REPEAT = 20;
  for (const fit of [BG_FIT, PARETO_FIT]) {
    it(`${fit.model} (Fader, Hardie & Lee 2005 parameters): every bin within 4 standard errors`, () => {
      const rows = cdnowCalibrationRows();
      expect(rows.length).toBe(2357);
      const ages = rows.flatMap((row) => Array.from({ length: REPEAT }, () => row.T));
      const result = periodTransactions(
        fit,
        rows.map((row) => ({ ...row, weight: REPEAT })),
      );
      const { summary } = simulateCustomers(fit, { customers: ages.length, T: ages, seed: 17 });
      const simulated = new Array<number>(8).fill(0);
      for (const { frequency } of summary)
        simulated[Math.min(7, frequency)] = (simulated[Math.min(7, frequency)] as number) + 1;
      const variance = new Array<number>(8).fill(0);
      const byAge = new Map<number, number>();
      for (const T of ages) byAge.set(T, (byAge.get(T) ?? 0) + 1);
      for (const [T, count] of byAge) {
        let below = 0;
        for (let k = 0; k < 8; k++) {
          const p = k < 7 ? purchaseProbability(fit, k, T) : 1 - below;
          below += p;
          variance[k] = (variance[k] as number) + count * p * (1 - p);
        }
      }
      result.bins.forEach((bin, k) => {
        const error = Math.abs((simulated[k] as number) - bin.expected);
        expect(error, `bin ${k}: simulated ${simulated[k]}, expected ${bin.expected}`).toBeLessThanOrEqual(
          4 * Math.sqrt(variance[k] as number),
        );
      });
      // and the data itself: the bins' actual counts are CDNOW's calibration histogram
      expect(result.bins.reduce((sum, bin) => sum + bin.actual, 0)).toBe(2357 * REPEAT);
    }, 60_000);
  }
});
