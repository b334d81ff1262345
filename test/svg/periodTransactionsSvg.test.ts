import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { periodTransactions } from '../../src/index';
import { periodTransactionsSvg } from '../../src/svg/index';
import { codeOf } from '../helpers/errors';
import { expectWellFormed } from './wellFormed';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
const FIT = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
const ROWS = [
  { frequency: 0, recency: 0, T: 38, weight: 300 },
  { frequency: 1, recency: 20, T: 38, weight: 80 },
  { frequency: 2, recency: 30, T: 34, weight: 40 },
  { frequency: 3, recency: 30, T: 34, weight: 15 },
  { frequency: 9, recency: 35, T: 38, weight: 30 },
];

interface Rect {
  class: string;
  x: string;
  y: string;
  width: string;
  height: string;
  title: string;
}

/** The bars of a chart, parsed: class `bar data` or `bar model`. */
function barsOf(svg: string): Rect[] {
  const document = parser.parse(svg) as { svg: { g: { class?: string; rect?: Rect | Rect[] }[] } };
  const group = document.svg.g.find((g) => g.class === 'bars');
  const rects = group?.rect;
  return rects === undefined ? [] : Array.isArray(rects) ? rects : [rects];
}

describe('periodTransactionsSvg', () => {
  const result = periodTransactions(FIT, ROWS, { maxFrequency: 4 });

  it('draws one data bar and one model bar per bin, heights proportional to the counts, the tallest to the top', () => {
    const svg = periodTransactionsSvg(result);
    expectWellFormed(svg);
    const bars = barsOf(svg);
    expect(bars.map((bar) => bar.class)).toEqual(result.bins.flatMap(() => ['bar data', 'bar model']));
    const values = result.bins.flatMap((bin) => [bin.actual, bin.expected]);
    const highest = Math.max(...values);
    // the default frame: top 68, bottom 380 − 70
    const plot = 380 - 70 - 68;
    bars.forEach((bar, i) => {
      const value = values[i] as number;
      expect(Math.abs(Number(bar.height) - (value / highest) * plot)).toBeLessThanOrEqual(0.01);
      expect(Math.abs(Number(bar.y) + Number(bar.height) - 310)).toBeLessThanOrEqual(0.01);
      expect(bar.title).toContain(`${Math.round(value * 10) / 10}`);
    });
    expect(bars[1]?.title).toBe(
      `0 repeat purchases, model: ${Math.round((result.bins[0]?.expected as number) * 10) / 10}`,
    );
  });

  it('puts the chi-square in the caption, and says when it is not tested', () => {
    const svg = periodTransactionsSvg(result);
    const { statistic, degreesOfFreedom } = result.chiSquare;
    expect(degreesOfFreedom).toBeNull();
    expect(svg).toContain(`χ² = ${Math.round(statistic * 100) / 100}, not tested`);
    const tested = periodTransactionsSvg({
      ...result,
      chiSquare: { ...result.chiSquare, statistic: 12.345, degreesOfFreedom: 3, pValue: 0.0063 },
    });
    expect(tested).toContain('χ² = 12.35, 3 degrees of freedom, p = 0.006');
    const tiny = periodTransactionsSvg({
      ...result,
      chiSquare: { ...result.chiSquare, statistic: 60, degreesOfFreedom: 1, pValue: 2.1e-14 },
    });
    expect(tiny).toContain('1 degree of freedom, p = 2.1e-14');
  });

  it('labels the last bin "or more" and is readable at 420 px: labels at least 40 px apart', () => {
    const svg = periodTransactionsSvg(periodTransactions(FIT, ROWS, { maxFrequency: 30 }), { width: 420 });
    expectWellFormed(svg);
    const document = parser.parse(svg) as {
      svg: { g: { class?: string; text?: { x: string; '#text': string | number }[] }[] };
    };
    const axis = document.svg.g.find((g) => g.class === 'axis x');
    const labels = (axis?.text ?? []).slice(0, -1);
    for (let i = 1; i < labels.length; i++)
      expect(Number(labels[i]?.x) - Number(labels[i - 1]?.x)).toBeGreaterThanOrEqual(40);
    expect(svg).toContain('9 repeat purchases, data: 30');
    expect(svg).toContain('30+ repeat purchases, data: 0');
  });

  it('draws a million bins as 60 blocks of summed counts, with the totals described', () => {
    const n = 1_000_000;
    const bins = new Array(n);
    for (let i = 0; i < n; i++) bins[i] = { frequency: i, orMore: i === n - 1, actual: 1, expected: 1.5 };
    const svg = periodTransactionsSvg({
      model: 'bgNbd',
      customers: n,
      bins,
      tail: 'exact',
      chiSquare: { statistic: 1, degreesOfFreedom: null, pValue: null, parameters: 4, groups: [] },
    });
    expectWellFormed(svg);
    const bars = barsOf(svg);
    expect(bars.length).toBe(120);
    expect(bars[0]?.title).toBe('0–16666 repeat purchases, data: 16667');
    // blocks of 16,667 bins, the last one the 16,647 left
    expect(bars.at(-1)?.title).toBe(`983353–999999+ repeat purchases, model: ${1.5 * 16_647}`);
    expect(svg).toContain(
      `${n} bins of repeat purchases, ${n} customers in the data and ${1.5 * n} expected`,
    );
  }, 30_000);

  it('refuses a malformed result', () => {
    expect(codeOf(() => periodTransactionsSvg({ ...result, bins: [] }))).toBe('EMPTY_INPUT');
    expect(
      codeOf(() =>
        periodTransactionsSvg({ ...result, bins: [{ frequency: 0, orMore: true, actual: -1, expected: 1 }] }),
      ),
    ).toBe('OUT_OF_RANGE');
    expect(codeOf(() => periodTransactionsSvg({ ...result, chiSquare: null } as never))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => periodTransactionsSvg(result, { xlabel: 'x' } as never))).toBe('INVALID_OPTION');
  });
});
