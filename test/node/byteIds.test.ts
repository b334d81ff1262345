import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteIds } from '../../src/node/byteIds';

/** What the table must agree with: a Map from id to its order of first appearance. */
function firstAppearance(ids: readonly string[]): number[] {
  const seen = new Map<string, number>();
  return ids.map((id) => {
    let index = seen.get(id);
    if (index === undefined) {
      index = seen.size;
      seen.set(id, index);
    }
    return index;
  });
}

const encoder = new TextEncoder();

function numbersOf(table: ByteIds, ids: readonly string[]): number[] {
  return ids.map((id) => {
    // each id inside a larger buffer, as the reader sees it
    const bytes = encoder.encode(`<${id}>`);
    return table.number(bytes, 1, bytes.length - 1);
  });
}

describe('ByteIds', () => {
  const ids = fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('a', 'b', 'ü', '😀', '')), {
    maxLength: 400,
  });

  it('numbers ids by first appearance and keeps each id once, as a Map would', () => {
    fc.assert(
      fc.property(ids, (list) => {
        const table = new ByteIds();
        expect(numbersOf(table, list)).toEqual(firstAppearance(list));
        expect(table.ids).toEqual([...new Set(list)]);
      }),
    );
  });

  it('gives the same numbers after handing over to a Map (no probe budget)', () => {
    fc.assert(
      fc.property(ids, (list) => {
        const table = new ByteIds(0);
        const many = [...Array.from({ length: 5000 }, (_, k) => `seed${k}`), ...list];
        expect(numbersOf(table, many)).toEqual(firstAppearance(many));
        expect(table.numberOf('seed7')).toBe(7);
      }),
      { numRuns: 20 },
    );
  });

  it('keeps a leading U+FEFF in an id (one customer does not become two of the same name)', () => {
    const table = new ByteIds();
    expect(numbersOf(table, ['\uFEFFann', 'ann', '\uFEFFann'])).toEqual([0, 1, 0]);
    expect(table.ids).toEqual(['\uFEFFann', 'ann']);
    expect(table.numberOf('\uFEFFbo')).toBe(2);
    expect(table.ids[2]).toBe('\uFEFFbo');
  });

  it('keeps ids with lone surrogates apart (JSONL can hold them)', () => {
    const table = new ByteIds();
    expect(['a', '\uD800', '\uDC00', '\uFFFD', '\uD800', 'a'].map((id) => table.numberOf(id))).toEqual([
      0, 1, 2, 3, 1, 0,
    ]);
  });

  it('grows past its first sizes (ids longer than the arena, more ids than slots)', () => {
    const table = new ByteIds();
    const long = 'x'.repeat(100_000);
    const list = [long, ...Array.from({ length: 20_000 }, (_, k) => `c${k}`), long, 'c5'];
    expect(numbersOf(table, list)).toEqual(firstAppearance(list));
  });

  // numbered ids (a prefix, then digits) are looked up in a direct array; every other id in the hash table
  const numbered = fc.oneof(
    fc.nat({ max: 20_000 }).map((n) => `c${n}`),
    fc.nat({ max: 20_000 }).map((n) => `c0${n}`),
    fc.nat({ max: 99_999 }).map((n) => String(n).padStart(5, '0')),
    fc.nat({ max: 9_999_999 }).map((n) => `c${n}`),
    fc.constantFrom(
      'c',
      'c00',
      'C1',
      'c1x',
      'c12345678',
      'cc1',
      '1',
      '01',
      '12345678',
      'c8388608',
      'c8388607',
    ),
    fc.nat({ max: 300 }).map(String),
  );

  it('numbers numbered ids (c736, 00001, 736) by first appearance, mixed with other ids, as a Map would', () => {
    fc.assert(
      fc.property(fc.array(numbered, { minLength: 1, maxLength: 400 }), (list) => {
        const table = new ByteIds();
        expect(numbersOf(table, list)).toEqual(firstAppearance(list));
        expect(table.ids).toEqual([...new Set(list)]);
      }),
    );
  });

  it('makes the strings of numbered ids when asked, in order, and writes their bytes without them', () => {
    fc.assert(
      fc.property(fc.array(numbered, { minLength: 1, maxLength: 300 }), fc.nat({ max: 300 }), (list, ask) => {
        const table = new ByteIds();
        // the strings asked for part of the way (some made, some not), then the rest numbered
        const before = numbersOf(table, list.slice(0, ask));
        const early = [...table.ids];
        const after = numbersOf(table, list.slice(ask));
        expect([...before, ...after]).toEqual(firstAppearance(list));
        const expected = [...new Set(list)];
        expect(early).toEqual(expected.slice(0, early.length));
        const numberedIds = table.numberedIds();
        const bytes = table.numberedBytes();
        expect(table.ids).toEqual(expected);
        if (numberedIds === null) {
          expect(bytes).toBeNull();
          return;
        }
        // every id is the prefix and the digits of its value
        const { prefix, width, values } = numberedIds;
        expect(Array.from(values, (value) => `${prefix}${String(value).padStart(width, '0')}`)).toEqual(
          expected,
        );
        const ends: number[] = [];
        let end = 0;
        for (const id of expected) {
          end += encoder.encode(id).length;
          ends.push(end);
        }
        expect(bytes?.ends).toEqual(Uint32Array.from(ends));
        expect(bytes?.bytes).toEqual(encoder.encode(expected.join('')));
      }),
    );
  });

  it('gives no numbered ids once an id is hashed (its string keeps its place among the numbered)', () => {
    const table = new ByteIds();
    expect(numbersOf(table, ['c5', 'c7', 'd1', 'c5', 'c9'])).toEqual([0, 1, 2, 0, 3]);
    expect(table.numberedIds()).toBeNull();
    expect(table.numberedBytes()).toBeNull();
    expect(table.ids).toEqual(['c5', 'c7', 'd1', 'c9']);
  });

  it('keeps numbered ids apart when the first id fixes a width (00001 is not 0001 nor 1)', () => {
    const table = new ByteIds();
    const list = ['00001', '0001', '1', '00001', '10000', '010000', '1', '0001'];
    expect(numbersOf(table, list)).toEqual([0, 1, 2, 0, 3, 4, 2, 1]);
    expect(table.ids).toEqual(['00001', '0001', '1', '10000', '010000']);
  });

  it("keeps the first id's prefix when the bytes it was read from are overwritten (a reused read buffer)", () => {
    const table = new ByteIds();
    const block = Buffer.from('c1,c2');
    expect(table.number(block, 0, 2)).toBe(0);
    block.write('x1,c2');
    expect(table.number(block, 3, 5)).toBe(1);
    expect(table.number(block, 0, 2)).toBe(2);
    expect(table.ids).toEqual(['c1', 'c2', 'x1']);
    expect(table.number(Buffer.from('c1'), 0, 2)).toBe(0);
  });

  it("numbers ids past the direct array's reach and 200,000 numbered ids as a Map would", () => {
    const table = new ByteIds();
    const list = Array.from({ length: 200_000 }, (_, k) => `c${(k * 7919) % 200_000}`);
    list.push('c8388607', 'c8388608', 'c9999999', 'c8388608', 'c17');
    expect(numbersOf(table, list)).toEqual(firstAppearance(list));
  });

  it('settles a column of codes into the numbers of first appearance, mixed with one-at-a-time numbers', () => {
    fc.assert(
      fc.property(
        // ids drawn from a few, so that each comes back in the later parts
        fc
          .array(fc.oneof(numbered, fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 12 })
          .chain((pool) =>
            fc.array(
              fc.nat({ max: pool.length - 1 }).map((k) => pool[k] as string),
              { minLength: 1, maxLength: 300 },
            ),
          ),
        fc.nat({ max: 300 }),
        fc.nat({ max: 300 }),
        (list, first, second) => {
          const table = new ByteIds();
          const at = Math.min(first, second, list.length);
          const to = Math.min(Math.max(first, second), list.length);
          const settled = (part: readonly string[]): number[] => {
            const codes = new Uint32Array(
              part.map((id) => {
                const bytes = encoder.encode(id);
                return table.code(bytes, 0, bytes.length);
              }),
            );
            table.settle(codes, 0, codes.length);
            return Array.from(codes);
          };
          // a block of codes settled at once, then ids one at a time, then another block (with ids of both)
          const numbers = [
            ...settled(list.slice(0, at)),
            ...numbersOf(table, list.slice(at, to)),
            ...settled(list.slice(to)),
          ];
          expect(numbers).toEqual(firstAppearance(list));
          expect(table.ids).toEqual([...new Set(list)]);
        },
      ),
    );
  });

  it('hands hashed ids over to a Map and goes on numbering them by first appearance (no probe budget)', () => {
    const table = new ByteIds(0);
    const many = [
      'anna',
      ...Array.from({ length: 5000 }, (_, k) => `seed${k}`),
      ...Array.from({ length: 3000 }, (_, k) => String(k)),
      'anna',
    ];
    expect(numbersOf(table, many)).toEqual(firstAppearance(many));
    expect(table.numberOf('seed7')).toBe(8);
    expect(table.numberOf('\uD800x')).toBe(8001);
    expect(table.numberOf('7')).toBe(5008);
  });
});
