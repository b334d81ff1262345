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
