import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiOrderKey, ShortIds } from '../../../src/internal/perf/shortIds';
import { compareCustomerIds } from '../../../src/model/transaction';

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

  it('ranks the ids as compareCustomerIds sorts them, or leaves the sorting to the caller', () => {
    fc.assert(
      fc.property(fc.uniqueArray(id, { maxLength: 500 }), (list) => {
        const table = new ShortIds();
        for (const value of list) table.numberOf(value);
        const ranks = table.ranks();
        const sorted = [...list].sort(compareCustomerIds);
        const allAscii = list.every(
          (value) => typeof value === 'number' || !Number.isNaN(asciiOrderKey(value)),
        );
        if (!allAscii) {
          expect(ranks).toBeUndefined();
          return;
        }
        expect(ranks).toBeDefined();
        for (let n = 0; n < list.length; n++) expect(sorted[ranks?.[n] as number]).toBe(list[n]);
      }),
      { numRuns: 300 },
    );
  });

  it('grows past its first table without losing an id', () => {
    const table = new ShortIds();
    for (let n = 0; n < 5000; n++) expect(table.numberOf(`c${n}`)).toBe(n);
    for (let n = 0; n < 5000; n++) expect(table.numberOf(`c${n}`)).toBe(n);
  });
});

describe('asciiOrderKey (internal)', () => {
  it('orders short ASCII strings as their code units do', () => {
    const ascii = fc.string({
      unit: fc.integer({ min: 0, max: 0x7f }).map((code) => String.fromCharCode(code)),
      maxLength: 7,
    });
    fc.assert(
      fc.property(ascii, ascii, (a, b) => {
        expect(Math.sign(asciiOrderKey(a) - asciiOrderKey(b))).toBe(Math.sign(compareCustomerIds(a, b)));
      }),
      { numRuns: 5000 },
    );
    expect(asciiOrderKey('a') < asciiOrderKey('a\0')).toBe(true);
    expect(asciiOrderKey('abcdefgh')).toBeNaN();
    expect(asciiOrderKey('é')).toBeNaN();
  });
});
