import { describe, expect, it } from 'vitest';
import { nDayRetention, nDayRetentionColumns, type Transaction } from '../../src/index';
import { codeOf } from '../helpers/errors';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2024, 11, 1, 17, 59); // December 1st, 5:59 pm UTC

const buy = (customerId: string, at: number): Transaction => ({ customerId, at, amount: 1 });

describe('nDayRetention', () => {
  it('day N is the 24 hours from 24·N hours after the first purchase (Amplitude, "How time works in a retention analysis")', () => {
    // Amplitude's example: a first event on December 1st at 5:59 pm and a return on December 2nd at 5:00 pm.
    // Amplitude rounds times down to the hour, so it calls that day 1; from exact times it is hour 23, day 0.
    const log = [buy('a', T0), buy('a', Date.UTC(2024, 11, 2, 17, 0)), buy('z', T0 + 10 * DAY)];
    expect(nDayRetention(log, { days: [0, 1] })).toEqual([
      { day: 0, eligible: 1, retained: 1, rate: 1 },
      { day: 1, eligible: 1, retained: 0, rate: 0 },
    ]);
    // at 5:59 pm on December 2nd the 24 hours are over: day 1
    const later = [buy('a', T0), buy('a', T0 + DAY), buy('z', T0 + 10 * DAY)];
    expect(nDayRetention(later, { days: [1] })[0]).toEqual({ day: 1, eligible: 1, retained: 1, rate: 1 });
  });

  it('a customer whose day N has not ended is not eligible for it: not counted as lost', () => {
    const log = [
      buy('a', T0),
      buy('b', T0 + 3 * DAY),
      buy('c', T0 + 10 * DAY - 23 * HOUR),
      buy('z', T0 + 10 * DAY),
    ];
    // the log ends at T0 + 10 days, when c's day 1 has not begun and z has just arrived; b's day 7 is not over
    const [day1, day7] = nDayRetention(log, { days: [1, 7] });
    expect(day1).toEqual({ day: 1, eligible: 2, retained: 0, rate: 0 });
    expect(day7).toEqual({ day: 7, eligible: 1, retained: 0, rate: 0 });
  });

  it('a day ends exactly 24 hours after it starts: eligible once first + (N + 1) × 24 h is at or before the end', () => {
    const log = [buy('a', T0), buy('a', T0 + 2 * DAY)];
    expect(nDayRetention(log, { days: [1] })[0]?.eligible).toBe(1);
    expect(nDayRetention(log, { days: [1], observationEnd: T0 + 2 * DAY - 1 })[0]?.eligible).toBe(0);
  });

  it("'return-on-or-after' counts a purchase on day N or any later day", () => {
    const log = [
      buy('a', T0),
      buy('a', T0 + 9 * DAY),
      buy('b', T0),
      buy('b', T0 + DAY + HOUR),
      buy('z', T0 + 30 * DAY),
    ];
    expect(nDayRetention(log, { days: [1, 7], mode: 'return-on-or-after' })).toEqual([
      { day: 1, eligible: 2, retained: 2, rate: 1 },
      { day: 7, eligible: 2, retained: 1, rate: 0.5 },
    ]);
    expect(nDayRetention(log, { days: [1, 7] }).map((row) => row.retained)).toEqual([1, 0]);
  });

  it('does not depend on a time zone: a day is 86,400,000 ms across a daylight-saving change', () => {
    // Europe/Paris moves its clocks forward on 2024-03-31 at 01:00 UTC; exact days ignore it
    const first = Date.UTC(2024, 2, 30, 12);
    const log = [buy('a', first), buy('a', first + DAY + 30 * 60_000), buy('z', first + 5 * DAY)];
    expect(nDayRetention(log, { days: [1] })[0]?.retained).toBe(1);
  });

  it('leaves transactions after observationEnd out, and customers who arrive after it', () => {
    const log = [buy('a', T0), buy('a', T0 + DAY + HOUR), buy('b', T0 + 5 * DAY)];
    expect(nDayRetention(log, { days: [1], observationEnd: T0 + DAY + 30 * 60_000 })[0]).toEqual({
      day: 1,
      eligible: 0,
      retained: 0,
      rate: null,
    });
    expect(nDayRetention(log, { days: [0], observationEnd: T0 + 2 * DAY })[0]?.eligible).toBe(1);
  });

  it('uses days 1, 7 and 30 by default, and gives eligible 0 and rate null for no transactions', () => {
    expect(nDayRetention([])).toEqual(
      [1, 7, 30].map((day) => ({ day, eligible: 0, retained: 0, rate: null })),
    );
  });

  it('counts a transaction repeated under one eventId once', () => {
    const twice = { ...buy('a', T0 + DAY), eventId: 'e1' };
    const log = [buy('a', T0), twice, twice, buy('z', T0 + 3 * DAY)];
    expect(nDayRetention(log, { days: [1] })[0]?.retained).toBe(1);
  });

  it('refuses bad days, modes, options and rows with their codes', () => {
    const log = [buy('a', T0)];
    expect(codeOf(() => nDayRetention(log, { days: [] }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => nDayRetention(log, { days: [7, 1] }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => nDayRetention(log, { days: [1, 1] }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => nDayRetention(log, { days: [1.5] }))).toBe('NOT_AN_INTEGER');
    expect(codeOf(() => nDayRetention(log, { days: [-1] }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => nDayRetention(log, { days: [200_000_001] }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => nDayRetention(log, { days: Array.from({ length: 1001 }, (_, day) => day) }))).toBe(
      'OUT_OF_RANGE',
    );
    expect(codeOf(() => nDayRetention(log, { days: 7 as never }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => nDayRetention(log, { mode: 'recurring' as never }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => nDayRetention(log, { day: [1] } as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => nDayRetention(log, { observationEnd: 'yesterday' }))).toBe('INVALID_TIMESTAMP');
    expect(codeOf(() => nDayRetention([{ customerId: 'a', at: T0, amount: -1 }]))).toBe('INVALID_FIELD');
    expect(codeOf(() => nDayRetention([buy('7', T0), { customerId: 7, at: T0, amount: 1 }]))).toBe(
      'AMBIGUOUS_CUSTOMER_ID',
    );
  });

  it('does not change its input', () => {
    const log = [buy('a', T0), buy('a', T0 + DAY)];
    const options = { days: [1] };
    const before = JSON.stringify([log, options]);
    nDayRetention(log, options);
    expect(JSON.stringify([log, options])).toBe(before);
  });

  it('nDayRetentionColumns refuses bad columns naming the row, and a column that changes under it cannot mislead it', () => {
    expect(codeOf(() => nDayRetentionColumns({ customerIndex: [0], at: [Number.NaN], amount: [1] }))).toBe(
      'INVALID_TIMESTAMP',
    );
    expect(codeOf(() => nDayRetentionColumns({ customerIndex: [0, 1], at: [0], amount: [1] }))).toBe(
      'INVALID_COLUMNS',
    );
    expect(codeOf(() => nDayRetentionColumns({ customerIndex: [0], at: [0], amount: [1.234] }))).toBe(
      'MONEY_PRECISION',
    );
    expect(
      codeOf(() => nDayRetentionColumns({ customerIndex: [0], at: [0], amount: [1] }, { days: [] })),
    ).toBe('OUT_OF_RANGE');
    // a getter that gives a valid time once, then NaN: each element is read once
    let reads = 0;
    const at = [0, 0];
    Object.defineProperty(at, 1, { get: () => (reads++ === 0 ? 30 * HOUR : Number.NaN) });
    const rows = nDayRetentionColumns({ customerIndex: [0, 0], at, amount: [1, 1] }, { days: [0] });
    expect(rows).toEqual([{ day: 0, eligible: 1, retained: 1, rate: 1 }]);
    expect(reads).toBe(1);
  });

  it('counts days beyond the first 65,536 as well', () => {
    const log = [buy('a', T0), buy('a', T0 + 70_000 * DAY + HOUR), buy('z', T0 + 80_000 * DAY)];
    expect(nDayRetention(log, { days: [1, 70_000] }).map((row) => row.retained)).toEqual([0, 1]);
  });
});
