import { describe, expect, it } from 'vitest';
import {
  expectedPurchases,
  fitBgBb,
  fitBgNbd,
  fitMbgNbd,
  fitParetoNbd,
  type ModelFit,
  type ModelSpec,
  simulateCustomers,
} from '../../src/index';
import { codeOf } from '../helpers/errors';
import {
  bgBbLogLikelihood,
  bgFamilyLogLikelihood,
  paretoNbdLogLikelihood,
} from '../helpers/modelLogLikelihoods';

// Published fits: CDNOW in weeks (Fader, Hardie & Lee 2005 for BG/NBD, used for MBG/NBD too; Fader &
// Hardie's Pareto/NBD note), the donations BG/BB fit (Fader, Hardie & Shang 2010, 6 opportunities).
const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const PARETO = { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.669 };
const BGBB = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };

type Rows = never;
const CASES: [string, ModelSpec, (rows: Rows) => ModelFit, (params: never, rows: Rows) => number, number][] =
  [
    [
      'BG/NBD',
      { model: 'bgNbd', params: BG },
      fitBgNbd as (rows: Rows) => ModelFit,
      (params, rows) => bgFamilyLogLikelihood(params, rows, 0),
      39,
    ],
    [
      'MBG/NBD',
      { model: 'mbgNbd', params: BG },
      fitMbgNbd as (rows: Rows) => ModelFit,
      (params, rows) => bgFamilyLogLikelihood(params, rows, 1),
      39,
    ],
    [
      'Pareto/NBD',
      { model: 'paretoNbd', params: PARETO },
      fitParetoNbd as (rows: Rows) => ModelFit,
      paretoNbdLogLikelihood,
      39,
    ],
    ['BG/BB', { model: 'bgBb', params: BGBB }, fitBgBb as (rows: Rows) => ModelFit, bgBbLogLikelihood, 6],
  ];

/** The 0.999 quantile of χ² with 4 degrees of freedom (Abramowitz & Stegun table 26.8). */
const CHI_SQUARE_4_999 = 18.467;

describe('simulateCustomers', () => {
  // Wald intervals (estimate ± 3 standard errors) are not the test for every model: in a study of 30 seeds
  // at 3,000 customers the MBG/NBD estimates of a and b run along the likelihood's ridge (z down to −9.5 for
  // 3 of the 30), where the Hessian's standard errors understate the uncertainty, and the BG/BB z of δ
  // reached 3.3; the likelihood-ratio statistic keeps its χ² law there too.
  it.each(CASES)(
    '%s: 3,000 simulated customers refitted: 2·(ln L at the estimates − ln L at the truth) is below the 0.999 quantile of χ²₄ (seeds 1, 2, 3)',
    (_, spec, fitRows, logLikelihood, T) => {
      for (const seed of [1, 2, 3]) {
        const { summary } = simulateCustomers(spec, { customers: 3000, T, seed });
        const refit = fitRows(summary as Rows);
        expect(refit.converged).toBe(true);
        const statistic =
          2 *
          (logLikelihood(refit.params as never, summary as Rows) -
            logLikelihood(spec.params as never, summary as Rows));
        expect(statistic, `seed ${seed}`).toBeGreaterThanOrEqual(-1e-6);
        expect(statistic, `seed ${seed}`).toBeLessThan(CHI_SQUARE_4_999);
      }
    },
    30_000,
  );

  it.each(CASES.filter(([name]) => name === 'BG/NBD' || name === 'Pareto/NBD'))(
    '%s: refitted, every parameter is within 3 standard errors of the truth (seeds 1, 2, 3)',
    (_, spec, fitRows, __, T) => {
      for (const seed of [1, 2, 3]) {
        const { summary } = simulateCustomers(spec, { customers: 3000, T, seed });
        const refit = fitRows(summary as Rows);
        const errors = refit.standardErrors as unknown as Record<string, number>;
        for (const [name, truth] of Object.entries(spec.params as unknown as Record<string, number>)) {
          const estimate = (refit.params as unknown as Record<string, number>)[name] as number;
          const z = (estimate - truth) / (errors[name] as number);
          expect(Math.abs(z), `${name}: ${estimate} against ${truth} (seed ${seed})`).toBeLessThan(3);
        }
      }
    },
  );

  it.each(CASES)(
    '%s: the mean repeat purchases of 5,000 customers are within 4 standard errors of E[X(T)]',
    (_, spec, __, ___, T) => {
      const { summary } = simulateCustomers(spec, { customers: 5000, T, seed: 11 });
      const counts = summary.map((row) => row.frequency);
      const mean = counts.reduce((sum, value) => sum + value, 0) / counts.length;
      const variance = counts.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (counts.length - 1);
      const expected = expectedPurchases(spec, T);
      expect(Math.abs(mean - expected)).toBeLessThan(4 * Math.sqrt(variance / counts.length));
    },
  );

  it('the transactions are the log the summary rows summarise: first at 0, then the repeat purchases in (0, T], in order', () => {
    const T = [5, 40, 0, 12.5];
    const { transactions, summary } = simulateCustomers(
      { model: 'paretoNbd', params: { r: 2, alpha: 1, s: 0.5, beta: 20 } },
      { customers: 4, T, seed: 9 },
    );
    summary.forEach((row, index) => {
      const own = transactions.filter((transaction) => transaction.customerId === row.customerId);
      expect(row.customerId).toBe(`c${index + 1}`);
      expect(row.T).toBe(T[index]);
      expect(own[0]?.time).toBe(0);
      expect(own.length).toBe(row.frequency + 1);
      expect(row.recency).toBe(own[own.length - 1]?.time);
      for (let i = 1; i < own.length; i++) {
        expect(own[i]?.time).toBeGreaterThan(own[i - 1]?.time as number);
        expect(own[i]?.time).toBeLessThanOrEqual(T[index] as number);
      }
    });
    expect(summary.some((row) => row.frequency > 0)).toBe(true);
  });

  it('BG/BB customers transact at whole opportunities 1 … periods', () => {
    const { transactions, summary } = simulateCustomers(
      { model: 'bgBb', params: BGBB },
      { customers: 200, T: 6, seed: 4 },
    );
    expect(summary.every((row) => row.periods === 6 && row.recency <= 6)).toBe(true);
    expect(transactions.every((row) => Number.isInteger(row.time) && row.time >= 0 && row.time <= 6)).toBe(
      true,
    );
  });

  it('the same seed gives the same customers, another seed others; the default seed is 0', () => {
    const spec = { model: 'bgNbd', params: BG } as const;
    const one = simulateCustomers(spec, { customers: 50, T: 39, seed: 42 });
    expect(simulateCustomers(spec, { customers: 50, T: 39, seed: 42 })).toEqual(one);
    expect(simulateCustomers(spec, { customers: 50, T: 39, seed: 43 })).not.toEqual(one);
    expect(simulateCustomers(spec, { customers: 50, T: 39 })).toEqual(
      simulateCustomers(spec, { customers: 50, T: 39, seed: 0 }),
    );
  });

  it('refuses spend and contract models, a list of T of the wrong length, and draws beyond 10⁷ transactions', () => {
    const gammaGamma = { model: 'gammaGamma', params: { p: 6.25, q: 3.74, gamma: 15.44 } } as const;
    expect(codeOf(() => simulateCustomers(gammaGamma, { customers: 5, T: 10 }))).toBe('UNSUPPORTED_MODEL');
    const spec = { model: 'bgNbd', params: BG } as const;
    expect(codeOf(() => simulateCustomers(spec, { customers: 3, T: [1, 2] }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => simulateCustomers(spec, { customers: 0, T: 1 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => simulateCustomers(spec, { customers: 1, T: 1, seed: 2 ** 32 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => simulateCustomers({ model: 'bgBb', params: BGBB }, { customers: 1, T: 2.5 }))).toBe(
      'NOT_AN_INTEGER',
    );
    const heavy = { model: 'paretoNbd', params: { r: 1e6, alpha: 1, s: 1e-6, beta: 1e6 } } as const;
    expect(codeOf(() => simulateCustomers(heavy, { customers: 10, T: 100 }))).toBe('OUT_OF_RANGE');
  });
});
