import { describe, expect, it } from 'vitest';
import { StringBatch } from '../../../src/internal/perf/stringBatch';

describe('StringBatch (internal)', () => {
  it('writes ASCII strings as their code units, one after the other', () => {
    const batch = new StringBatch();
    for (const text of ['c12', '2024-01-01T00:00:00Z', '']) expect(batch.add(text)).toBe(true);
    expect(batch.encode()).toBe(true);
    const expected = 'c122024-01-01T00:00:00Z';
    expect(Array.from(batch.bytes.subarray(0, expected.length))).toEqual(
      Array.from(expected, (character) => character.charCodeAt(0)),
    );
  });

  it('says a batch holding a code unit above 0x7f is not to be read as bytes', () => {
    for (const odd of ['é', '\u0080', '\ud800', '😀']) {
      const batch = new StringBatch();
      batch.add('c1');
      batch.add(odd);
      expect(batch.encode()).toBe(false);
    }
  });

  it('refuses a string that would pass its size, and starts empty after clear', () => {
    const batch = new StringBatch();
    const long = 'x'.repeat(40_000);
    expect(batch.add(long)).toBe(true);
    expect(batch.add(long)).toBe(false);
    batch.clear();
    expect(batch.add('ab')).toBe(true);
    expect(batch.encode()).toBe(true);
    expect(Array.from(batch.bytes.subarray(0, 2))).toEqual([97, 98]);
  });
});
