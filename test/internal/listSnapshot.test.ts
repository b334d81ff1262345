import { describe, expect, it } from 'vitest';
import { PatronageError } from '../../src/errors/PatronageError';
import { requireList, requireListInPlace, snapshotData } from '../../src/internal/validate';

/** An Array subclass whose iteration and callback methods lie (issue 15 item 9). */
class LyingArray extends Array<unknown> {
  override *[Symbol.iterator](): ArrayIterator<unknown> {
    yield Number.NaN;
  }
  override map<U>(): U[] {
    return ['x'] as U[];
  }
  override forEach(): void {
    throw new TypeError('lying forEach');
  }
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('requireList reads a snapshot (issue 15 item 9)', () => {
  it('a hole in a sparse array is INVALID_ARGUMENT naming its index', () => {
    const error = thrown(() => requireList('f', 'rows', Object.assign([], { 0: 1, 2: 3 })));
    expect(error).toBeInstanceOf(PatronageError);
    expect((error as PatronageError).code).toBe('INVALID_ARGUMENT');
    expect((error as PatronageError).message).toBe(
      'f: rows[1] is a hole (a sparse array); every element must be present',
    );
    expect((error as PatronageError).details).toMatchObject({ argument: 'rows[1]', index: 1 });
  });

  it('an Array subclass is read by index, never through its iterator or methods', () => {
    const list = new LyingArray();
    list[0] = 1;
    list[1] = 2;
    const snapshot = requireList('f', 'rows', list);
    expect(snapshot).toEqual([1, 2]);
    expect(Object.getPrototypeOf(snapshot)).toBe(Array.prototype);
  });

  it('reads length once, so a proxy that changes it cannot make the reader run past the end', () => {
    let reads = 0;
    const proxy = new Proxy([1, 2], {
      get: (target, key, receiver) =>
        key === 'length' ? (reads++ === 0 ? target.length : 2 ** 32 - 1) : Reflect.get(target, key, receiver),
    });
    expect(requireList('f', 'rows', proxy)).toEqual([1, 2]);
    expect(reads).toBe(1);
  });

  it('returns a copy: later changes to the caller’s array do not reach the snapshot', () => {
    const rows = [1, 2];
    const snapshot = requireList('f', 'rows', rows);
    rows[0] = Number.NaN;
    expect(snapshot).toEqual([1, 2]);
  });

  it('an iterable whose iterator throws is INVALID_ARGUMENT, not the raw error', () => {
    const iterable = {
      *[Symbol.iterator]() {
        yield 1;
        throw new TypeError('boom');
      },
    };
    expect((thrown(() => requireList('f', 'rows', iterable)) as PatronageError).code).toBe(
      'INVALID_ARGUMENT',
    );
  });
});

describe('requireListInPlace reads the caller’s plain array without copying it', () => {
  it('returns a plain array itself, and a typed array, with the length read once', () => {
    const rows = [1, 2, 3];
    const read = requireListInPlace('f', 'rows', rows);
    expect(read.list).toBe(rows);
    expect(read.length).toBe(3);
    const column = new Float64Array([1, 2]);
    expect(requireListInPlace('f', 'rows', column)).toEqual({ list: column, length: 2 });
  });

  it('a hole is the same INVALID_ARGUMENT as requireList gives, naming its index', () => {
    const sparse = Object.assign([], { 0: 1, 2: 3 });
    const inPlace = thrown(() => requireListInPlace('f', 'rows', sparse)) as PatronageError;
    const snapshot = thrown(() => requireList('f', 'rows', sparse)) as PatronageError;
    expect(inPlace).toBeInstanceOf(PatronageError);
    expect(inPlace.code).toBe('INVALID_ARGUMENT');
    expect(inPlace.message).toBe(snapshot.message);
    expect(inPlace.details).toEqual(snapshot.details);
  });

  it('an invalid length is the same INVALID_ARGUMENT as requireList gives', () => {
    for (const length of [-1, 1.5, 2 ** 32, 'two']) {
      const proxy = new Proxy([1, 2], {
        get: (target, key, receiver) => (key === 'length' ? length : Reflect.get(target, key, receiver)),
      });
      const inPlace = thrown(() => requireListInPlace('f', 'rows', proxy)) as PatronageError;
      expect(inPlace).toBeInstanceOf(PatronageError);
      expect(inPlace.code).toBe('INVALID_ARGUMENT');
      expect(inPlace.message).toBe((thrown(() => requireList('f', 'rows', proxy)) as PatronageError).message);
    }
  });

  it('an iterable becomes an array; one whose iterator throws is the same INVALID_ARGUMENT', () => {
    expect(requireListInPlace('f', 'rows', new Set([4, 5]))).toEqual({ list: [4, 5], length: 2 });
    const iterable = {
      *[Symbol.iterator]() {
        yield 1;
        throw new TypeError('boom');
      },
    };
    const inPlace = thrown(() => requireListInPlace('f', 'rows', iterable)) as PatronageError;
    expect(inPlace.code).toBe('INVALID_ARGUMENT');
    expect(inPlace.message).toBe(
      (thrown(() => requireList('f', 'rows', iterable)) as PatronageError).message,
    );
    expect((thrown(() => requireListInPlace('f', 'rows', 7)) as PatronageError).code).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('an Array subclass gets requireList’s snapshot, so its methods and iterator are never called', () => {
    const list = new LyingArray();
    list[0] = 1;
    list[1] = 2;
    const read = requireListInPlace('f', 'rows', list);
    expect(read.list).not.toBe(list);
    expect(Object.getPrototypeOf(read.list)).toBe(Array.prototype);
    expect(read).toEqual({ list: [1, 2], length: 2 });
  });

  it('reads the length of a proxy once and hands that length on', () => {
    let reads = 0;
    const proxy = new Proxy([1, 2], {
      get: (target, key, receiver) =>
        key === 'length' ? (reads++ === 0 ? target.length : 2 ** 32 - 1) : Reflect.get(target, key, receiver),
    });
    expect(requireListInPlace('f', 'rows', proxy).length).toBe(2);
    expect(reads).toBe(1);
  });
});

describe('snapshotData (accumulator states)', () => {
  it('copies by index and reads every getter once; holes and throwing getters become undefined', () => {
    let reads = 0;
    const state = {
      get value() {
        reads++;
        return reads === 1 ? 1 : Number.NaN;
      },
      get broken(): never {
        throw new TypeError('boom');
      },
      list: Object.assign([], { 0: 1, 2: 3 }),
    };
    const copy = snapshotData(state) as Record<string, unknown>;
    expect(copy['value']).toBe(1);
    expect(copy['value']).toBe(1);
    expect(reads).toBe(1);
    expect(copy['broken']).toBeUndefined();
    expect(copy['list']).toEqual([1, undefined]);
  });
});
