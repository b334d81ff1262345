import { describe, expect, it } from 'vitest';
import { periodRetention } from '../../../src/index';
import { cli, file } from '../../helpers/cli';

// `patronage retention` prints money as exact decimals: sums in integer minor units, converted once.
// February: the returning customer pays 113267.07, the new one 3.71 (113270.78 − 3.71 in floating point
// is 113267.06999999999).

const ORDERS = [
  'customerId,at,amount',
  'a,2024-01-10,1',
  'a,2024-02-05,100000',
  'a,2024-02-06,13267.07',
  'b,2024-02-20,3.71',
  '',
].join('\n');

describe('patronage retention', () => {
  it('prints revenue, new and returning revenue as their decimals', async () => {
    const result = await cli(['retention', file('money.csv', ORDERS), '--active-within', '60']);
    expect(result.code).toBe(0);
    const [header, , february] = result.out.trim().split('\n');
    const columns = (header ?? '').split(',');
    const values = (february ?? '').split(',');
    const money = Object.fromEntries(
      ['period', 'revenue', 'newRevenue', 'returningRevenue'].map((name) => [
        name,
        values[columns.indexOf(name)],
      ]),
    );
    expect(money).toEqual({
      period: '2024-02',
      revenue: '113270.78',
      newRevenue: '3.71',
      returningRevenue: '113267.07',
    });
  });

  it('prints the same decimals as JSON numbers', async () => {
    const result = await cli([
      'retention',
      file('money2.csv', ORDERS),
      '--active-within',
      '60',
      '--format',
      'json',
    ]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('113267.07');
    expect(result.out).not.toContain('113267.06999999999');
  });
});

// Regression: the streamed series' per-customer state grew in sizes that are not multiples of its stride,
// so from the 171st customer on a new customer's state was read as an old one's (acquired customers counted
// as reactivated, and more). 2,000 customers buying through a year must give periodRetention's rows.
describe('patronage retention on many customers', { timeout: 30_000 }, () => {
  it('equals periodRetention for 2,000 customers', async () => {
    const transactions: { customerId: string; at: number; amount: number }[] = [];
    for (let day = 0; day < 360; day += 3)
      for (let k = 0; k < 60; k++) {
        const customer = (day * 37 + k * 101) % 2000;
        transactions.push({
          customerId: `c${customer}`,
          at: Date.UTC(2024, 0, 1) + day * 86_400_000,
          amount: 1 + (k % 7),
        });
      }
    const csv = `customerId,at,amount\n${transactions
      .map((row) => `${row.customerId},${new Date(row.at).toISOString()},${row.amount}`)
      .join('\n')}\n`;
    const result = await cli(['retention', file('many.csv', csv), '--format', 'json', '--threads', '1']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual(
      JSON.parse(JSON.stringify(periodRetention(transactions, { period: 'month', activeWithin: 90 }))),
    );
  });
});
