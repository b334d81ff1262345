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
});
