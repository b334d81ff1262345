import { describe, expect, it } from 'vitest';
import { requireList } from '../../src/internal/validate';
import { snapshotFit } from '../../src/svg/read';
import { codeOf } from '../helpers/errors';

/** An Array subclass whose iterator, `map`, `forEach` and `slice` all lie. */
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
  override slice(): T[] {
    return [];
  }
}

describe('requireList, as the charts read their lists', () => {
  it('copies an array by index', () => {
    const list = [1, 'a', null];
    const copy = requireList('f', 'list', list);
    expect(copy).toEqual(list);
    expect(copy).not.toBe(list);
  });

  it('a hole is INVALID_ARGUMENT naming its index', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the test
    const sparse = [1, , 3];
    expect(codeOf(() => requireList('f', 'list', sparse))).toBe('INVALID_ARGUMENT');
    expect(() => requireList('f', 'list', sparse)).toThrow(
      'f: list[1] is a hole (a sparse array); every element must be present',
    );
    expect(codeOf(() => requireList('f', 'list', new Array(3)))).toBe('INVALID_ARGUMENT');
  });

  it('never calls the methods of an Array subclass', () => {
    const lying = LyingArray.from([1, 2, 3]) as LyingArray<number>;
    expect(requireList('f', 'list', lying)).toEqual([1, 2, 3]);
  });

  it('reads length and each element once', () => {
    const reads: string[] = [];
    const proxy = new Proxy([10, 20], {
      get(target, key, receiver) {
        if (typeof key === 'string') reads.push(key);
        return Reflect.get(target, key, receiver);
      },
    });
    expect(requireList('f', 'list', proxy)).toEqual([10, 20]);
    expect(reads).toEqual(['length', '0', '1']);
  });

  it('iterates another iterable once; an iterator that fails is INVALID_ARGUMENT', () => {
    expect(requireList('f', 'list', new Set([1, 2]))).toEqual([1, 2]);
    expect(requireList('f', 'list', new Float64Array([0.5]))).toEqual([0.5]);
    const broken = { [Symbol.iterator]: () => ({ next: () => 7 }) };
    expect(codeOf(() => requireList('f', 'list', broken))).toBe('INVALID_ARGUMENT');
    const throwing = {
      *[Symbol.iterator]() {
        yield 1;
        throw new RangeError('no more');
      },
    };
    expect(() => requireList('f', 'list', throwing)).toThrow('f: list could not be iterated: no more');
    // a PatronageError thrown inside the iterator passes through, one from another copy of patronage too
    const foreign = { name: 'PatronageError', code: 'OUT_OF_RANGE', message: 'g: too far' };
    const rethrowing = {
      *[Symbol.iterator]() {
        yield 1;
        throw foreign;
      },
    };
    let thrown: unknown;
    try {
      requireList('f', 'list', rethrowing);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBe(foreign);
  });

  it('anything else is INVALID_ARGUMENT, a null-prototype object too', () => {
    expect(codeOf(() => requireList('f', 'list', 'abc'))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => requireList('f', 'list', Object.create(null)))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => requireList('f', 'list', undefined))).toBe('INVALID_ARGUMENT');
  });
});

describe('snapshotFit', () => {
  it('reads model and every parameter once, into a copy', () => {
    let reads = 0;
    const params = {
      get r() {
        reads++;
        return reads === 1 ? 0.243 : Number.NaN;
      },
      alpha: 4.414,
    };
    const spec = snapshotFit({ model: 'bgNbd', params }) as { params: { r: number; alpha: number } };
    expect(spec.params.r).toBe(0.243);
    expect(spec.params.r).toBe(0.243);
    expect(spec.params.alpha).toBe(4.414);
    expect(reads).toBe(1);
  });

  it('passes on what is not a fit, for the prediction to reject', () => {
    expect(snapshotFit(null)).toBeNull();
    expect(snapshotFit('bgNbd')).toBe('bgNbd');
    expect(snapshotFit({ model: 'bgNbd', params: 3 })).toEqual({ model: 'bgNbd', params: 3 });
  });
});
