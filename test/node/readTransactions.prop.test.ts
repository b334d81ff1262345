import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ReadTransactionsOptions, readTransactions } from '../../src/node/index';

// The reader's fast path (plain lines: codes for ids, a time field jumped over when it is as long as the one
// before, the last date remembered) must give what the per-field parsers give. A quote anywhere in a line
// sends it to those parsers, so the same log with its customer ids quoted is the reference: the same
// fields, read the slow way.

const id = fc.oneof(
  fc.nat({ max: 40 }).map((n) => `c${n}`),
  fc.nat({ max: 40 }).map((n) => `c0${n}`),
  fc.nat({ max: 40 }).map(String),
  fc.nat({ max: 99 }).map((n) => String(n).padStart(5, '0')),
  fc.constantFrom('ann', 'bo', 'c', '', ' c7', 'c7 ', 'c8388608', 'ü1', 'x-1'),
);
const day = fc.constantFrom(
  '2024-01-31',
  '2024-02-29',
  '2023-02-29',
  '2024-12-01',
  '1999-13-01',
  '2024-1-05',
);
const clock = fc.constantFrom('T10:20:30', ' 10:20:30', 'T23:59:59', 'T24:00:00', 'T10:20', 'T10:20:30.5');
const zone = fc.constantFrom('Z', '', 'z', '+01:00', '-05:30', 'Q', '+1:00');
const time = fc.oneof(
  fc.tuple(day, clock, zone).map(([d, c, z]) => `${d}${c}${z}`),
  day,
  fc.constantFrom(
    '1706745600000',
    '-170674560000',
    '-1',
    '',
    ' 2024-01-31T10:20:30Z',
    '2024-01-31T10:20:30Z ',
    'x',
  ),
);
const amount = fc.constantFrom('12.50', '0', '7', '19.999', '1,5', '', '-3', ' 4.20', '1e3', '.5', '5.');
const ending = fc.constantFrom('\n', '\r\n');

const row = fc.tuple(id, time, amount, ending);
const rows = fc.array(row, { maxLength: 40 });

function csvOf(list: readonly (readonly [string, string, string, string])[], quoted: boolean): string {
  return `customerId,at,amount\n${list
    .map(([customer, at, money, end]) => `${quoted ? `"${customer}"` : customer},${at},${money}${end}`)
    .join('')}`;
}

async function read(text: string, options: ReadTransactionsOptions, chunk: number) {
  const bytes = new TextEncoder().encode(text);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += chunk) chunks.push(bytes.subarray(at, at + chunk));
  const table = await readTransactions(chunks, options);
  return {
    customerIds: table.customerIds,
    rows: Array.from(table.columns.customerIndex, (customer, k) => [
      customer,
      table.columns.at[k],
      table.columns.amount[k],
    ]),
    records: table.records,
    // the quotes move columns by one: lines and codes must agree
    rejected: table.rejected.map((record) => [record.line, record.code, record.field]),
  };
}

describe('readTransactions fast path', () => {
  it('reads plain lines as the per-field parsers read the same fields', async () => {
    await fc.assert(
      fc.asyncProperty(rows, fc.integer({ min: 1, max: 64 }), fc.boolean(), async (list, chunk, last) => {
        const options: ReadTransactionsOptions = { epoch: 'ms' };
        let plain = csvOf(list, false);
        let quoted = csvOf(list, true);
        if (last) {
          // the last line without a line break
          plain = plain.replace(/\r?\n$/, '');
          quoted = quoted.replace(/\r?\n$/, '');
        }
        expect(await read(plain, options, chunk)).toEqual(await read(quoted, options, 1 << 20));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a time field jumped over exactly, whatever the delimiter', async () => {
    await fc.assert(
      fc.asyncProperty(
        rows,
        fc.constantFrom(';', '\t', '|', '-', ' ', 'T', ':', 'Z', '5'),
        async (list, delimiter) => {
          // a quoted id may hold the delimiter, a plain one not: only the time and amount fields meet it
          fc.pre(list.every(([customer]) => !customer.includes(delimiter)));
          const options: ReadTransactionsOptions = { delimiter, epoch: 'ms' };
          const text = (quoted: boolean) =>
            csvOf(list, quoted)
              .split('\n')
              .map((line) => line.replaceAll(',', delimiter))
              .join('\n');
          expect(await read(text(false), options, 1 << 20)).toEqual(await read(text(true), options, 1 << 20));
        },
      ),
      { numRuns: 200 },
    );
  });
});
