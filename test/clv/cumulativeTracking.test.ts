import { describe, expect, it } from 'vitest';
import { cumulativeTracking, isPatronageError, simulateCustomers } from '../../src/index';
import { expectClose } from '../helpers/numbers';

const FIT = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;

/** The error `run` throws (undefined when it returns). */
function thrown(run: () => unknown): { code: string; message: string } | undefined {
  try {
    run();
  } catch (error) {
    return isPatronageError(error)
      ? { code: error.code, message: error.message }
      : { code: 'other', message: String(error) };
  }
  return undefined;
}

describe('cumulativeTracking', () => {
  it('rejects a hole in births, times or actual as INVALID_ARGUMENT naming the index (issue 15 item 8)', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point of the test
    const sparse = [1, , 3] as number[];
    const cases = [
      [{ births: sparse, times: [1, 2, 3] }, 'input.births[1]'],
      [{ births: [0, 1], times: sparse }, 'input.times[1]'],
      [{ births: [0, 1], times: [1, 2, 3], actual: sparse }, 'input.actual[1]'],
    ] as const;
    for (const [input, name] of cases) {
      const error = thrown(() => cumulativeTracking(FIT, input));
      expect(error?.code).toBe('INVALID_ARGUMENT');
      expect(error?.message).toContain(name);
    }
  });

  it('reads each value once: a getter valid on the first read and NaN on the second cannot reach the result', () => {
    const flaky = (value: number): number[] => {
      const list = [value, 5];
      let reads = 0;
      Object.defineProperty(list, 0, {
        get: () => (reads++ === 0 ? value : Number.NaN),
        enumerable: true,
      });
      return list;
    };
    const result = cumulativeTracking(FIT, { births: flaky(0), times: flaky(10), actual: flaky(1) });
    for (const point of result.points) {
      expect(Number.isFinite(point.expected)).toBe(true);
      expect(Number.isFinite(point.actual as number)).toBe(true);
    }
    expect(Number.isFinite(result.meanAbsoluteError as number)).toBe(true);
  });
});

describe('cumulativeTracking increments', () => {
  it('gives the per-period series beside the cumulative one (the first point measured from time 0)', () => {
    const result = cumulativeTracking(FIT, { births: [0, 0, 1, 2], times: [1, 10, 20], actual: [0, 1, 2] });
    const [first, second, third] = result.points;
    expect(first?.incrementalExpected).toBe(first?.expected);
    expect(second?.incrementalExpected).toBe((second?.expected as number) - (first?.expected as number));
    expect(third?.incrementalExpected).toBe((third?.expected as number) - (second?.expected as number));
    expect(result.points.map((point) => point.incrementalActual)).toEqual([0, 1, 1]);
  });

  it('gives null observed increments without actual', () => {
    const result = cumulativeTracking(FIT, { births: [0, 1], times: [1, 2] });
    expect(result.points.map((point) => point.incrementalActual)).toEqual([null, null]);
  });
});

/** The sample covariance of two lists of the same length and its standard error, √(Var[(x − x̄)(y − ȳ)]/n). */
function sampleCovariance(xs: readonly number[], ys: readonly number[]): { value: number; error: number } {
  const n = xs.length;
  const mx = xs.reduce((sum, x) => sum + x, 0) / n;
  const my = ys.reduce((sum, y) => sum + y, 0) / n;
  const products = xs.map((x, i) => (x - mx) * ((ys[i] as number) - my));
  const value = products.reduce((sum, product) => sum + product, 0) / (n - 1);
  const spread = products.reduce((sum, product) => sum + (product - value) ** 2, 0) / (n - 1);
  return { value, error: Math.sqrt(spread / n) };
}

describe('cumulativeTracking covariance', () => {
  it('a BG/NBD customer: Var[X(t)] matches Σ x² P(X(t) = x) − E[X(t)]² from Fader, Hardie & Lee (2005) eq. 8 (mpmath, 30 digits)', () => {
    // mpmath at 30 digits, Σ over x < 4000 of x² P(X(t) = x) with FHL's closed-form P(X(t) = x)
    const golden: [number, number][] = [
      [1, 0.0614334539825717],
      [10, 1.01061012220447],
      [39, 6.44795081032102],
      [78, 16.6102212714489],
    ];
    for (const [t, variance] of golden) {
      const result = cumulativeTracking(FIT, { births: [0], times: [t], covariance: true });
      expectClose(result.covariance?.[0]?.[0] as number, variance, 1e-12);
    }
  });

  it('a Pareto/NBD customer: Var and Cov at weeks 39 and 78 match an mpmath integral over μ (CDNOW fit)', () => {
    // mpmath at 30 digits: E[λ]E[min(τ, u)] + E[λ²]E[min(τ, u) min(τ, v)] − E[λ]²E[min(τ, u)]E[min(τ, v)]
    // with the expectations over τ ~ Exp(μ) in closed form given μ and then integrated over μ ~ Gamma(s, β)
    const fit = { model: 'paretoNbd', params: { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 } } as const;
    const result = cumulativeTracking(fit, { births: [0], times: [39, 78], covariance: true });
    const periods = result.covariance as readonly (readonly number[])[];
    const at = (j: number, k: number): number => (periods[j] as readonly number[])[k] as number;
    // the periods' covariance summed back to the cumulative counts
    expectClose(at(0, 0), 5.69580423756123, 1e-10);
    expectClose(at(0, 0) + at(0, 1), 8.83738553685502, 1e-10);
    expectClose(at(0, 0) + 2 * at(0, 1) + at(1, 1), 15.9481161399477, 1e-10);
  });

  it('NBD: Var[X(t)] is the negative binomial variance rt/α·(1 + t/α)', () => {
    const fit = { model: 'nbd', params: { r: 0.5, alpha: 4 } } as const;
    const result = cumulativeTracking(fit, { births: [0], times: [10], covariance: true });
    expectClose(result.covariance?.[0]?.[0] as number, ((0.5 * 10) / 4) * (1 + 10 / 4), 1e-14);
  });

  it('BG/NBD and MBG/NBD: the covariance of two periods matches 200,000 simulated customers (within 4 standard errors)', {
    timeout: 60_000,
  }, () => {
    for (const model of ['bgNbd', 'mbgNbd'] as const) {
      const fit = { model, params: FIT.params } as const;
      const customers = 200_000;
      const { transactions } = simulateCustomers(fit, { customers, T: 78, seed: 21 });
      const first = new Array<number>(customers).fill(0);
      const second = new Array<number>(customers).fill(0);
      for (const { customerId, time } of transactions) {
        if (time === 0) continue;
        const list = time <= 39 ? first : second;
        const i = Number(customerId.slice(1)) - 1;
        list[i] = (list[i] as number) + 1;
      }
      const result = cumulativeTracking(fit, { births: [0], times: [39, 78], covariance: true });
      const modelCovariance = result.covariance as readonly (readonly number[])[];
      const lists = [first, second];
      for (const [j, k] of [
        [0, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const sample = sampleCovariance(lists[j] as number[], lists[k] as number[]);
        const expected = (modelCovariance[j] as readonly number[])[k] as number;
        expect(Math.abs(sample.value - expected), `${fit.model} [${j}][${k}]`).toBeLessThan(4 * sample.error);
      }
    }
  });

  it('is symmetric and sums back to the cumulative variance over a cohort', () => {
    const result = cumulativeTracking(FIT, { births: [0, 0, 1.5, 3], times: [1, 2, 4, 8], covariance: true });
    const periods = result.covariance as readonly (readonly number[])[];
    for (let j = 0; j < 4; j++) {
      for (let k = 0; k < 4; k++) expect(periods[j]?.[k]).toBe(periods[k]?.[j]);
    }
    // Var[cohort total at 8] = Σ over customers of Var[X(8 − b)]
    const total = periods.flat().reduce((sum, value) => sum + value, 0);
    const single = (age: number): number =>
      cumulativeTracking(FIT, { births: [0], times: [age], covariance: true }).covariance?.[0]?.[0] as number;
    expectClose(total, 2 * single(8) + single(6.5) + single(5), 1e-12);
  });

  it('asks for the covariance only of models that have one and of increasing times', () => {
    const bgBb = { model: 'bgBb', params: { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.78 } } as const;
    expect(thrown(() => cumulativeTracking(bgBb, { births: [0], times: [3], covariance: true }))?.code).toBe(
      'UNSUPPORTED_MODEL',
    );
    expect(thrown(() => cumulativeTracking(FIT, { births: [0], times: [3, 2], covariance: true }))).toEqual({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('input.times[1] (2) must be after the time before it (3)'),
    });
    expect(
      thrown(() =>
        cumulativeTracking(FIT, { births: [0], times: [3], covariance: 'yes' as unknown as boolean }),
      )?.code,
    ).toBe('INVALID_ARGUMENT');
    expect(cumulativeTracking(FIT, { births: [0], times: [3] })).not.toHaveProperty('covariance');
  });
});
