import { describe, expect, it } from 'vitest';
import { IdIndex, sampleHash } from '../../../src/internal/perf/idIndex';

/** Runs `ids` through a fresh index, returning for each whether it was met before. */
function seenFlags(index: IdIndex, ids: string[]): boolean[] {
  index.reset(ids.length);
  return ids.map((id, position) => index.seen(id, position));
}

describe('IdIndex', () => {
  it('says an id was met before exactly when it was', () => {
    const ids = ['a', 'b', 'a', 'c', 'b', 'b', 'd'];
    const index = new IdIndex(ids.length, ids);
    expect(seenFlags(index, ids)).toEqual([false, false, true, false, true, true, false]);
  });

  it('forgets every id on reset', () => {
    const ids = ['x', 'y', 'x'];
    const index = new IdIndex(ids.length, ids);
    seenFlags(index, ids);
    expect(seenFlags(index, ids)).toEqual([false, false, true]);
  });

  it('stays right when every id hashes alike, moving to its fallback', () => {
    // ids differing only in characters 1–3 of 20: the sampled hash does not look there
    const distinct = Array.from({ length: 500 }, (_, k) => `A${String(k).padStart(3, '0')}${'B'.repeat(16)}`);
    expect(new Set(distinct.map(sampleHash)).size).toBe(1);
    const ids = [...distinct, ...distinct];
    const index = new IdIndex(ids.length, ids);
    const flags = seenFlags(index, ids);
    expect(flags.slice(0, 500).every((flag) => !flag)).toBe(true);
    expect(flags.slice(500).every((flag) => flag)).toBe(true);
  });

  it('agrees with a Set on sequential, UUID-like and one-character ids', () => {
    const ids = [
      ...Array.from({ length: 300 }, (_, k) => `e${k % 200}`),
      ...Array.from({ length: 100 }, (_, k) => `123e4567-e89b-12d3-a456-${String(k % 60).padStart(12, '0')}`),
      'a',
      'b',
      'a',
    ];
    const index = new IdIndex(ids.length, ids);
    const met = new Set<string>();
    const expected = ids.map((id) => {
      const before = met.has(id);
      met.add(id);
      return before;
    });
    expect(seenFlags(index, ids)).toEqual(expected);
  });
});
