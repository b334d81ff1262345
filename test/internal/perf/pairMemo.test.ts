import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairMemo } from '../../../src/internal/perf/pairMemo';

describe('PairMemo (internal)', () => {
  it('finds exactly what was inserted, with 0 and −0 as one key', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.constantFrom(0, -0, 0.5, 7.25))),
        (pairs) => {
          const memo = new PairMemo();
          const model = new Map<string, number>();
          for (const [a, b] of pairs) {
            const key = `${a},${b === 0 ? 0 : b}`;
            const at = memo.find(a, b);
            if (model.has(key)) {
              expect(at).toBeGreaterThanOrEqual(0);
              expect(memo.values[at]).toBe(model.get(key));
            } else {
              expect(at).toBe(-1);
              expect(memo.insert(a, b, a * 10 + b)).toBe(true);
              model.set(key, a * 10 + b);
            }
          }
        },
      ),
    );
  });

  it('stays correct when it grows, and refuses more entries once full', () => {
    const memo = new PairMemo();
    const full = 1 << 17;
    let refused = 0;
    for (let i = 0; i < full + 1_000; i++) if (!memo.insert(i, i * 0.5, i - (i * 0.5) / 3)) refused++;
    expect(refused).toBe(1_000);
    let wrong = 0;
    for (let i = 0; i < full; i++) {
      const at = memo.find(i, i * 0.5);
      if (at < 0 || memo.values[at] !== i - (i * 0.5) / 3) wrong++;
    }
    expect(wrong).toBe(0);
    expect(memo.find(full + 10, (full + 10) * 0.5)).toBe(-1);
  });

  it('keeps width values per key side by side, through growth, and refuses more keys once full', () => {
    const memo = new PairMemo(3);
    const full = 1 << 17;
    let refused = 0;
    for (let i = 0; i < full + 500; i++) {
      const at = memo.reserve(i, -i / 4);
      if (at < 0) {
        refused++;
        continue;
      }
      memo.values[at] = i;
      memo.values[at + 1] = i + 0.25;
      memo.values[at + 2] = -i;
    }
    expect(refused).toBe(500);
    let wrong = 0;
    for (let i = 0; i < full; i++) {
      const at = memo.find(i, -i / 4);
      const values = memo.values;
      if (at < 0 || values[at] !== i || values[at + 1] !== i + 0.25 || values[at + 2] !== -i) wrong++;
    }
    expect(wrong).toBe(0);
    expect(memo.find(full + 1, -(full + 1) / 4)).toBe(-1);
  });
});
