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

/** Where the documented rule puts each id, in first-seen order (limit 65,536: no rows given). */
function placesOf(ids: readonly (string | number)[]): ('numbered' | 'packed' | 'map')[] {
  const limit = 65_536;
  let prefix: string | undefined;
  return ids.map((value) => {
    if (typeof value === 'number')
      return Number.isInteger(value) && value >= 0 && value < limit ? 'numbered' : 'map';
    if (prefix === undefined) {
      const shape = /^([\s\S]*?)(\d+)$/.exec(value);
      if (shape !== null && (shape[1] as string).length <= 8 && (shape[2] as string).length <= 10)
        prefix = shape[1] as string;
    }
    if (prefix !== undefined && value.startsWith(prefix)) {
      const digits = value.slice(prefix.length);
      if (/^(0|[1-9]\d{0,9})$/.test(digits) && Number(digits) < limit) return 'numbered';
    }
    return value.length <= 7 && [...value].every((char) => char.charCodeAt(0) <= 0xff) ? 'packed' : 'map';
  });
}

describe('ShortIds (internal): the sorted order', () => {
  it('sortedNumbers lists the numbers in compareCustomerIds order of their ids, or undefined for Map ids and for numbered and packed ids together', () => {
    fc.assert(
      fc.property(fc.array(anyId, { maxLength: 3000 }), (list) => {
        const table = new ShortIds();
        for (const value of list) table.numberOf(value);
        const order = table.sortedNumbers();
        const places = placesOf(table.ids);
        if (!(places.every((place) => place === 'numbered') || places.every((place) => place === 'packed'))) {
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
    expect(table.sortedNumbers()).toBeUndefined(); // a numbered id among packed ones
  });
});

describe('ShortIds (internal): numbered ids', () => {
  it('orders prefixed digit ids as text, by walking the digit tree (c0, c1, c10, c100, c11, ..., c2)', () => {
    const values = fc.sample(fc.shuffledSubarray([...Array(1200).keys()], { minLength: 1200 }), {
      numRuns: 1,
      seed: 7,
    })[0] as number[];
    const table = new ShortIds();
    for (const value of values) table.numberOf(`c${value}`);
    const expected = values.map((value) => `c${value}`).sort();
    expect(Array.from(table.sortedNumbers() as Uint32Array, (n) => table.ids[n])).toEqual(expected);
  });

  it('orders number ids by value, before the prefixed string ids', () => {
    const table = new ShortIds();
    for (const value of ['x10', 5, 'x9', 0, 'x0', 3, 'x1']) table.numberOf(value);
    expect(Array.from(table.sortedNumbers() as Uint32Array, (n) => table.ids[n])).toEqual([
      0,
      3,
      5,
      'x0',
      'x1',
      'x10',
      'x9',
    ]);
  });

  it('keeps look-alike ids apart: a leading zero, another prefix, a number and its digits, values past the limit', () => {
    const table = new ShortIds(10); // limit 4 * 10 + 65,536 = 65,576
    const list = [
      'c007',
      'c7',
      'c07',
      'd7',
      7,
      '7',
      'c',
      'c65575',
      'c65576',
      65_575,
      65_576,
      'c0',
      'c00',
      -0,
      0,
    ];
    const numbers = list.map((value) => table.numberOf(value));
    expect(numbers).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 13]);
    expect(list.map((value) => table.numberOf(value))).toEqual(numbers);
  });
});

describe('ShortIds (internal): numbering values afterwards', () => {
  it('numberValues gives the values numberedValueOf gave the numbers numberOf gives the ids one by one', () => {
    const kindOf = fc.constantFrom('string', 'number');
    fc.assert(
      fc.property(kindOf, fc.array(fc.nat(5000), { maxLength: 2000 }), (kind, values) => {
        const ids = values.map((value) => (kind === 'string' ? `c${value}` : value));
        const direct = new ShortIds();
        const expected = ids.map((id) => direct.numberOf(id));
        const deferred = new ShortIds();
        const held = Uint32Array.from(ids, (id) => deferred.numberedValueOf(id));
        expect(Array.from(held)).toEqual(values);
        deferred.numberValues(held, 0, held.length, kind === 'string');
        expect(Array.from(held)).toEqual(expected);
        expect(deferred.ids).toEqual(direct.ids);
        expect(deferred.sortedNumbers()).toEqual(direct.sortedNumbers());
        // and numberOf goes on from there
        expect(deferred.numberOf(kind === 'string' ? 'c5001' : 5001)).toBe(direct.ids.length);
      }),
      { numRuns: 200 },
    );
  });

  it('numberedValueOf is -1 for an id numberOf does not index by value', () => {
    const table = new ShortIds(10); // limit 65,576
    for (const id of ['c007', 'c', 'c65576', 'ann', -1, 2.5, 65_576, 2 ** 53]) {
      table.numberedValueOf('c1'); // the prefix
      expect(table.numberedValueOf(id)).toBe(-1);
    }
    expect([table.numberedValueOf('c0'), table.numberedValueOf('c65575'), table.numberedValueOf(0)]).toEqual([
      0, 65_575, 0,
    ]);
    expect(table.ids).toEqual([]); // nothing numbered yet
  });
});
