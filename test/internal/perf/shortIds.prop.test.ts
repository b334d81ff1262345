import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShortIds } from '../../../src/internal/perf/shortIds';

const id: fc.Arbitrary<string | number> = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.string({ maxLength: 9 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.nat(2000).map((n) => `c${n}`),
);

describe('ShortIds (internal)', () => {
  it('numbers ids densely in first-seen order, the same id always the same number (7 and "7" apart)', () => {
    fc.assert(
      fc.property(fc.array(id, { maxLength: 3000 }), (list) => {
        const table = new ShortIds();
        const expected = new Map<string | number, number>();
        for (const value of list) {
          if (!expected.has(value)) expected.set(value, expected.size);
          expect(table.numberOf(value)).toBe(expected.get(value));
        }
        expect(table.ids).toEqual([...expected.keys()]);
      }),
      { numRuns: 200 },
    );
    const table = new ShortIds();
    expect([table.numberOf(7), table.numberOf('7'), table.numberOf(7)]).toEqual([0, 1, 0]);
  });

  it('grows past its first table without losing an id', () => {
    const table = new ShortIds();
    for (let n = 0; n < 5000; n++) expect(table.numberOf(`c${n}`)).toBe(n);
    for (let n = 0; n < 5000; n++) expect(table.numberOf(`c${n}`)).toBe(n);
  });
});

/** Ids the table packs (strings of at most 7 code units up to 0xff) and others. */
const anyId: fc.Arbitrary<string | number> = fc.oneof(
  id,
  fc.constantFrom(0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, -1, 2 ** 53 - 1, ''),
  fc.string({ unit: 'binary', maxLength: 3 }).map((text) => `\u0000${text}`),
  fc.constantFrom('a', 'a\u0000', 'a\u0000\u0000', 'ab', 'ÿÿÿÿÿÿÿ', 'ÿÿÿÿÿÿ', 'Ā', 'c12345678'),
);

/** The order of `compareCustomerIds`: numbers ascending, then strings by code unit. */
function idOrder(a: string | number, b: string | number): number {
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

describe('ShortIds (internal): the sorted order', () => {
  it('sortedNumbers lists the numbers in compareCustomerIds order of their ids, or undefined for Map ids', () => {
    fc.assert(
      fc.property(fc.array(anyId, { maxLength: 3000 }), (list) => {
        const table = new ShortIds();
        for (const value of list) table.numberOf(value);
        const order = table.sortedNumbers();
        const packable = table.ids.every(
          (value) =>
            typeof value === 'string' &&
            value.length <= 7 &&
            [...value].every((char) => char.charCodeAt(0) <= 0xff),
        );
        if (!packable) {
          expect(order).toBeUndefined();
          return;
        }
        const expected = [...table.ids].sort(idOrder);
        expect(Array.from(order as Uint32Array, (number) => table.ids[number])).toEqual(expected);
      }),
      { numRuns: 200 },
    );
    const table = new ShortIds();
    for (const value of ['b', 'a\u0000', '', 'a', 'ab', 'ÿ']) table.numberOf(value);
    expect(Array.from(table.sortedNumbers() as Uint32Array, (n) => table.ids[n])).toEqual([
      '',
      'a',
      'a\u0000',
      'ab',
      'b',
      'ÿ',
    ]);
    table.numberOf(9);
    expect(table.sortedNumbers()).toBeUndefined(); // a number id is in the Map
  });
});
