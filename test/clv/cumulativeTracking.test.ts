import { describe, expect, it } from 'vitest';
import { cumulativeTracking, isPatronageError } from '../../src/index';

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
