import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../../src/cli/output';
import { rfmSummary } from '../../../src/index';
import { cli, file } from '../../helpers/cli';

// `patronage summary` writes its rows as bytes (src/cli/output.ts ByteOutput) in id order (stringOrder):
// the text must be exactly what the library's rfmSummary rows give through csvCell and JSON.stringify.

interface Order {
  readonly customerId: string;
  readonly at: string;
  readonly amount: number;
}

function csvOf(orders: readonly Order[]): string {
  return `customerId,at,amount\n${orders.map((order) => `${csvCell(order.customerId)},${order.at},${order.amount}`).join('\n')}\n`;
}

function expectedCsv(orders: readonly Order[], unit: 'day' | 'week' = 'day'): string {
  const rows = rfmSummary(orders, { unit });
  return `customerId,frequency,recency,T,monetaryValue\n${rows
    .map((row) => `${csvCell(row.customerId)},${row.frequency},${row.recency},${row.T},${row.monetaryValue}`)
    .join('\n')}${rows.length > 0 ? '\n' : ''}`;
}

const idUnit = fc.constantFrom('a', 'b', 'z', '0', '7', ',', '"', ' ', 'é', 'Ω', '😀', 'ü', '-');
const id = fc.array(idUnit, { minLength: 1, maxLength: 6 }).map((units) => units.join('').trim() || 'x');
const order = fc.record({
  customerId: id,
  at: fc
    .integer({ min: 0, max: 700 })
    .map((day) => new Date(Date.UTC(2023, 0, 1) + day * 86_400_000).toISOString().slice(0, 10)),
  amount: fc.integer({ min: 0, max: 500_000 }).map((cents) => cents / 100),
});

describe('patronage summary output', () => {
  it('is the text of rfmSummary rows, CSV and JSON, for ids with delimiters, quotes and any characters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(order, { minLength: 1, maxLength: 80 }), async (orders) => {
        const path = file('odd-ids.csv', csvOf(orders));
        const csv = await cli(['summary', path]);
        expect(csv.code).toBe(0);
        expect(csv.out).toBe(expectedCsv(orders));
        const json = await cli(['summary', path, '--format', 'json']);
        expect(json.code).toBe(0);
        expect(json.out).toBe(`${JSON.stringify(rfmSummary(orders))}\n`);
      }),
      { numRuns: 40 },
    );
  });

  it('is the same text for 5,000 customers (the radix order, output in many chunks)', async () => {
    const orders: Order[] = [];
    for (let k = 0; k < 5000; k++) {
      const customerId = k % 3 === 0 ? `c${(k * 7919) % 5000}` : `Kunde ${k} "${k % 7}", Zürich`;
      orders.push({ customerId, at: '2024-01-0' + (1 + (k % 9)), amount: (k % 1000) / 7 });
      if (k % 2 === 0) orders.push({ customerId, at: '2024-03-15', amount: 12.5 });
    }
    const rounded = orders.map((entry) => ({ ...entry, amount: Math.round(entry.amount * 100) / 100 }));
    const path = file('many.csv', csvOf(rounded));
    const csv = await cli(['summary', path, '--unit', 'week']);
    expect(csv.code).toBe(0);
    expect(csv.out).toBe(expectedCsv(rounded, 'week'));
    expect(csv.out.length).toBeGreaterThan(1 << 16);
  });
});
