import { describe, expect, it } from 'vitest';
import {
  createPeriodAccumulator,
  type PeriodRetentionRow,
  periodRetention,
  periodRetentionColumns,
  type Transaction,
} from '../../../src/index';

// Money in the retention series is summed in integer minor units and converted to major units once, at the
// end. The log below is one where converting first and subtracting after is not exact: in February the
// returning customer pays 113267.07 and the new one 3.71, so revenue is 113270.78 and returning revenue
// 113267.07, while 113270.78 − 3.71 in floating point is 113267.06999999999.

const LOG: readonly Transaction[] = [
  { customerId: 'a', at: '2024-01-10', amount: 1 },
  { customerId: 'a', at: '2024-02-05', amount: 100_000 },
  { customerId: 'a', at: '2024-02-06', amount: 13_267.07 },
  { customerId: 'b', at: '2024-02-20', amount: 3.71 },
];

function february(
  rows: readonly PeriodRetentionRow[],
): Pick<PeriodRetentionRow, 'revenue' | 'newRevenue' | 'returningRevenue'> {
  const row = rows.find((candidate) => candidate.period === '2024-02');
  if (row === undefined) throw new Error('no February row');
  return { revenue: row.revenue, newRevenue: row.newRevenue, returningRevenue: row.returningRevenue };
}

const EXACT = { revenue: 113_270.78, newRevenue: 3.71, returningRevenue: 113_267.07 };

describe('money in the retention series', () => {
  it('periodRetention gives revenue, new and returning revenue exactly as the decimals', () => {
    expect(february(periodRetention(LOG, { activeWithin: 60 }))).toEqual(EXACT);
  });

  it('periodRetentionColumns gives the same exact amounts', () => {
    const columns = {
      customerIndex: [0, 0, 0, 1],
      at: LOG.map((row) => Date.parse(row.at as string)),
      amount: LOG.map((row) => row.amount),
    };
    expect(february(periodRetentionColumns(columns, { activeWithin: 60 }))).toEqual(EXACT);
  });

  it('the period accumulator gives the same exact amounts', () => {
    const accumulator = createPeriodAccumulator({ activeWithin: 60 });
    for (const row of LOG) accumulator.add(row);
    expect(february(accumulator.result())).toEqual(EXACT);
  });

  it('returning revenue prints as its decimal (no 113267.06999999999)', () => {
    const row = february(periodRetention(LOG, { activeWithin: 60 }));
    expect(String(row.returningRevenue)).toBe('113267.07');
    expect(String(row.revenue)).toBe('113270.78');
  });
});
