import fc from 'fast-check';

/** Random valid summary rows (recency within T, no spend without a repeat purchase). */
export const summaryRow = fc
  .record({
    frequency: fc.integer({ min: 0, max: 30 }),
    T: fc.integer({ min: 1, max: 100 }),
    share: fc.integer({ min: 0, max: 10 }),
    monetaryValue: fc.integer({ min: 0, max: 500 }),
  })
  .map(({ frequency, T, share, monetaryValue }) => ({
    frequency,
    recency: frequency === 0 ? 0 : (T * share) / 10,
    T,
    monetaryValue: frequency === 0 ? 0 : monetaryValue,
  }));
