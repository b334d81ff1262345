import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CalendarPeriod, type PeriodRetentionRow, periodRetentionColumns } from '../../../src/index';

const DAY = 86_400_000;
const START = Date.UTC(2020, 0, 1);

/**
 * Customers who buy in short bursts somewhere in a long series (up to three years): most periods of the
 * series lie before a customer's first purchase or long after their last, the periods the tally skips.
 */
const burst = fc.record({
  customer: fc.integer({ min: 0, max: 12 }),
  firstDay: fc.integer({ min: 0, max: 1_100 }),
  gaps: fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 6 }),
  cents: fc.integer({ min: 0, max: 50_000 }),
});
const bursts = fc.array(burst, { minLength: 1, maxLength: 25 });
const period = fc.constantFrom<CalendarPeriod>('day', 'week', 'month', 'quarter', 'year');
const window = fc.integer({ min: 1, max: 400 });

/** The UTC day after the period that starts on `start` (a UTC day number). */
function nextStart(start: number, unit: CalendarPeriod): number {
  if (unit === 'day') return start + 1;
  if (unit === 'week') return start + 7;
  const date = new Date(start * DAY);
  const months = unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12;
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1) / DAY;
}

/**
 * Every field of every row, from the definitions, customer by customer and period by period (UTC days).
 * Each period ends the day before the next one starts, the last one included (its end is after the
 * last purchase).
 */
function direct(
  days: ReadonlyMap<number, ReadonlyMap<number, number>>,
  rows: readonly PeriodRetentionRow[],
  unit: CalendarPeriod,
  activeWithin: number,
) {
  return rows.map((row) => {
    const start = Math.floor(row.start / DAY);
    const end = nextStart(start, unit) - 1;
    const counts = {
      atStart: 0,
      atEnd: 0,
      acquired: 0,
      reactivated: 0,
      retained: 0,
      revenue: 0,
      newRevenue: 0,
    };
    for (const purchases of days.values()) {
      const list = [...purchases.keys()];
      const s = list.some((day) => day >= start - activeWithin && day <= start - 1);
      const e = list.some((day) => day > end - activeWithin && day <= end);
      const first = Math.min(...list);
      const acquiredHere = first >= start && first <= end;
      let revenue = 0;
      for (const [day, cents] of purchases) if (day >= start && day <= end) revenue += cents;
      counts.atStart += s ? 1 : 0;
      counts.atEnd += e ? 1 : 0;
      counts.retained += s && e ? 1 : 0;
      counts.acquired += e && !s && acquiredHere ? 1 : 0;
      counts.reactivated += e && !s && !acquiredHere ? 1 : 0;
      counts.revenue += revenue;
      counts.newRevenue += acquiredHere ? revenue : 0;
    }
    return counts;
  });
}

describe('period tally over customers active in a small part of a long series', () => {
  it('gives every count and amount of the definitions in every period, the last one included', () => {
    fc.assert(
      fc.property(bursts, period, window, (list, unit, activeWithin) => {
        const customerIndex: number[] = [];
        const at: number[] = [];
        const amount: number[] = [];
        const days = new Map<number, Map<number, number>>();
        for (const { customer, firstDay, gaps, cents } of list) {
          let day = firstDay;
          for (const gap of gaps) {
            day += gap;
            customerIndex.push(customer);
            at.push(START + day * DAY + 3_600_000);
            amount.push(cents / 100);
            const purchases = days.get(customer) ?? new Map<number, number>();
            const key = Math.floor(START / DAY) + day;
            purchases.set(key, (purchases.get(key) ?? 0) + cents);
            days.set(customer, purchases);
          }
        }
        const rows = periodRetentionColumns({ customerIndex, at, amount }, { period: unit, activeWithin });
        const expected = direct(days, rows, unit, activeWithin);
        const actual = rows.map((row) => ({
          atStart: row.customersAtStart,
          atEnd: row.customersAtEnd,
          acquired: row.acquired,
          reactivated: row.reactivated,
          retained: row.retained,
          revenue: Math.round(row.revenue * 100),
          newRevenue: Math.round(row.newRevenue * 100),
        }));
        expect(actual).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
