import { describe, expect, it } from 'vitest';
import { emptyRfmColumns, setRfmEntry } from '../../../src/aggregate/rfm/rfmColumns';

const DAY = 86_400_000;
const WEEK = { unitMs: 7 * DAY, scale: 100, includeFirst: false };
const WEEK_WITH_FIRST = { ...WEEK, includeFirst: true };

describe('setRfmEntry, the one per-customer RFM formula', () => {
  it('x = periods − 1, t_x and T from the first period start, monetary value the mean repeat spend', () => {
    const columns = emptyRfmColumns(2);
    // three purchase weeks: first at day 0, last at day 14, observed to day 21; 50.00 spent after the first
    setRfmEntry(columns, 1, 7, 3, 0, 14 * DAY, 21 * DAY, 5000, 1000, WEEK);
    expect(columns.customerIndex[1]).toBe(7);
    expect(columns.frequency[1]).toBe(2);
    expect(columns.recency[1]).toBe(2);
    expect(columns.T[1]).toBe(3);
    expect(columns.monetaryValue[1]).toBe(25);
  });

  it('a one-time buyer has frequency, recency and monetary value 0', () => {
    const columns = emptyRfmColumns(1);
    setRfmEntry(columns, 0, 0, 1, 3 * DAY, 3 * DAY, 10 * DAY, 0, 700, WEEK);
    expect(Array.from(columns.frequency)).toEqual([0]);
    expect(Array.from(columns.recency)).toEqual([0]);
    expect(Array.from(columns.T)).toEqual([1]);
    expect(Array.from(columns.monetaryValue)).toEqual([0]);
  });

  it('with includeFirst, x = periods and the monetary value is the mean over every period; t_x and T unchanged', () => {
    const columns = emptyRfmColumns(2);
    // the same three weeks, 10.00 in the first: (10 + 50) / 3
    setRfmEntry(columns, 0, 7, 3, 0, 14 * DAY, 21 * DAY, 5000, 1000, WEEK_WITH_FIRST);
    setRfmEntry(columns, 1, 8, 1, 3 * DAY, 3 * DAY, 10 * DAY, 0, 700, WEEK_WITH_FIRST);
    expect(Array.from(columns.frequency)).toEqual([3, 1]);
    expect(Array.from(columns.recency)).toEqual([2, 0]);
    expect(Array.from(columns.T)).toEqual([3, 1]);
    expect(Array.from(columns.monetaryValue)).toEqual([20, 7]);
  });
});
