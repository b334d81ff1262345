import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, directory, file } from '../helpers/cli';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2024, 0, 1);

/** 120 customers: customer i arrives at hour 7·i and buys again every 1 + (i mod 11) days, 1 + (i mod 5) times. */
function orders(): { customer: string; at: number }[] {
  const rows: { customer: string; at: number }[] = [];
  for (let i = 0; i < 120; i++) {
    const first = START + 7 * i * HOUR;
    for (let k = 0; k <= 1 + (i % 5); k++)
      rows.push({ customer: `c${i}`, at: first + k * (1 + (i % 11)) * DAY });
  }
  return rows;
}

describe('patronage report: Day-N retention', () => {
  it('tabulates days 1, 7, 30 and 90 as counted directly from the orders, eligible customers only', async () => {
    const rows = orders();
    const csv = `customerId,at,amount\n${rows.map((row) => `${row.customer},${new Date(row.at).toISOString()},1.00`).join('\n')}\n`;
    const out = join(directory, 'report-day-n.html');
    const result = await cli(['report', file('day-n.csv', csv), '--out', out]);
    expect(result.code, result.err).toBe(0);
    const html = readFileSync(out, 'utf8');
    const section = html.slice(html.indexOf('<h2>Day-N retention</h2>'));
    const table = section.slice(0, section.indexOf('</table>'));
    // the definition, directly
    const end = Math.max(...rows.map((row) => row.at));
    const byCustomer = new Map<string, { at: number }[]>();
    for (const row of rows) byCustomer.set(row.customer, [...(byCustomer.get(row.customer) ?? []), row]);
    for (const day of [1, 7, 30, 90]) {
      let eligible = 0;
      let retained = 0;
      for (const list of byCustomer.values()) {
        const first = Math.min(...list.map((row) => row.at));
        if (first + (day + 1) * DAY > end) continue;
        eligible++;
        if (list.some((row) => row.at >= first + day * DAY && row.at < first + (day + 1) * DAY)) retained++;
      }
      const rate = eligible === 0 ? '' : `${((100 * retained) / eligible).toFixed(1)}%`;
      expect(table.replace(/<td[^>]*>/g, '<td>').replace(/\s+/g, '')).toContain(
        `<td>Day${day}</td><td>${eligible}</td><td>${retained}</td><td>${rate}</td>`,
      );
    }
  }, 60_000);
});
