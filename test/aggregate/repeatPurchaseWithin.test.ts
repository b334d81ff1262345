import { describe, expect, it } from 'vitest';
import { repeatPurchaseWithin } from '../../src/index';
import { codeOf } from '../helpers/errors';
import { hasSharedData, readShared, SKIP_MESSAGE } from '../helpers/sharedData';

const DAY = 86_400_000;

function columns(rows: readonly [number, number][]) {
  return {
    customerIndex: rows.map(([customer]) => customer),
    at: rows.map(([, day]) => day * DAY),
    amount: rows.map(() => 5),
  };
}

describe('repeatPurchaseWithin', () => {
  it('measures from the first to the second purchase day, same-day purchases being one', () => {
    // 0: back after 10 days; 1: twice on day 0, then after 40; 2: once; 3: arrives on day 95 (too late for 30)
    const result = repeatPurchaseWithin(
      columns([
        [0, 0],
        [0, 10],
        [1, 0],
        [1, 0],
        [1, 40],
        [2, 5],
        [3, 95],
        [0, 100],
      ]),
      { within: 30 },
    );
    expect(result).toEqual({
      within: 30,
      customers: 4,
      oneTimeBuyers: 2,
      oneTimeShare: 0.5,
      observed: 3,
      repeated: 1,
      share: 1 / 3,
    });
  });

  it('counts only customers observed at least `within` days; the observation end moves the window', () => {
    const data = columns([
      [0, 0],
      [0, 20],
      [1, 50],
      [1, 60],
    ]);
    expect(repeatPurchaseWithin(data, { within: 30 }).observed).toBe(1); // customer 1: 10 days observed
    const later = repeatPurchaseWithin(data, { within: 30, observationEnd: 80 * DAY });
    expect([later.observed, later.repeated, later.share]).toEqual([2, 2, 1]);
    const earlier = repeatPurchaseWithin(data, { within: 30, observationEnd: 10 * DAY });
    expect([earlier.customers, earlier.observed, earlier.share]).toEqual([1, 0, null]);
  });

  it('gives null shares for no transactions', () => {
    expect(repeatPurchaseWithin({ customerIndex: [], at: [], amount: [] }, { within: 7 })).toEqual({
      within: 7,
      customers: 0,
      oneTimeBuyers: 0,
      oneTimeShare: null,
      observed: 0,
      repeated: 0,
      share: null,
    });
  });

  it('refuses a window that is not a whole number of days from 1, and unknown options', () => {
    const data = columns([[0, 0]]);
    expect(codeOf(() => repeatPurchaseWithin(data, { within: 0 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => repeatPurchaseWithin(data, { within: 2.5 }))).toBe('NOT_AN_INTEGER');
    expect(codeOf(() => repeatPurchaseWithin(data, {} as never))).not.toBeUndefined();
    expect(codeOf(() => repeatPurchaseWithin(data, { within: 7, unit: 'week' } as never))).toBe(
      'INVALID_OPTION',
    );
    expect(
      codeOf(() => repeatPurchaseWithin({ customerIndex: [0], at: [0], amount: [-1] }, { within: 7 })),
    ).toBe('INVALID_COLUMNS');
  });
});

describe.skipIf(!hasSharedData)(
  `repeatPurchaseWithin on CDNOW_master (${hasSharedData ? 'published data' : SKIP_MESSAGE})`,
  () => {
    it('29.6% bought again within 94 days of their first purchase and 51.1% never did (issue 14)', () => {
      const ids = new Map<string, number>();
      const customerIndex: number[] = [];
      const at: number[] = [];
      const amount: number[] = [];
      for (const line of readShared('CDNOW_master.txt').split(/\r?\n/)) {
        const [id, date, , dollars] = line.trim().split(/\s+/);
        if (id === undefined || date === undefined || dollars === undefined || !/^\d{8}$/.test(date))
          continue;
        if (!ids.has(id)) ids.set(id, ids.size);
        customerIndex.push(ids.get(id) as number);
        at.push(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8))));
        amount.push(Number(dollars));
      }
      const result = repeatPurchaseWithin({ customerIndex, at, amount }, { within: 94 });
      expect(result.customers).toBe(23_570);
      expect(result.observed).toBe(23_570); // every CDNOW customer arrived in the first quarter of 1997
      expect(result.repeated).toBe(6_986);
      expect((100 * (result.share as number)).toFixed(1)).toBe('29.6');
      expect(result.oneTimeBuyers).toBe(12_054);
      expect((100 * (result.oneTimeShare as number)).toFixed(1)).toBe('51.1');
    });
  },
);
