import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HASH_SEED, mixNumber } from '../../../src/internal/perf/numberHash';

describe('mixNumber (internal)', () => {
  it('gives a 32-bit integer that depends only on the hash and the value', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.double(), (hash, value) => {
        const mixed = mixNumber(hash, value);
        expect(Number.isInteger(mixed)).toBe(true);
        expect(mixed | 0).toBe(mixed);
        expect(mixNumber(hash, value)).toBe(mixed);
      }),
    );
  });

  it('hashes 0 and −0 alike, the keys that === takes for equal', () => {
    expect(mixNumber(HASH_SEED, -0)).toBe(mixNumber(HASH_SEED, 0));
    expect(mixNumber(mixNumber(HASH_SEED, 3), -0)).toBe(mixNumber(mixNumber(HASH_SEED, 3), 0));
  });

  it('spreads nearby values over the low bits a table indexes by, as well as a random function would', () => {
    const buckets = new Map<number, number>();
    for (let x = 0; x < 1000; x++) {
      const slot = mixNumber(HASH_SEED, x / 4) & 1023;
      buckets.set(slot, (buckets.get(slot) ?? 0) + 1);
    }
    // a random function puts 1000 keys in about 640 of 1024 slots, at most about 5 in one; this hash gives
    // 762 slots and at most 3, where one that ignored the low mantissa bits would stack quarter steps
    expect(Math.max(...buckets.values())).toBeLessThanOrEqual(5);
    expect(buckets.size).toBeGreaterThanOrEqual(600);
  });

  it('tells the order of chained values apart', () => {
    expect(mixNumber(mixNumber(HASH_SEED, 1), 2)).not.toBe(mixNumber(mixNumber(HASH_SEED, 2), 1));
  });
});
