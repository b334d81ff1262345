import { describe, expect, it } from 'vitest';
import { segmentSizesSvg } from '../../src/svg/index';
import { MAX_BARS } from '../../src/svg/segmentSizesSvg';
import { codeOf } from '../helpers/errors';
import { expectWellFormed } from './wellFormed';

function bars(svg: string): number {
  return svg.match(/<rect x="150"/g)?.length ?? 0;
}

describe('segmentSizesSvg with many segments', () => {
  it('draws 200,000 segments as the 399 largest and one bar for the rest, with exact totals', () => {
    const counts: Record<string, number> = {};
    let total = 0;
    for (let i = 0; i < 200_000; i++) {
      counts[`s${i}`] = i;
      total += i;
    }
    const svg = segmentSizesSvg(counts);
    expectWellFormed(svg);
    expect(bars(svg)).toBe(MAX_BARS);
    const rest =
      total - Array.from({ length: MAX_BARS - 1 }, (_, k) => 199_999 - k).reduce((a, b) => a + b, 0);
    expect(svg).toContain(`<title>199601 other segments, each smaller than those above: ${rest}</title>`);
    expect(svg).toContain(`200000 segments, ${total} customers: s199999 199999, `);
    expect(svg).toContain(`, and 199601 other segments with ${rest} customers.`);
  }, 30_000);

  it('up to 400 segments get a bar each', () => {
    const counts = Object.fromEntries(Array.from({ length: MAX_BARS }, (_, i) => [`s${i}`, i + 1]));
    const svg = segmentSizesSvg(counts);
    expect(bars(svg)).toBe(MAX_BARS);
    expect(svg).not.toContain('other segments');
  });

  it('counts that add up beyond the largest number are NOT_FINITE, not Infinity', () => {
    expect(codeOf(() => segmentSizesSvg({ a: Number.MAX_VALUE, b: Number.MAX_VALUE }))).toBe('NOT_FINITE');
  });
});
