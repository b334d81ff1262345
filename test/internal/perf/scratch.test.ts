import { describe, expect, it } from 'vitest';
import {
  releaseScratch,
  type Scratch,
  type ScratchPool,
  takeScratch,
} from '../../../src/internal/perf/scratch';

interface Numbers extends Scratch {
  readonly values: Float64Array;
}

function pool(): ScratchPool<Numbers> & { made: number[] } {
  const made: number[] = [];
  return {
    spare: null,
    made,
    create: (capacity) => {
      made.push(capacity);
      return { capacity, values: new Float64Array(capacity) };
    },
  };
}

describe('scratch pools', () => {
  it('makes a set of at least 64 elements, rounded up to a power of two', () => {
    const numbers = pool();
    expect(takeScratch(numbers, 0).capacity).toBe(64);
    expect(takeScratch(numbers, 65).capacity).toBe(128);
    expect(takeScratch(numbers, 1000).capacity).toBe(1024);
    expect(numbers.made).toEqual([64, 128, 1024]);
  });

  it('hands the released set out again when it is large enough', () => {
    const numbers = pool();
    const first = takeScratch(numbers, 100);
    releaseScratch(numbers, first);
    expect(takeScratch(numbers, 120)).toBe(first);
    releaseScratch(numbers, first);
    const larger = takeScratch(numbers, 200);
    expect(larger).not.toBe(first);
    expect(larger.capacity).toBe(256);
  });

  it('gives a re-entered call a set of its own', () => {
    const numbers = pool();
    const outer = takeScratch(numbers, 10);
    const inner = takeScratch(numbers, 10);
    expect(inner).not.toBe(outer);
    releaseScratch(numbers, inner);
    releaseScratch(numbers, outer);
    expect(takeScratch(numbers, 10)).toBe(outer);
  });

  it('does not keep a set above 65,536 elements', () => {
    const numbers = pool();
    const large = takeScratch(numbers, 70_000);
    releaseScratch(numbers, large);
    expect(numbers.spare).toBeNull();
    const kept = takeScratch(numbers, 65_536);
    releaseScratch(numbers, kept);
    expect(numbers.spare).toBe(kept);
  });
});
