import { isPatronageError, PatronageError } from '../errors/PatronageError';
import { describeValue } from './describe';

/** Throws INVALID_ARGUMENT unless `value` is a plain (non-array, non-null) object. */
export function requireObject(fn: string, name: string, value: unknown): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: ${name} must be an object, got ${describeValue(value)}`,
      {
        argument: name,
        value,
      },
    );
  }
  return value as Readonly<Record<string, unknown>>;
}

/**
 * Options objects may be omitted; when given they must be objects whose every key is one of `keys`
 * (INVALID_OPTION otherwise, naming the key and the nearest valid one).
 */
export function optionalObject(
  fn: string,
  name: string,
  value: unknown,
  keys: readonly string[],
): Readonly<Record<string, unknown>> {
  if (value === undefined) return {};
  const record = requireObject(fn, name, value);
  requireKnownKeys(fn, name, record, keys);
  return record;
}

/** Like {@link requireObject}, for a required options object: every key must be one of `keys`. */
export function requireOptions(
  fn: string,
  name: string,
  value: unknown,
  keys: readonly string[],
): Readonly<Record<string, unknown>> {
  const record = requireObject(fn, name, value);
  requireKnownKeys(fn, name, record, keys);
  return record;
}

/** The keys of `T` that a key list `K` leaves out (never when the list is complete). */
export type MissingKeys<T, K extends readonly PropertyKey[]> = Exclude<keyof T, K[number]>;

/**
 * The valid keys of an options type, checked by the compiler both ways: each listed key is a key of
 * `T`, and a key of `T` missing from the list is a type error naming it (so a new option cannot be
 * forgotten). Curried so that `T` is given and the list inferred:
 * `const KEYS = optionKeys<LedgerOptions>()(['at', 'validityDays', 'mode']);`. Key lists of shared option
 * readers come as the second argument (`optionKeys<RfmOptions>()(['unit'], [CALENDAR_OPTION_KEYS])`), not
 * spread into the first, so that the call stays free of side effects to a bundler and an unused list is
 * dropped from a bundle (module-level calls carry a pure annotation).
 */
export function optionKeys<T extends object>() {
  return <
    const K extends readonly (keyof T & string)[],
    const I extends readonly (readonly (keyof T & string)[])[] = [],
  >(
    keys: K,
    included?: I,
    ..._complete: [Exclude<keyof T, K[number] | I[number][number]>] extends [never]
      ? []
      : [missing: Exclude<keyof T, K[number] | I[number][number]>]
  ): readonly (keyof T & string)[] => (included === undefined ? keys : [...included.flat(), ...keys]);
}

/** Throws INVALID_OPTION for the first own enumerable key of `record` that is not in `keys`. */
export function requireKnownKeys(
  fn: string,
  name: string,
  record: Readonly<Record<string, unknown>>,
  keys: readonly string[],
): void {
  for (const key of Object.keys(record)) {
    if (keys.includes(key)) continue;
    const suggestion = nearestKey(key, keys);
    const hint = suggestion === null ? '' : `; did you mean "${suggestion}"?`;
    throw new PatronageError('INVALID_OPTION', `${fn}: ${name} has no option ${describeValue(key)}${hint}`, {
      argument: `${name}.${key}`,
      option: key,
      suggestion,
      validOptions: keys,
    });
  }
}

/**
 * The valid key closest to a misspelt one: equal once case, `_` and `-` are ignored, else the smallest
 * edit distance (ties to the first listed). Null only when there are no valid keys.
 */
export function nearestKey(key: string, keys: readonly string[]): string | null {
  const folded = foldKey(key);
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of keys) {
    const distance = editDistance(folded, foldKey(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function foldKey(key: string): string {
  return key.toLowerCase().replace(/[_\-\s]/g, '');
}

/** Levenshtein distance with adjacent transpositions (optimal string alignment), two rows of memory. */
function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Math.abs(a.length - b.length) + 64; // a hostile key: no quadratic work
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(0);
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        distance = Math.min(distance, (before[j - 2] as number) + 1);
      current[j] = distance;
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] as number;
}

/** Throws INVALID_ARGUMENT or NOT_FINITE unless `value` is a finite number. */
export function requireFinite(fn: string, name: string, value: unknown): number {
  if (typeof value !== 'number') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: ${name} must be a number, got ${describeValue(value)}`,
      {
        argument: name,
        value,
      },
    );
  }
  if (!Number.isFinite(value)) {
    throw new PatronageError('NOT_FINITE', `${fn}: ${name} must be finite, got ${describeValue(value)}`, {
      argument: name,
      value,
    });
  }
  return value === 0 ? 0 : value; // normalise -0
}

/** A finite number at least `minimum` (inclusive). */
export function requireAtLeast(fn: string, name: string, value: unknown, minimum: number): number {
  const number = requireFinite(fn, name, value);
  if (number < minimum) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${fn}: ${name} (${describeValue(number)}) must be at least ${minimum}`,
      { argument: name, value: number, minimum },
    );
  }
  return number;
}

/** A finite number in `[minimum, maximum]`. */
export function requireBetween(
  fn: string,
  name: string,
  value: unknown,
  minimum: number,
  maximum: number,
): number {
  const number = requireFinite(fn, name, value);
  if (number < minimum || number > maximum) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${fn}: ${name} (${describeValue(number)}) must be between ${minimum} and ${maximum}`,
      { argument: name, value: number, minimum, maximum },
    );
  }
  return number;
}

/** An optional flag: `true`, `false`, or `undefined` for `fallback`; anything else is INVALID_ARGUMENT. */
export function optionalBoolean(fn: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: ${name} must be true or false, got ${describeValue(value)}`,
      {
        argument: name,
        value,
      },
    );
  }
  return value;
}

/** A fraction in [0, 1]. */
export function requireFraction(fn: string, name: string, value: unknown): number {
  return requireBetween(fn, name, value, 0, 1);
}

/** NOT_AN_INTEGER for the number `value` given as `name`: the one wording of the whole-number rule. */
function notAWholeNumber(fn: string, name: string, value: number): PatronageError {
  return new PatronageError(
    'NOT_AN_INTEGER',
    `${fn}: ${name} must be a whole number, got ${describeValue(value)}`,
    {
      argument: name,
      value,
    },
  );
}

/** A safe integer of either sign: NOT_FINITE as {@link requireFinite}, else NOT_AN_INTEGER. */
export function requireSafeInteger(fn: string, name: string, value: unknown): number {
  const number = requireFinite(fn, name, value);
  if (!Number.isSafeInteger(number)) throw notAWholeNumber(fn, name, number);
  return number;
}

/** A non-negative safe integer (a count of customers, orders, purchases). */
export function requireCount(fn: string, name: string, value: unknown): number {
  // requireSafeInteger written out: in the smallest bundles (one formula) the call costs more bytes than this
  const number = requireFinite(fn, name, value);
  if (!Number.isSafeInteger(number)) throw notAWholeNumber(fn, name, number);
  return requireAtLeast(fn, name, number, 0);
}

/** A positive safe integer. */
export function requirePositiveCount(fn: string, name: string, value: unknown): number {
  const count = requireCount(fn, name, value);
  if (count === 0) {
    throw new PatronageError('OUT_OF_RANGE', `${fn}: ${name} must be at least 1, got 0`, {
      argument: name,
      value,
    });
  }
  return count;
}

/**
 * A snapshot of a list argument, read once: an array (an Array subclass or a proxy too) is read by index,
 * its `length` once, without calling any of its methods (`map`, `filter`, `Symbol.iterator`), so a caller's
 * override cannot change what is read; another non-string iterable is drained once into a new array (an
 * iterator that throws is INVALID_ARGUMENT). Typed arrays are copied the same way; column readers that
 * use them in place do not come here. A hole in a sparse array is INVALID_ARGUMENT naming its index (in a
 * parser's input too: JSON has no holes, so one is a bug in the calling code, and reporting it at once
 * keeps a lying or huge `length` from costing a loop over every index).
 */
export function requireList(fn: string, name: string, value: unknown): unknown[] {
  if (Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    const list = value as unknown as readonly unknown[];
    const length = requireListLength(fn, name, list);
    const copy: unknown[] = new Array(length); // preallocated: three times as fast as pushing
    for (let index = 0; index < length; index++) {
      const element = list[index];
      if (element === undefined && !(index in list)) throwHole(fn, name, index);
      copy[index] = element;
    }
    return copy;
  }
  return drainIterable(fn, name, value);
}

/** A list as {@link requireListInPlace} gives it: the elements, and how many to read. */
export interface ListInPlace {
  readonly list: readonly unknown[];
  /** The length, read once: read the elements below it, never `list.length` again. */
  readonly length: number;
}

/**
 * {@link requireList} without the copy, for a caller that reads each element at most once by index below
 * the returned `length` (read once here) and calls no method of the list, so that it makes its own
 * snapshot as it reads (the ledger replay copies every entry into columns). A plain array (its prototype is
 * `Array.prototype`) or a typed array is checked as {@link requireList} checks it, holes included, and
 * returned as it is; anything else (an Array subclass, whose methods may lie, or another iterable) gets
 * {@link requireList}'s snapshot. The errors are {@link requireList}'s.
 */
export function requireListInPlace(fn: string, name: string, value: unknown): ListInPlace {
  const read = requireListInPlaceWithHoles(fn, name, value);
  requireNoHoles(fn, name, read);
  return read;
}

/**
 * {@link requireListInPlace} without its scan for holes, for a caller that reads an element that is
 * `undefined` only after calling {@link requireNoHoles} (the ledger replay, whose usual entries are
 * objects: it scans only when it meets one that is not).
 */
export function requireListInPlaceWithHoles(fn: string, name: string, value: unknown): ListInPlace {
  const plain = Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype;
  if (!plain && !(ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    const copy = requireList(fn, name, value);
    return { list: copy, length: copy.length };
  }
  const list = value as unknown as readonly unknown[];
  return { list, length: requireListLength(fn, name, list) };
}

/** INVALID_ARGUMENT for the first hole of a list as {@link requireListInPlaceWithHoles} gave it. */
export function requireNoHoles(fn: string, name: string, { list, length }: ListInPlace): void {
  if (!Array.isArray(list)) return; // a typed array has none
  for (let index = 0; index < length; index++) {
    if (list[index] === undefined && !(index in list)) throwHole(fn, name, index);
  }
}

/** The length of an array or typed array, read once; INVALID_ARGUMENT when it is no valid array length. */
function requireListLength(fn: string, name: string, list: readonly unknown[]): number {
  const length: unknown = list.length;
  if (typeof length !== 'number' || !Number.isInteger(length) || length < 0 || length > 2 ** 32 - 1) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: ${name} has an invalid length ${describeValue(length)}`,
      {
        argument: name,
        value: length,
      },
    );
  }
  return length;
}

/** Throws INVALID_ARGUMENT for the hole at `index` of the list `name`. */
function throwHole(fn: string, name: string, index: number): never {
  throw new PatronageError(
    'INVALID_ARGUMENT',
    `${fn}: ${name}[${index}] is a hole (a sparse array); every element must be present`,
    { argument: `${name}[${index}]`, index },
  );
}

/** {@link requireList} for a value that is no array: an iterable drained once into a new array. */
function drainIterable(fn: string, name: string, value: unknown): unknown[] {
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function'
  ) {
    try {
      return Array.from(value as Iterable<unknown>);
    } catch (error) {
      if (isPatronageError(error)) throw error; // also one from another copy of patronage (ESM and CJS)
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${fn}: ${name} could not be iterated: ${error instanceof Error ? error.message : 'it threw'}`,
        { argument: name },
      );
    }
  }
  throw new PatronageError(
    'INVALID_ARGUMENT',
    `${fn}: ${name} must be an array or iterable, got ${describeValue(value)}`,
    { argument: name, value },
  );
}

/**
 * A deep copy of untrusted JSON-like data, every property and element read once: arrays (subclasses and
 * proxies too) by index without calling their methods, objects into null-prototype records of their own
 * enumerable keys; a hole, or a property whose read throws, becomes `undefined` for the caller's checks to
 * reject. For states that are validated field by field after the copy.
 */
export function snapshotData(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  try {
    if (Array.isArray(value)) {
      const list = value as readonly unknown[];
      const length = list.length;
      const copy: unknown[] = [];
      for (let index = 0; index < length; index++) {
        const element = list[index];
        copy.push(snapshotData(element));
        if (element === undefined && !(index in list)) break; // a hole: invalid, and the length may lie
      }
      return copy;
    }
    const record = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value)) {
      let entry: unknown;
      try {
        entry = (value as Record<string, unknown>)[key];
      } catch {
        entry = undefined;
      }
      record[key] = snapshotData(entry);
    }
    return record;
  } catch {
    return undefined;
  }
}

/** Throws EMPTY_INPUT for an empty list. */
export function requireNonEmpty<T>(fn: string, name: string, list: readonly T[]): readonly T[] {
  if (list.length === 0) {
    throw new PatronageError('EMPTY_INPUT', `${fn}: ${name} is empty; at least one value is needed`, {
      argument: name,
      value: list,
    });
  }
  return list;
}

/** An integer score on an inclusive scale, for survey answers. */
export function requireScore(
  fn: string,
  name: string,
  value: unknown,
  minimum: number,
  maximum: number,
): number {
  const score = requireFinite(fn, name, value);
  // Number.isInteger, not isSafeInteger: a score beyond 2^53 is OUT_OF_RANGE (below), not NOT_AN_INTEGER
  if (!Number.isInteger(score)) throw notAWholeNumber(fn, name, score);
  return requireBetween(fn, name, score, minimum, maximum);
}
