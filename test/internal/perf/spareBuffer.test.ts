import { describe, expect, it } from 'vitest';
import { SpareBuffer } from '../../../src/internal/perf/spareBuffer';

describe('SpareBuffer (internal)', () => {
  it('hands the buffer given back to the next take that fits in it', () => {
    const spare = new SpareBuffer();
    const first = spare.take(1024);
    expect(first.byteLength).toBe(1024);
    spare.give(first);
    expect(spare.take(512)).toBe(first);
  });

  it('hands out a new buffer when the one kept is too small, or is already out', () => {
    const spare = new SpareBuffer();
    const small = spare.take(64);
    spare.give(small);
    const large = spare.take(128);
    expect(large).not.toBe(small);
    expect(large.byteLength).toBe(128);
    // taken and not given back: a re-entered call gets its own
    spare.give(large);
    const outer = spare.take(16);
    const inner = spare.take(16);
    expect(inner).not.toBe(outer);
  });
});
