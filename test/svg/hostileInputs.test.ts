// Every chart function and htmlReport against inputs that look right but behave badly: holes in arrays,
// records without a prototype, Array subclasses whose iterator and methods lie, getters that change between
// reads. A chart reads each value once, by index, so it draws what the caller gave or throws a
// PatronageError; it never throws a TypeError.
import { describe, expect, it } from 'vitest';
import { isPatronageError } from '../../src/index';
import {
  cohortHeatmapSvg,
  frequencyRecencyMatrixSvg,
  holdoutByGroupSvg,
  htmlReport,
  periodTransactionsSvg,
  probabilityAliveMatrixSvg,
  retentionCurvesSvg,
  segmentSizesSvg,
  survivalCurveSvg,
  trackingSvg,
} from '../../src/svg/index';
import { codeOf } from '../helpers/errors';
import { expectCleanReport, expectWellFormed } from './wellFormed';

type Args = unknown[];
type Chart = (...args: never[]) => string;

const SURVIVAL = {
  times: [1, 2, 4, 6],
  survival: [0.8, 0.6, 0.45, 0.3],
  lower: [0.6, 0.4, null, 0.1],
  upper: [0.95, 0.8, null, 0.5],
  median: 4,
};
const BG_FIT = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } };

/** Each chart with valid arguments, as plain JSON-like values (made fresh for every call). */
const CASES: Record<string, { readonly chart: Chart; readonly args: () => Args }> = {
  retentionCurvesSvg: {
    chart: retentionCurvesSvg as Chart,
    args: () => [
      [
        {
          name: 'web',
          points: [
            { x: 0, y: 1 },
            { x: 1, y: 0.5, lower: 0.4, upper: 0.6 },
            { x: 2, y: 0.4, lower: 0.3, upper: 0.5 },
          ],
        },
        {
          name: 'store',
          points: [
            { x: 0, y: 1 },
            { x: 2, y: 0.6, lower: null, upper: null },
          ],
        },
      ],
      { title: 'Retention', xLabel: 'months', yLabel: 'kept', percent: true },
    ],
  },
  'survivalCurveSvg (one result)': {
    chart: survivalCurveSvg as Chart,
    args: () => [structuredClone(SURVIVAL), { xLabel: 'days' }],
  },
  'survivalCurveSvg (named results)': {
    chart: survivalCurveSvg as Chart,
    args: () => [
      [
        { name: 'web', result: structuredClone(SURVIVAL) },
        { name: 'store', result: { ...structuredClone(SURVIVAL), median: null } },
      ],
      { title: 'Survival' },
    ],
  },
  trackingSvg: {
    chart: trackingSvg as Chart,
    args: () => [
      {
        points: [
          { time: 1, expected: 10, actual: 9 },
          { time: 2, expected: 20, actual: 21 },
          { time: 3, expected: 30, actual: null },
        ],
        meanAbsoluteError: 1,
        rootMeanSquaredError: 1,
        finalRelativeError: 0,
      },
      { calibrationEnd: 2, xLabel: 'weeks' },
    ],
  },
  cohortHeatmapSvg: {
    chart: cohortHeatmapSvg as Chart,
    args: () => [
      [
        { cohort: '2024-01', size: 100, rates: [1, 0.4, 0.3], revenueRates: [1, 0.5, 0.4] },
        { cohort: '2024-02', size: 80, rates: [1, 0.45, null], revenueRates: [1, 0.6, null] },
      ],
      { measure: 'rates', maxPeriods: 3 },
    ],
  },
  segmentSizesSvg: {
    chart: segmentSizesSvg as Chart,
    args: () => [{ champions: 3, 'at risk': 1, lost: 0 }, { title: 'Segments' }],
  },
  frequencyRecencyMatrixSvg: {
    chart: frequencyRecencyMatrixSvg as Chart,
    args: () => [structuredClone(BG_FIT), { T: 10, horizon: 2, maxFrequency: 2, recencySteps: 2 }],
  },
  probabilityAliveMatrixSvg: {
    chart: probabilityAliveMatrixSvg as Chart,
    args: () => [structuredClone(BG_FIT), { T: 10, maxFrequency: 2, recencySteps: 2, description: 'grid' }],
  },
  periodTransactionsSvg: {
    chart: periodTransactionsSvg as Chart,
    args: () => [
      {
        model: 'bgNbd',
        customers: 30,
        bins: [
          { frequency: 0, orMore: false, actual: 20, expected: 18.5 },
          { frequency: 1, orMore: true, actual: 10, expected: 11.5 },
        ],
        tail: 'exact',
        chiSquare: { statistic: 0.55, degreesOfFreedom: null, pValue: null, parameters: 4, groups: [] },
      },
      { xLabel: 'repeat purchases' },
    ],
  },
  holdoutByGroupSvg: {
    chart: holdoutByGroupSvg as Chart,
    args: () => [
      {
        by: 'recency',
        groups: [
          { from: 0, to: 5, exact: false, customers: 3, actual: 0.3, predicted: 0.4 },
          { from: 5, to: 10, exact: false, customers: 2, actual: 1.5, predicted: 1.2 },
        ],
        meanAbsoluteError: 0.2,
        rootMeanSquaredError: 0.3,
        actualTotal: 3.9,
        predictedTotal: 3.6,
      },
      { xLabel: 'recency' },
    ],
  },
  htmlReport: {
    chart: htmlReport as Chart,
    args: () => [
      [
        {
          title: 'Segments',
          paragraphs: ['one', 'two'],
          svg: segmentSizesSvg({ a: 1 }),
          table: {
            columns: ['segment', 'customers'],
            rows: [
              ['a', 1],
              [null, 2.5],
            ],
          },
        },
        { title: 'Empty' },
      ],
      { title: 'Report', subtitle: 'today' },
    ],
  },
};

function draw(name: string, args: Args): string {
  return (CASES[name] as { chart: Chart }).chart(...(args as never[]));
}

function expectValid(name: string, output: string): void {
  if (name === 'htmlReport') expectCleanReport(output);
  else expectWellFormed(output);
}

/** A deep copy with every object and array rebuilt by `object` and `array`. */
function rebuild(
  value: unknown,
  object: (entries: [string, unknown][]) => unknown,
  array: (items: unknown[]) => unknown,
): unknown {
  if (Array.isArray(value)) return array(value.map((item) => rebuild(item, object, array)));
  if (typeof value === 'object' && value !== null) {
    return object(Object.entries(value).map(([key, item]) => [key, rebuild(item, object, array)]));
  }
  return value;
}

/** An Array subclass whose iterator and callback methods lie. */
class LyingArray<T> extends Array<T> {
  override [Symbol.iterator](): ArrayIterator<T> {
    throw new TypeError('lying iterator');
  }
  override map<U>(): U[] {
    return 42 as unknown as U[];
  }
  override forEach(): void {
    throw new TypeError('lying forEach');
  }
  override flatMap<U>(): U[] {
    return 'flat' as unknown as U[];
  }
  override filter(): T[] {
    return [];
  }
  override slice(): T[] {
    return [];
  }
  override reduce(): never {
    throw new TypeError('lying reduce');
  }
  override at(): T | undefined {
    return undefined;
  }
}

function lying(items: unknown[]): unknown[] {
  const list = new LyingArray<unknown>();
  for (let i = 0; i < items.length; i++) list.push(items[i]);
  return list;
}

const nullPrototype = (entries: [string, unknown][]): unknown =>
  Object.assign(Object.create(null) as object, Object.fromEntries(entries));
const plainObject = (entries: [string, unknown][]): unknown => Object.fromEntries(entries);
const plainArray = (items: unknown[]): unknown => items;

/** Every field and element a getter: the value on the first read, a symbol (valid nowhere) after. */
function changing(value: unknown): unknown {
  const once = (target: object, key: string, item: unknown): void => {
    let reads = 0;
    Object.defineProperty(target, key, {
      enumerable: true,
      get: () => (reads++ === 0 ? item : Symbol('changed')),
    });
  };
  if (Array.isArray(value)) {
    const list: unknown[] = new Array(value.length);
    value.forEach((item, i) => {
      once(list, String(i), changing(item));
    });
    return list;
  }
  if (typeof value === 'object' && value !== null) {
    const record = {};
    for (const [key, item] of Object.entries(value)) once(record, key, changing(item));
    return record;
  }
  return value;
}

/** A deep proxy that records how often each property of each object is read. */
function counted(value: unknown, reads: Map<string, number>, path = 'args'): unknown {
  if (typeof value !== 'object' || value === null) return value;
  return new Proxy(value, {
    get(target, key, receiver) {
      const item = Reflect.get(target, key, receiver);
      if (typeof key !== 'string') return item;
      const where = `${path}.${key}`;
      reads.set(where, (reads.get(where) ?? 0) + 1);
      return counted(item, reads, where);
    },
  });
}

/** The path of every array in `value` ([] for the top level). */
function arrayPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const here = Array.isArray(value) ? [path] : [];
  return [
    ...here,
    ...Object.entries(value).flatMap(([key, item]) =>
      arrayPaths(item, [...path, Array.isArray(value) ? Number(key) : key]),
    ),
  ];
}

/** Every path in `value`, of objects, arrays and leaves. */
function allPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [path];
  return [
    path,
    ...Object.entries(value).flatMap(([key, item]) =>
      allPaths(item, [...path, Array.isArray(value) ? Number(key) : key]),
    ),
  ];
}

function at(root: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
}

function replaced(root: Args, path: readonly (string | number)[], value: unknown): Args {
  const copy = structuredClone(root);
  const parent = at(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path.at(-1) as string | number] = value;
  return copy;
}

describe.each(Object.keys(CASES))('%s', (name) => {
  const plain = draw(name, (CASES[name] as { args: () => Args }).args());
  const args = (): Args => (CASES[name] as { args: () => Args }).args();

  it('draws a valid document from the plain arguments', () => {
    expectValid(name, plain);
  });

  it('records without a prototype draw the same document', () => {
    expect(
      draw(
        name,
        args().map((arg) => rebuild(arg, nullPrototype, plainArray)),
      ),
    ).toBe(plain);
  });

  it('Array subclasses whose iterator, map and the other methods lie draw the same document', () => {
    expect(
      draw(
        name,
        args().map((arg) => rebuild(arg, plainObject, lying)),
      ),
    ).toBe(plain);
  });

  it('getters that change after the first read draw the same document (each value is read once)', () => {
    expect(draw(name, (args() as unknown[]).map(changing))).toBe(plain);
  });

  it('no property of the input is read twice', () => {
    const reads = new Map<string, number>();
    expect(
      draw(
        name,
        args().map((arg, i) => counted(arg, reads, `args[${i}]`)),
      ),
    ).toBe(plain);
    expect([...reads].filter(([, count]) => count > 1)).toEqual([]);
  });

  it('a hole in any array it reads is INVALID_ARGUMENT', () => {
    // the arrays it reads: those whose length it asks for
    const reads = new Map<string, number>();
    draw(
      name,
      args().map((arg, i) => counted(arg, reads, `args[${i}]`)),
    );
    const read = (path: readonly (string | number)[]): boolean =>
      reads.has(
        `args[${path[0]}]${path
          .slice(1)
          .map((key) => `.${key}`)
          .join('')}.length`,
      );
    const paths = arrayPaths(args()).filter((path) => path.length > 0 && read(path));
    if (arrayPaths(args()).length > 1) expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      const withHole = structuredClone(args());
      const list = at(withHole, path) as unknown[];
      if (list.length === 0) continue;
      delete list[list.length - 1];
      expect(
        codeOf(() => draw(name, withHole)),
        path.join('.'),
      ).toBe('INVALID_ARGUMENT');
    }
  });

  it('every number replaced by 0, 5e-324, 1e-300, 2^53 - 1, 1e300 or ±MAX_VALUE gives a document without NaN or Infinity, or a PatronageError', () => {
    const grid = [0, 5e-324, 1e-300, 2 ** 53 - 1, 1e300, Number.MAX_VALUE, -Number.MAX_VALUE];
    const numbers = allPaths(args()).filter(
      (path) => path.length > 0 && typeof at(args(), path) === 'number',
    );
    expect(numbers.length).toBeGreaterThan(0);
    for (const path of numbers) {
      for (const value of grid) {
        let output: unknown;
        try {
          output = draw(name, replaced(args(), path, value));
        } catch (error) {
          expect(isPatronageError(error), `${path.join('.')} = ${value}: ${String(error)}`).toBe(true);
          continue;
        }
        expectValid(name, output as string);
        expect(output, `${path.join('.')} = ${value}`).not.toMatch(/NaN|Infinity/);
      }
    }
  });

  it('any value replaced by a null-prototype object, a sparse or lying array or a symbol gives a document or a PatronageError', () => {
    const substitutes = (): unknown[] => [
      Object.create(null),
      // biome-ignore lint/suspicious/noSparseArray: a hole is the point
      [, 1],
      lying([1, 2]),
      Symbol('s'),
      new Proxy({}, { get: () => Symbol('trap') }),
    ];
    for (const path of allPaths(args()).filter((path) => path.length > 0)) {
      for (const substitute of substitutes()) {
        const bad = replaced(args(), path, substitute);
        let output: unknown;
        try {
          output = draw(name, bad);
        } catch (error) {
          expect(isPatronageError(error), `${path.join('.')}: ${String(error)}`).toBe(true);
          continue;
        }
        expectValid(name, output as string);
      }
    }
  });
});
