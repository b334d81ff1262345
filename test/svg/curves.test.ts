import { describe, expect, it } from 'vitest';
import { linear } from '../../src/svg/core';
import { DOWNSAMPLE_ABOVE, drawnPoints, type ReadPoint } from '../../src/svg/curves';

const plain = (x: number, y: number): ReadPoint => ({ x, y, lower: null, upper: null });

describe('drawnPoints', () => {
  it('draws a curve of up to DOWNSAMPLE_ABOVE points as it is', () => {
    const points = Array.from({ length: DOWNSAMPLE_ABOVE }, (_, i) => plain(i, i % 7));
    expect(drawnPoints(points, linear(0, DOWNSAMPLE_ABOVE, 0, 100), 0, 100)).toBe(points);
  });

  it('keeps per pixel column the first, last, lowest and highest point (M4), in order', () => {
    // 20,000 points over 10 pixel columns: a spike down and one up in column 3
    const points = Array.from({ length: 20_000 }, (_, i) => plain(i, i === 6_500 ? -5 : i === 7_000 ? 9 : 1));
    const kept = drawnPoints(points, linear(0, 19_999, 0, 10), 0, 10);
    expect(kept[0]).toBe(points[0]);
    expect(kept.at(-1)).toBe(points[19_999]);
    expect(kept).toContain(points[6_500]);
    expect(kept).toContain(points[7_000]);
    expect(kept.length).toBeLessThanOrEqual(7 * 11);
    const xs = kept.map((point) => point.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it('keeps the widest band and a gap in it', () => {
    const points = Array.from({ length: 20_000 }, (_, i): ReadPoint => {
      if (i === 1_234) return plain(i, 0.5);
      return { x: i, y: 0.5, lower: i === 100 ? 0.1 : 0.4, upper: i === 200 ? 0.9 : 0.6 };
    });
    const kept = drawnPoints(points, linear(0, 19_999, 0, 4), 0, 4);
    expect(kept).toContain(points[100]);
    expect(kept).toContain(points[200]);
    expect(kept).toContain(points[1_234]);
  });

  it('is deterministic', () => {
    const points = Array.from({ length: 30_000 }, (_, i) => plain(i, Math.sin(i)));
    const scale = linear(0, 30_000, 64, 700);
    expect(drawnPoints(points, scale, 64, 700)).toEqual(drawnPoints(points, scale, 64, 700));
  });
});
