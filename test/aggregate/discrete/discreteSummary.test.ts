import { describe, expect, it } from 'vitest';
import { discreteSummary, fitBgBb, PatronageError, type Transaction } from '../../../src/index';
import { donationsRows, expectParams } from '../../clv/literatureHelpers';
import { codeOf } from '../../helpers/errors';
import { hasSharedData, SKIP_MESSAGE } from '../../helpers/sharedData';

const describeShared = describe.skipIf(!hasSharedData);
const label = hasSharedData ? 'shared data present' : SKIP_MESSAGE;

/**
 * A transaction log behind a row of the donations table: a trial gift in 1995, then gifts in the first
 * x − 1 years of 1996 … 1995 + t_x − 1 and one in 1995 + t_x (x years with a gift, the last t_x), several in
 * one year for some donors (a year with a gift counts once).
 */
function donorLog(id: number, x: number, tx: number): Transaction[] {
  const log: Transaction[] = [{ customerId: id, at: `1995-0${1 + (id % 9)}-15`, amount: 25 }];
  const years = [...Array.from({ length: x - 1 }, (_, k) => 1996 + k), ...(x > 0 ? [1995 + tx] : [])];
  for (const year of years) {
    log.push({ customerId: id, at: `${year}-03-01`, amount: 10 });
    if (id % 3 === 0) log.push({ customerId: id, at: `${year}-11-30T23:00:00Z`, amount: 5 });
  }
  return log;
}

describeShared(`donations, Fader, Hardie & Shang (2010) (${label})`, () => {
  it('a log of the 11,104 donors of the 1995 cohort gives back the (x, t_x, n = 6) table of FHS (2010), and its BG/BB fit (alpha 1.204, beta 0.750, gamma 0.657, delta 2.783)', () => {
    const table = donationsRows();
    const log: Transaction[] = [];
    let id = 0;
    for (const row of table)
      for (let k = 0; k < row.weight; k++) log.push(...donorLog(id++, row.frequency, row.recency));
    const summary = discreteSummary(log, { period: 'year', observationEnd: '2001-12-31' });
    expect(summary.customers).toHaveLength(11_104);
    expect(summary.rows).toEqual(
      [...table].sort((a, b) => a.frequency - b.frequency || a.recency - b.recency),
    );
    expectParams(fitBgBb(summary.rows), { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }, 3);
  });
});

describe('discreteSummary', () => {
  const log: Transaction[] = [
    { customerId: 'a', at: '2024-01-31T23:30:00Z', amount: 5 }, // trial: 2024-01 in UTC, 2024-02 in Tokyo
    { customerId: 'a', at: '2024-02-10', amount: 5 },
    { customerId: 'a', at: '2024-04-02', amount: 5 },
    { customerId: 'b', at: '2024-03-03', amount: 5 },
    { customerId: 'c', at: '2024-04-20', amount: 5 }, // trial in the end period: n = 0
  ];

  it('counts the periods after the trial up to the end period, which counts in full, with its purchases after the end time (hand-checked)', () => {
    const { customers } = discreteSummary(log, { period: 'month', observationEnd: '2024-04-05' });
    expect(customers).toEqual([
      { customerId: 'a', trial: '2024-01', frequency: 2, recency: 3, periods: 3 },
      { customerId: 'b', trial: '2024-03', frequency: 0, recency: 0, periods: 1 },
      { customerId: 'c', trial: '2024-04', frequency: 0, recency: 0, periods: 0 },
    ]);
  });

  it('leaves out the periods after the end of observation (c bought only in April, after the March end)', () => {
    const { customers } = discreteSummary(log, { period: 'month', observationEnd: '2024-03-31' });
    expect(customers).toEqual([
      { customerId: 'a', trial: '2024-01', frequency: 1, recency: 1, periods: 2 },
      { customerId: 'b', trial: '2024-03', frequency: 0, recency: 0, periods: 0 },
    ]);
  });

  it('ends at the last transaction by default, and a trial in that period has n = 0', () => {
    const { customers } = discreteSummary(log, { period: 'month' });
    expect(customers.find((row) => row.customerId === 'c')).toEqual({
      customerId: 'c',
      trial: '2024-04',
      frequency: 0,
      recency: 0,
      periods: 0,
    });
  });

  it('reads periods in the time zone given (a’s trial is in February in Tokyo, with its February purchase)', () => {
    const { customers } = discreteSummary(log, { period: 'month', timeZone: 'Asia/Tokyo' });
    expect(customers[0]).toEqual({ customerId: 'a', trial: '2024-02', frequency: 1, recency: 2, periods: 2 });
  });

  it('weighs the distinct rows by their customers, in ascending (n, x, t_x)', () => {
    const twice = [...log, ...log.map((row) => ({ ...row, customerId: `${row.customerId}2` }))];
    expect(discreteSummary(twice, { period: 'month' }).rows).toEqual([
      { frequency: 0, recency: 0, periods: 0, weight: 2 },
      { frequency: 0, recency: 0, periods: 1, weight: 2 },
      { frequency: 2, recency: 3, periods: 3, weight: 2 },
    ]);
  });

  it('counts ISO weeks from the week start given', () => {
    const weeks: Transaction[] = [
      { customerId: 1, at: '2024-01-06', amount: 1 }, // Saturday
      { customerId: 1, at: '2024-01-07', amount: 1 }, // Sunday: the next week when weeks start on Sunday
      { customerId: 1, at: '2024-01-20', amount: 1 },
    ];
    expect(discreteSummary(weeks, { period: 'week' }).customers[0]).toMatchObject({
      frequency: 1,
      recency: 2,
      periods: 2,
    });
    expect(discreteSummary(weeks, { period: 'week', weekStartsOn: 0 }).customers[0]).toMatchObject({
      trial: '2023-12-31',
      frequency: 2,
      recency: 2,
      periods: 2,
    });
  });

  it('returns the incidence matrix on request, one row per customer from the first trial period', () => {
    const { customers, incidence } = discreteSummary(log, { period: 'month', incidence: true });
    expect(customers.map((row) => row.customerId)).toEqual(['a', 'b', 'c']);
    expect(incidence?.labels).toEqual(['2024-01', '2024-02', '2024-03', '2024-04']);
    expect(incidence?.customers).toBe(3);
    expect(Array.from(incidence?.cells ?? [])).toEqual([1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1]);
    expect(discreteSummary(log, { period: 'month' }).incidence).toBeUndefined();
  });

  it('gives empty lists and an empty matrix for no transactions', () => {
    expect(discreteSummary([], { period: 'year', incidence: true })).toEqual({
      customers: [],
      rows: [],
      incidence: { labels: [], customers: 0, cells: new Uint8Array(0) },
    });
  });

  it('refuses an incidence matrix beyond 4,000,000 cells before building it (OUT_OF_RANGE)', () => {
    // 2,001 customers over 2,000 days: 4,002,000 cells
    const wide: Transaction[] = Array.from({ length: 2001 }, (_, c) => ({
      customerId: c,
      at: Date.UTC(2020, 0, 1),
      amount: 1,
    }));
    wide.push({ customerId: 0, at: Date.UTC(2020, 0, 1) + 1999 * 86_400_000, amount: 1 });
    expect(discreteSummary(wide, { period: 'day' }).customers).toHaveLength(2001);
    try {
      discreteSummary(wide, { period: 'day', incidence: true });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PatronageError);
      expect((error as PatronageError).code).toBe('OUT_OF_RANGE');
      expect((error as PatronageError).details).toMatchObject({
        customers: 2001,
        periods: 2000,
        cells: 4_002_000,
        limit: 4_000_000,
      });
    }
    expect(
      discreteSummary(
        wide.filter((row) => row.customerId !== 2000),
        { period: 'day', incidence: true },
      ).incidence?.cells,
    ).toHaveLength(4_000_000);
  });

  it('requires a period (INVALID_PERIOD) and refuses unknown options (INVALID_OPTION) and a non-boolean incidence', () => {
    expect(codeOf(() => discreteSummary(log, {} as never))).toBe('INVALID_PERIOD');
    expect(codeOf(() => discreteSummary(log, { period: 'fortnight' as never }))).toBe('INVALID_PERIOD');
    expect(codeOf(() => discreteSummary(log, { period: 'year', unit: 'day' } as never))).toBe(
      'INVALID_OPTION',
    );
    expect(codeOf(() => discreteSummary(log, { period: 'year', incidence: 1 as never }))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('throws for the first invalid row as rfmSummary does, naming its index', () => {
    const bad = [
      ...log,
      { customerId: 'd', at: 'yesterday', amount: 1 },
      { customerId: 'e', at: '2024-01-01', amount: -1 },
    ];
    try {
      discreteSummary(bad, { period: 'month' });
      expect.unreachable();
    } catch (error) {
      expect((error as PatronageError).code).toBe('INVALID_TIMESTAMP');
      expect((error as PatronageError).details).toMatchObject({ index: 5 });
    }
  });
});
