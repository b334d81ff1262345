import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as patronage from '../src/index';
import * as sql from '../src/sql/index';
import * as svg from '../src/svg/index';
import { deepFreeze, isDeepFinite } from './helpers/numbers';
import { VALID_CALLS } from './helpers/sampleCalls';

// The valid arguments of every exported function are in test/helpers/sampleCalls.ts. The sweep corrupts one
// place inside them at a time; a new export without an entry there fails the first test.

/** The exports of the entries: the core, `patronage/svg` and `patronage/sql`. */
const EXPORTS = { ...patronage, ...svg, ...sql };

const CLASSES = new Set(['PatronageError']);
const VALUES_THAT_ARE_NOT_FUNCTIONS = new Set([
  'DEFAULT_LOYALTY_THRESHOLD',
  'DEFAULT_LOYALTY_WEIGHTS',
  'LIKELIHOOD_TOLERANCE',
  'SQL_DIALECTS',
]);

const MISSING = Symbol('missing field');

/** NaN, ±Infinity, negatives, non-integers, strings, null, undefined, empty lists, huge values and more. */
const hostile = fc.oneof(
  fc.constantFrom<unknown>(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -1,
    -0,
    0,
    0.5,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    5e-324,
    '',
    'x',
    '5',
    '2024-02-30',
    null,
    undefined,
    true,
    [],
    {},
    [Number.NaN],
    { length: 3 },
    new Date(Number.NaN),
    Symbol('s'),
    10n,
    MISSING,
  ),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 5 }),
);

type Path = readonly (string | number)[];

/** Every place inside the arguments (each argument, each field, each element), to corrupt one at a time. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const here: Path[] = prefix.length === 0 ? [] : [prefix];
  if (value instanceof Error || value instanceof Date || typeof value !== 'object' || value === null)
    return here;
  const children = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value);
  return [
    ...here,
    ...children.flatMap((key) => pathsOf((value as Record<string | number, unknown>)[key], [...prefix, key])),
  ];
}

/** A deep copy of plain arrays and objects (structuredClone cannot copy symbols); other values shared. */
function copyOf<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyOf) as T;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, copyOf(entry)])) as T;
  }
  return value;
}

function withReplaced(args: readonly unknown[], path: Path, replacement: unknown): unknown[] {
  const copy = copyOf(args) as unknown[];
  let parent: Record<string | number, unknown> = copy as unknown as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (replacement === MISSING) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    parent[last] = replacement;
  }
  return copy;
}

function call(name: string, args: readonly unknown[]): unknown {
  const exported = (EXPORTS as Record<string, unknown>)[name] as (...values: unknown[]) => unknown;
  if (CLASSES.has(name)) return new (exported as unknown as new (...values: unknown[]) => unknown)(...args);
  return exported(...args);
}

/** The law: a finite, documented result, or a PatronageError from this copy; nothing else. */
function behaves(name: string, args: readonly unknown[]): boolean {
  let result: unknown;
  try {
    result = call(name, deepFreeze(args));
  } catch (error) {
    if (error instanceof patronage.PatronageError && patronage.isPatronageError(error)) return true;
    throw new Error(`${name} threw ${String(error)} (not a PatronageError)`);
  }
  if (CLASSES.has(name)) return true; // a constructor returns the instance; its details echo the caller's values
  if (!isDeepFinite(result)) throw new Error(`${name} returned a non-finite number: ${String(result)}`);
  return true;
}

const functionNames = Object.keys(EXPORTS).filter((name) => !VALUES_THAT_ARE_NOT_FUNCTIONS.has(name));

describe('every export under hostile input', () => {
  it('every exported function has sample arguments in the sweep', () => {
    expect(functionNames.filter((name) => !(name in VALID_CALLS))).toEqual([]);
    expect(Object.keys(VALID_CALLS).filter((name) => !(name in EXPORTS))).toEqual([]);
  });

  it('the sample arguments themselves succeed', () => {
    for (const name of functionNames) {
      const args = VALID_CALLS[name] ?? [];
      expect(() => call(name, copyOf(args)), name).not.toThrow();
    }
  });

  it.each(functionNames)('%s: one corrupted place gives a finite result or a PatronageError', (name) => {
    const args = VALID_CALLS[name] ?? [];
    const paths = pathsOf(args);
    fc.assert(
      fc.property(fc.constantFrom(...paths), hostile, (path, replacement) =>
        behaves(name, withReplaced(args, path, replacement)),
      ),
      { numRuns: 300 },
    );
  });

  it.each(functionNames)(
    '%s: arbitrary hostile argument lists give a finite result or a PatronageError',
    (name) => {
      fc.assert(
        fc.property(fc.array(hostile, { maxLength: 4 }), (args) => behaves(name, args)),
        { numRuns: 150 },
      );
    },
  );

  it.each(functionNames)(
    '%s: hostile values two levels deep give a finite result or a PatronageError',
    (name) => {
      const args = VALID_CALLS[name] ?? [];
      const paths = pathsOf(args);
      fc.assert(
        fc.property(
          fc.constantFrom(...paths),
          fc.constantFrom(...paths),
          hostile,
          hostile,
          (first, second, a, b) => {
            let twice: unknown[];
            try {
              twice = withReplaced(withReplaced(args, first, a), second, b);
            } catch {
              return true; // the second place no longer exists once the first replacement removed its parent
            }
            return behaves(name, twice);
          },
        ),
        { numRuns: 150 },
      );
    },
  );
});

describe('accumulator methods under hostile input', () => {
  const factories = {
    rfm: () => patronage.createRfmAccumulator({ unit: 'week' }),
    cohort: () => patronage.createCohortAccumulator({ period: 'month' }),
    period: () => patronage.createPeriodAccumulator({ period: 'month' }),
  };
  const validRow = { customerId: 'c', at: '2024-01-01', amount: 5, eventId: 'e' };

  it.each(Object.keys(factories))(
    '%s accumulator: add, addAll and merge give a finite result or a PatronageError',
    (kind) => {
      const create = factories[kind as keyof typeof factories];
      fc.assert(
        fc.property(
          fc.constantFrom(...pathsOf([validRow])),
          hostile,
          fc.constantFrom('add', 'addAll', 'merge'),
          (path, replacement, method) => {
            const [row] = withReplaced([validRow], path, replacement);
            const accumulator = create().add({ ...validRow, eventId: 'other' }) as unknown as Record<
              string,
              (value: unknown) => unknown
            >;
            const argument = method === 'addAll' ? [row] : row;
            try {
              accumulator[method]?.(deepFreeze(argument));
              // result() may itself report a PatronageError (a table spanning too many periods, say)
              const result = (accumulator as unknown as { result: () => unknown }).result();
              if (!isDeepFinite(result))
                throw new Error(`${kind}.result() returned a non-finite number after ${method}`);
              return true;
            } catch (error) {
              if (error instanceof patronage.PatronageError) return true;
              throw new Error(`${kind}.${method} threw ${String(error)}`);
            }
          },
        ),
        { numRuns: 300 },
      );
    },
  );
});

/*
 * The shapes of issue 15: the sweep above corrupts values; the tests below corrupt the containers and the
 * reads (sparse arrays, null-prototype objects, Array subclasses that lie, values that change between
 * reads, hostile text, the extreme numeric grid). Seeded (FC_SEED overrides) and small by default;
 * FC_RUNS raises the number of sampled runs.
 */
const SHAPE_SEED = process.env['FC_SEED'] === undefined ? 15 : Number(process.env['FC_SEED']);
const LONG_RUN = process.env['FC_RUNS'] !== undefined;
const SHAPE_RUNS = LONG_RUN ? Number(process.env['FC_RUNS']) : 20;

/** The value at a path inside the arguments. */
function at(args: readonly unknown[], path: Path): unknown {
  let value: unknown = args;
  for (const key of path) value = (value as Record<string | number, unknown>)[key];
  return value;
}

/** The arguments with the value at `path` replaced by `make(value at path)` (no getters read). */
function withTransformed(args: readonly unknown[], path: Path, make: (value: unknown) => unknown): unknown[] {
  const copy = copyOf(args) as unknown[];
  let parent: Record<string | number, unknown> = copy as unknown as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  parent[last] = make(parent[last]);
  return copy;
}

/** Freezes everything reachable through data properties; never calls a getter or a trap-laden proxy's. */
function freezeWithoutReading<T>(value: T, seen: Set<unknown> = new Set()): T {
  if (typeof value !== 'object' || value === null || seen.has(value) || PROXIES.has(value)) return value;
  seen.add(value);
  for (const descriptor of Object.values(Object.getOwnPropertyDescriptors(value))) {
    if ('value' in descriptor) freezeWithoutReading(descriptor.value, seen);
  }
  Object.freeze(value);
  return value;
}
const PROXIES = new WeakSet<object>();

/** Calls an export; a PatronageError is `{ error: code }`, anything else thrown fails the law. */
function outcome(name: string, args: readonly unknown[]): unknown {
  try {
    const result = call(name, freezeWithoutReading(args));
    if (!CLASSES.has(name) && !isDeepFinite(result))
      throw new Error(`${name} returned a non-finite number: ${String(result)}`);
    return result;
  } catch (error) {
    if (error instanceof patronage.PatronageError && patronage.isPatronageError(error))
      return { error: error.code };
    if (error instanceof Error && error.message.startsWith(`${name} returned`)) throw error;
    throw new Error(`${name} threw ${String(error)} (not a PatronageError)`);
  }
}

/** Results compared as data: accumulators and other objects with methods by their JSON. */
function comparable(value: unknown): unknown {
  if (typeof value === 'string') return value;
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  )
    return (value as { toJSON: () => unknown }).toJSON();
  return value;
}

function arrayPaths(args: readonly unknown[]): Path[] {
  return pathsOf(args).filter((path) => Array.isArray(at(args, path)));
}
function leafPaths(args: readonly unknown[], kind: 'number' | 'string' | 'leaf'): Path[] {
  return pathsOf(args).filter((path) => {
    const value = at(args, path);
    if (kind === 'leaf') return typeof value !== 'object' || value === null || value instanceof Date;
    return typeof value === kind;
  });
}

/** A copy with a hole: one element deleted (not spliced), or one hole past the end. */
function sparse(value: unknown, index: number): unknown {
  const copy = [...(value as unknown[])];
  if (index >= copy.length) copy.length += 1;
  else delete copy[index];
  return copy;
}

const LIES: readonly unknown[] = [Number.NaN, 'x', null, undefined, { length: 1e9 }];
/** An Array subclass whose iteration and every callback method return garbage or throw. */
class LyingArray extends Array<unknown> {
  static override get [Symbol.species]() {
    return Array;
  }
  override *[Symbol.iterator](): ArrayIterator<unknown> {
    yield* LIES;
  }
  override map<U>(): U[] {
    return LIES as U[];
  }
  override filter(): unknown[] {
    return [...LIES];
  }
  override forEach(): void {
    throw new TypeError('lying forEach');
  }
  override reduce(): never {
    throw new TypeError('lying reduce');
  }
  override slice(): unknown[] {
    return [...LIES];
  }
  override every(): this is unknown[] {
    return true;
  }
  override some(): boolean {
    return false;
  }
  override includes(): boolean {
    return true;
  }
  override indexOf(): number {
    return 7;
  }
  override values(): ArrayIterator<unknown> {
    return LIES.values();
  }
  override entries(): ArrayIterator<[number, unknown]> {
    return LIES.entries();
  }
}
function lying(value: unknown): unknown {
  const list = new LyingArray();
  const source = value as unknown[];
  for (let i = 0; i < source.length; i++) list[i] = source[i];
  return list;
}
/** A proxy of the array whose `length` is the true one on the first read and 3 more after. */
function lyingLength(value: unknown): unknown {
  let reads = 0;
  const proxy = new Proxy([...(value as unknown[])], {
    get(target, key, receiver) {
      if (key === 'length') return reads++ === 0 ? target.length : target.length + 3;
      return Reflect.get(target, key, receiver);
    },
  });
  PROXIES.add(proxy);
  return proxy;
}

/** Plain objects re-created without a prototype, all the way down. */
function nullPrototyped(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(nullPrototyped);
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const record = Object.create(null) as Record<string, unknown>;
    for (const [key, entry] of Object.entries(value)) record[key] = nullPrototyped(entry);
    return record;
  }
  return value;
}

const CHANGED_TO: readonly unknown[] = [Number.NaN, 'x', null];
/** The arguments with the value at `path` a getter: the valid value on the first read, `later` after. */
function withChangingRead(args: readonly unknown[], path: Path, later: unknown): unknown[] {
  const copy = copyOf(args) as unknown[];
  let parent: Record<string | number, unknown> = copy as unknown as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  const first = parent[last];
  let reads = 0;
  Object.defineProperty(parent, last, {
    get: () => (reads++ === 0 ? first : later),
    enumerable: true,
    configurable: false,
  });
  return copy;
}

/** Code units XML forbids, and a lone surrogate, in text. */
const HOSTILE_TEXT: readonly string[] = ['a\u0000b', '\u0007', '\uFFFF', '\uD800', 'x\uDFFF\uD800y'];
const NOT_XML_SOURCE =
  '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const NOT_XML_TEXT = new RegExp(NOT_XML_SOURCE);

const NUMERIC_GRID: readonly number[] = [0, 5e-324, 1e-300, 2 ** 53 - 1, 1e300, Number.MAX_VALUE].flatMap(
  (value) => [value, -value],
);

/**
 * The grid values a numeric field gets: all twelve in a long run (FC_RUNS set); by default two, turning
 * with the field's position, so that every field meets the grid and every grid value meets many fields.
 */
function gridFor(field: number): readonly number[] {
  if (LONG_RUN) return NUMERIC_GRID;
  const size = NUMERIC_GRID.length;
  return [
    NUMERIC_GRID[(field + SHAPE_SEED) % size] as number,
    NUMERIC_GRID[(field + SHAPE_SEED + 7) % size] as number,
  ];
}

const SVG_NAMES = new Set(Object.keys(svg));
/** Exports that read transaction columns in place (plain or typed arrays, never copied). */
const COLUMN_READERS = new Set([
  'rfmSummaryColumns',
  'cohortRetentionColumns',
  'periodRetentionColumns',
  'nDayRetentionColumns',
]);

describe('every export under the hostile shapes of issue 15', () => {
  it.each(functionNames)('%s: a sparse array anywhere gives a finite result or a PatronageError', (name) => {
    const args = VALID_CALLS[name] ?? [];
    const paths = arrayPaths(args);
    if (paths.length === 0) return;
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.nat({ max: 4 }), (path, index) => {
        outcome(
          name,
          withTransformed(args, path, (value) => sparse(value, index)),
        );
      }),
      { seed: SHAPE_SEED, numRuns: SHAPE_RUNS },
    );
  });

  it.each(functionNames)('%s: null-prototype objects give the same result as plain ones', (name) => {
    const args = VALID_CALLS[name] ?? [];
    expect(comparable(outcome(name, nullPrototyped(args) as unknown[]))).toEqual(
      comparable(outcome(name, copyOf(args))),
    );
  });

  it.each(functionNames)('%s: a null-prototype object in any place behaves', (name) => {
    const args = VALID_CALLS[name] ?? [];
    for (const path of pathsOf(args)) {
      // no toString or valueOf: a message that turns it into a string with String() or `${}` throws
      outcome(name, withReplaced(args, path, Object.create(null)));
      outcome(name, withReplaced(args, path, Object.assign(Object.create(null), { length: 2, 0: 1, 1: 2 })));
    }
  });

  it.each(functionNames)('%s: an Array subclass that lies in its methods is read by index', (name) => {
    const args = VALID_CALLS[name] ?? [];
    const expected = comparable(outcome(name, copyOf(args)));
    for (const path of arrayPaths(args)) {
      expect(
        comparable(outcome(name, withTransformed(args, path, lying))),
        `${name} at ${path.join('.')}`,
      ).toEqual(expected);
    }
  });

  it.each(functionNames)(
    '%s: an array whose length changes between reads gives the right result or a PatronageError',
    (name) => {
      const args = VALID_CALLS[name] ?? [];
      const expected = comparable(outcome(name, copyOf(args)));
      for (const path of arrayPaths(args)) {
        const result = comparable(outcome(name, withTransformed(args, path, lyingLength)));
        // column readers use the caller's arrays in place (no copy on the columnar fast path) and compare
        // lengths, so there the lie may be a PatronageError; a list reader's snapshot reads length once
        const isError = typeof result === 'object' && result !== null && 'error' in result;
        if (!isError || !COLUMN_READERS.has(name))
          expect(result, `${name} at ${path.join('.')}`).toEqual(expected);
      }
    },
  );

  it.each(functionNames)('%s: a value valid on the first read and hostile after behaves', (name) => {
    const args = VALID_CALLS[name] ?? [];
    const paths = leafPaths(args, 'leaf');
    if (paths.length === 0) return;
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.constantFrom(...CHANGED_TO), (path, later) => {
        outcome(name, withChangingRead(args, path, later));
      }),
      { seed: SHAPE_SEED, numRuns: SHAPE_RUNS },
    );
  });

  it.each(functionNames)('%s: control characters and lone surrogates in any string behave', (name) => {
    const args = VALID_CALLS[name] ?? [];
    for (const path of leafPaths(args, 'string')) {
      for (const text of HOSTILE_TEXT) {
        const result = outcome(name, withReplaced(args, path, text));
        if (SVG_NAMES.has(name) && typeof result === 'string')
          expect(
            NOT_XML_TEXT.test(result),
            `${name} at ${path.join('.')} keeps ${JSON.stringify(text)}`,
          ).toBe(false);
      }
    }
  });

  it.each(functionNames)('%s: the extreme numeric grid on every numeric field behaves', (name) => {
    const args = VALID_CALLS[name] ?? [];
    leafPaths(args, 'number').forEach((path, field) => {
      for (const value of gridFor(field)) outcome(name, withReplaced(args, path, value));
    });
  });
});
