import { describe, expect, it } from 'vitest';
import { cohortRetention, periodRetention, rfmSummary, type Transaction } from '../../src/index';
import { cli, file } from '../helpers/cli';

// A log out of time order: every customer's middle purchase comes last, so the streamed commands need their
// second pass (a re-read of the file, or the spooled copy of stdin).
const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);
const transactions: Transaction[] = [];
for (let customer = 0; customer < 40; customer++) {
  const days = [customer % 9, 40 + customer * 3, 200 + customer * 5];
  for (const day of [days[0], days[2], days[1]] as number[])
    transactions.push({
      customerId: `c${customer}`,
      at: START + day * DAY + customer * 1000,
      amount: 1 + customer / 4,
    });
}
const csv = `customerId,at,amount\n${transactions
  .map(
    (row) =>
      `${row.customerId},${new Date(row.at as number).toISOString()},${(row.amount as number).toFixed(2)}`,
  )
  .join('\n')}\n`;

describe('streamed commands on a log out of time order', () => {
  const path = file('unordered.csv', csv);
  for (const source of ['file', 'stdin'] as const) {
    const run = (args: string[]) =>
      source === 'file'
        ? cli([args[0] as string, path, ...args.slice(1)])
        : cli([args[0] as string, '-', ...args.slice(1)], csv);

    it(`summary from a ${source} equals rfmSummary`, async () => {
      const result = await run(['summary', '--unit', 'week', '--format', 'json']);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.out)).toEqual(rfmSummary(transactions, { unit: 'week' }));
    });

    it(`cohorts from a ${source} equal cohortRetention`, async () => {
      const result = await run(['cohorts', '--period', 'month', '--format', 'json']);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.out)).toEqual(
        JSON.parse(JSON.stringify(cohortRetention(transactions, { period: 'month' }))),
      );
    });

    it(`retention from a ${source} equals periodRetention`, async () => {
      const result = await run([
        'retention',
        '--period',
        'month',
        '--active-within',
        '60',
        '--format',
        'json',
      ]);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.out)).toEqual(
        JSON.parse(JSON.stringify(periodRetention(transactions, { period: 'month', activeWithin: 60 }))),
      );
    });
  }
});
