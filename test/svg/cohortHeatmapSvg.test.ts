import { describe, expect, it } from 'vitest';
import { cohortRetention } from '../../src/index';
import { MAX_DRAWN } from '../../src/svg/cohortHeatmapSvg';
import { cohortHeatmapSvg } from '../../src/svg/index';
import { codeOf } from '../helpers/errors';
import { expectWellFormed } from './wellFormed';

type Row = { cohort: string; size: number; rates: (number | null)[]; revenueRates: (number | null)[] };

function cells(svg: string): number {
  return svg.match(/<rect x=/g)?.length ?? 0;
}

describe('cohortHeatmapSvg on large tables', () => {
  it('draws 200,000 cohorts of one period without a RangeError, in at most 500 rows with exact sizes', () => {
    const rows: Row[] = new Array(200_000);
    for (let i = 0; i < rows.length; i++)
      rows[i] = { cohort: `c${i}`, size: 1 + (i % 3), rates: [1], revenueRates: [1] };
    const svg = cohortHeatmapSvg(rows as never);
    expectWellFormed(svg);
    expect(cells(svg)).toBe(MAX_DRAWN);
    // 400 cohorts per row, of sizes 1, 2, 3 repeating: 133 times 6, then 1
    expect(svg).toContain('>c0 – c399 (n=799)</text>');
    expect(svg).toContain('200000 cohorts over 1 periods;');
    expect(svg).toContain('Drawn in blocks of up to 400 cohorts by 1 periods');
  }, 30_000);

  it('draws 1,000 cohorts by 1,000 periods (a million cells) in blocks of 2 by 2, each the size-weighted mean', () => {
    const rows: Row[] = [];
    for (let i = 0; i < 1_000; i++) {
      const rates = new Array<number | null>(1_000);
      for (let k = 0; k < 1_000; k++)
        rates[k] = k < 1_000 - i ? (k === 0 ? 1 : 0.5 + ((i + k) % 2) * 0.1) : null;
      rows.push({ cohort: `c${i}`, size: i === 1 ? 3 : 1, rates, revenueRates: rates });
    }
    const svg = cohortHeatmapSvg(rows as never);
    expectWellFormed(svg);
    expect(cells(svg)).toBeLessThanOrEqual(MAX_DRAWN * MAX_DRAWN);
    // the block of cohorts c0, c1 (sizes 1 and 3) and periods 0, 1: (1·1 + 1·0.6 + 3·1 + 3·0.5) / 8
    expect(svg).toContain(
      '<title>c0 – c1, periods 0–1: 76.3% (mean of 4 cells weighted by cohort size)</title>',
    );
  }, 30_000);

  it('blocks cohorts of enormous sizes without overflowing the weights', () => {
    const rows: Row[] = Array.from({ length: 2 * MAX_DRAWN }, (_, i) => ({
      cohort: `c${i}`,
      size: i < 2 ? Number.MAX_VALUE / 4 : 1,
      rates: [1, 0.5],
      revenueRates: [1, 0.5],
    }));
    const svg = cohortHeatmapSvg(rows as never);
    expectWellFormed(svg);
    expect(svg).not.toMatch(/NaN|Infinity/);
    expect(svg).toContain('c0 – c1, periods 0: 100.0%');
  });

  it('sizes that add up beyond the largest number in one block are NOT_FINITE, not Infinity', () => {
    const rows: Row[] = Array.from({ length: 2 * MAX_DRAWN }, (_, i) => ({
      cohort: `c${i}`,
      size: Number.MAX_VALUE,
      rates: [1],
      revenueRates: [1],
    }));
    expect(codeOf(() => cohortHeatmapSvg(rows as never))).toBe('NOT_FINITE');
  });

  it('a table of up to 500 cohorts and 500 periods is drawn cell by cell', () => {
    const rows: Row[] = Array.from({ length: MAX_DRAWN }, (_, i) => ({
      cohort: `c${i}`,
      size: 1,
      rates: [1, 0.5],
      revenueRates: [1, 0.5],
    }));
    const svg = cohortHeatmapSvg(rows as never);
    expect(cells(svg)).toBe(2 * MAX_DRAWN);
    expect(svg).not.toContain('blocks');
  });
});

describe('cohortHeatmapSvg on the staircase rows of cohortRetention', () => {
  it('draws rows that end where their cohort stops observing exactly as rows padded with null', () => {
    const rows = cohortRetention(
      [
        { customerId: 1, at: '2024-01-05', amount: 4 },
        { customerId: 1, at: '2024-02-05', amount: 2 },
        { customerId: 2, at: '2024-02-07', amount: 3 },
        { customerId: 1, at: '2024-04-05', amount: 1 },
        { customerId: 3, at: '2024-03-01', amount: 5 },
      ],
      { period: 'month' },
    );
    const width = rows[0]?.counts.length ?? 0;
    const pad = (cells: readonly (number | null)[]) =>
      Array.from({ length: width }, (_, k) => cells[k] ?? null);
    const padded = rows.map((row) => ({
      ...row,
      counts: pad(row.counts),
      rates: pad(row.rates),
      revenue: pad(row.revenue),
      revenueRates: pad(row.revenueRates),
    }));
    for (const measure of ['rates', 'revenueRates'] as const) {
      const svg = cohortHeatmapSvg(rows, { measure });
      expectWellFormed(svg);
      expect(svg).toBe(cohortHeatmapSvg(padded, { measure }));
      expect(cells(svg)).toBe(4 + 3 + 2);
    }
  });
});

describe('cohortHeatmapSvg with intervals', () => {
  /** 40 of January's 100 customers return in February, 20 of February's 100 in March. */
  const log = [0, 1].flatMap((month) =>
    Array.from({ length: 100 }, (_, i) => [
      { customerId: `${month}-${i}`, at: Date.UTC(2024, month, 3), amount: 10 },
      ...(i < 40 - 20 * month
        ? [{ customerId: `${month}-${i}`, at: Date.UTC(2024, month + 1, 5), amount: 4 }]
        : []),
    ]).flat(),
  );
  const rows = cohortRetention(log, { intervals: true });

  it('writes the interval and the mark into the tooltip, one ▼ glyph and a legend line', () => {
    const svg = cohortHeatmapSvg(rows, { intervals: true });
    expectWellFormed(svg);
    expect(svg).toContain(
      '<title>2024-02, period 1: 20.0% (interval 13.3%–28.9%; significantly lower than the previous cohort, p = 0.002)</title>',
    );
    expect(svg).toContain('<title>2024-01, period 1: 40.0% (interval 30.9%–49.8%)</title>');
    expect(svg.match(/▼<\/text>/g)).toHaveLength(1);
    expect(svg).not.toContain('▲</text>');
    expect(svg).toContain('▲ / ▼ significantly higher / lower than the previous cohort in that period');
  });

  it('without the option draws exactly what it drew before, intervals in the rows or not', () => {
    const plain = cohortRetention(log);
    expect(cohortHeatmapSvg(rows)).toBe(cohortHeatmapSvg(plain));
    expect(cohortHeatmapSvg(rows, { intervals: false })).toBe(cohortHeatmapSvg(plain));
    expect(cohortHeatmapSvg(rows)).not.toContain('interval');
  });

  it('refuses the option for rows without intervals (INVALID_ARGUMENT, naming the fix), for revenue rates and non-booleans', () => {
    const plain = cohortRetention(log);
    let message = '';
    try {
      cohortHeatmapSvg(plain, { intervals: true });
    } catch (error) {
      message = String(error);
    }
    expect(message).toContain('cohortRetention(transactions, { intervals: true })');
    expect(codeOf(() => cohortHeatmapSvg(plain, { intervals: true }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => cohortHeatmapSvg(rows, { intervals: true, measure: 'revenueRates' }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => cohortHeatmapSvg(rows, { intervals: 1 } as never))).toBe('INVALID_ARGUMENT');
    const short = [{ ...(rows[0] as (typeof rows)[number]), intervals: [null] }];
    expect(codeOf(() => cohortHeatmapSvg(short, { intervals: true }))).toBe('INVALID_ARGUMENT');
    const outside = [
      {
        ...(rows[1] as (typeof rows)[number]),
        intervals: [null, { lower: 0.1, upper: 1.2, pValue: null, direction: null }],
      },
    ];
    expect(codeOf(() => cohortHeatmapSvg(outside, { intervals: true }))).toBe('OUT_OF_RANGE');
    const sideways = [
      {
        ...(rows[1] as (typeof rows)[number]),
        intervals: [null, { lower: 0.1, upper: 0.3, pValue: 0.01, direction: 'up' }],
      },
    ];
    expect(codeOf(() => cohortHeatmapSvg(sideways as never, { intervals: true }))).toBe('INVALID_ARGUMENT');
  });

  it('a block of several cells shows no interval and no mark', () => {
    const many = cohortRetention(
      Array.from({ length: 2 * MAX_DRAWN + 2 }, (_, i) => ({
        customerId: i,
        at: Date.UTC(2024, 0, 1) + i * 86_400_000,
        amount: 1,
      })),
      { period: 'day', maxPeriods: 2, intervals: true },
    );
    const svg = cohortHeatmapSvg(many, { intervals: true });
    expectWellFormed(svg);
    expect(svg).toContain('mean of');
    expect(svg).not.toContain('(interval');
  });
});
