import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addPeriods,
  type CalendarPeriod,
  discreteSummary,
  fitBgBb,
  isPatronageError,
  periodLabel,
  periodsBetween,
  type Transaction,
} from '../../../src/index';
import { DAY, transactionLog, withShuffled } from '../transactionLogs';

const START = Date.UTC(2021, 10, 1);
const log = transactionLog({ start: START, days: 900, numbers: 9, names: ['x', 'y'], maxLength: 60 });
const period = fc.constantFrom<CalendarPeriod>('day', 'week', 'month', 'quarter', 'year');
const zone = fc.constantFrom(
  {},
  { timeZone: 'America/New_York' },
  { utcOffsetMinutes: 330 },
  { weekStartsOn: 0 },
);
const end = fc.option(fc.integer({ min: START, max: START + 900 * DAY }), { nil: undefined });

/** The definitions, directly, with the public calendar functions: trial, opportunities, x, t_x, n. */
function naiveSummary(
  transactions: readonly Transaction[],
  unit: CalendarPeriod,
  calendar: object,
  endAt: number | undefined,
): Map<string, { trial: string; frequency: number; recency: number; periods: number; bought: Set<string> }> {
  const last = endAt ?? Math.max(...transactions.map((row) => row.at as number));
  const inWindow = transactions.filter((row) => periodsBetween(last, row.at, unit, calendar) <= 0);
  const first = new Map<string, number>();
  for (const { customerId, at } of inWindow)
    first.set(
      String(customerId),
      Math.min(first.get(String(customerId)) ?? Number.POSITIVE_INFINITY, at as number),
    );
  const result = new Map<
    string,
    { trial: string; frequency: number; recency: number; periods: number; bought: Set<string> }
  >();
  for (const [id, trialAt] of first) {
    const ks = new Set<number>();
    const bought = new Set<string>();
    for (const row of inWindow) {
      if (String(row.customerId) !== id) continue;
      bought.add(periodLabel(row.at, unit, calendar));
      const k = periodsBetween(trialAt, row.at, unit, calendar);
      if (k > 0) ks.add(k);
    }
    result.set(id, {
      trial: periodLabel(trialAt, unit, calendar),
      frequency: ks.size,
      recency: ks.size === 0 ? 0 : Math.max(...ks),
      periods: periodsBetween(trialAt, last, unit, calendar),
      bought,
    });
  }
  return result;
}

describe('discreteSummary laws', () => {
  it('matches a direct implementation of the definitions with the public calendar functions (rows and incidence)', () => {
    fc.assert(
      fc.property(log, period, zone, end, (transactions, unit, calendar, endAt) => {
        const summary = discreteSummary(transactions, {
          period: unit,
          ...(endAt === undefined ? {} : { observationEnd: endAt }),
          incidence: true,
          ...calendar,
        });
        const naive =
          transactions.length === 0 ? new Map() : naiveSummary(transactions, unit, calendar, endAt);
        expect(summary.customers.map((row) => row.customerId).sort()).toEqual([...naive.keys()].sort());
        const incidence = summary.incidence;
        if (incidence === undefined) throw new Error('incidence asked for');
        const width = incidence.labels.length;
        for (const [row, customer] of summary.customers.entries()) {
          const expected = naive.get(customer.customerId);
          expect(customer).toEqual({
            customerId: customer.customerId,
            trial: expected?.trial,
            frequency: expected?.frequency,
            recency: expected?.recency,
            periods: expected?.periods,
          });
          const cells = incidence.labels.filter((_, column) => incidence.cells[row * width + column] === 1);
          expect(cells).toEqual([...(expected?.bought ?? [])].sort());
        }
        if (width > 0) {
          // consecutive labels from the first trial
          const trials = summary.customers.map((row) => row.trial).sort();
          expect(incidence.labels[0]).toBe(trials[0]);
          const firstAt = Math.min(...transactions.map((row) => row.at as number));
          for (const [k, text] of incidence.labels.entries())
            expect(periodLabel(addPeriods(firstAt, unit, k, calendar), unit, calendar)).toBe(text);
        }
      }),
    );
  });

  it('0 ≤ x ≤ t_x ≤ n, x = 0 exactly when t_x = 0, and the weights sum to the customers', () => {
    fc.assert(
      fc.property(log, period, end, (transactions, unit, endAt) => {
        const { customers, rows } = discreteSummary(transactions, {
          period: unit,
          ...(endAt === undefined ? {} : { observationEnd: endAt }),
        });
        for (const { frequency: x, recency: tx, periods: n } of [...customers, ...rows]) {
          expect(0 <= x && x <= tx && tx <= n).toBe(true);
          expect(x === 0).toBe(tx === 0);
        }
        expect(rows.reduce((sum, row) => sum + row.weight, 0)).toBe(customers.length);
        for (const row of rows) expect(row.weight).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  it('the order of the transactions does not change the summary', () => {
    fc.assert(
      fc.property(withShuffled(log), period, ([transactions, shuffled], unit) => {
        const options = { period: unit, incidence: true } as const;
        expect(discreteSummary(shuffled, options)).toEqual(discreteSummary(transactions, options));
      }),
    );
  });

  it('fitting BG/BB on the weighted rows gives the bits of fitting on the per-customer rows', () => {
    fc.assert(
      fc.property(
        transactionLog({ start: START, days: 900, numbers: 9, names: ['x', 'y'], maxLength: 40 }).filter(
          (rows) => rows.length > 0,
        ),
        fc.constantFrom<CalendarPeriod>('month', 'quarter'),
        (transactions, unit) => {
          const { customers, rows } = discreteSummary(transactions, { period: unit });
          const outcome = (input: readonly object[]): unknown => {
            try {
              return fitBgBb(input as never);
            } catch (error) {
              if (isPatronageError(error)) return error.code;
              throw error;
            }
          };
          expect(outcome(rows)).toEqual(outcome(customers));
        },
      ),
      { numRuns: 40 },
    );
  });
});
