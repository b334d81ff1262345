// Reads a CSV of transactions and prints the RFM summary and a cohort table.
//   node examples/csv-tables.mjs [file.csv]
// Without a file it writes a small sample CSV first (customer,date,amount) and reads that.
// Every bad line is reported with its line number; none is dropped silently.
import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { cohortRetention, parseTransactions, rfmSummary } from 'patronage';

let file = process.argv[2];
if (file === undefined) {
  file = join(mkdtempSync(join(tmpdir(), 'patronage-')), 'orders.csv');
  const lines = ['customer,date,amount'];
  const customers = [
    'ana',
    'binh',
    'chi',
    'dan',
    'emi',
    'florin',
    'giang',
    'hoa',
    'ioana',
    'khanh',
    'linh',
    'mihai',
  ];
  customers.forEach((customer, index) => {
    // customer i joins on day 11 i, buys every 9 + 4 i days, and stops after 2 + (i mod 5) purchases
    for (
      let purchase = 0, day = index * 11;
      purchase < 2 + (index % 5) && day < 180;
      purchase++, day += 9 + 4 * index
    ) {
      const date = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
      lines.push(`${customer},${date},${(12 + ((day * 13 + index * 7) % 80)).toFixed(2)}`);
    }
  });
  lines.push('gabriela,2024-02-30,12.00'); // not a date: reported, not dropped
  writeFileSync(file, `${lines.join('\n')}\n`);
  console.log(`no file given: wrote a sample to ${file}\n`);
}

// Stream the file line by line (never the whole file as one string), then validate every row: each bad
// row comes back with its index and a code, nothing is dropped silently.
const rows = [];
const lineOf = []; // the file line of each row, for the messages
let lineNumber = 0;
for await (const line of createInterface({
  input: createReadStream(file),
  crlfDelay: Number.POSITIVE_INFINITY,
})) {
  lineNumber++;
  if (lineNumber === 1 || line.trim() === '') continue; // the header, blank lines
  const [customerId, date, amount] = line.split(',');
  rows.push({ customerId, at: date, amount: Number(amount) });
  lineOf.push(lineNumber);
}
const { transactions, rejected } = parseTransactions(rows);
for (const row of rejected)
  console.log(
    `rejected line ${row.index + 2} (${row.code}): ${row.message.replace(/^parseTransactions: row \d+: /, '')}`,
  );

console.log(`\nRFM summary of ${transactions.length} transactions (unit: week)`);
console.log('customer   frequency  recency      T  monetary');
for (const row of rfmSummary(transactions, { unit: 'week' })) {
  console.log(
    `${String(row.customerId).padEnd(10)} ${String(row.frequency).padStart(9)} ${row.recency.toFixed(2).padStart(8)} ${row.T.toFixed(2).padStart(6)} ${row.monetaryValue.toFixed(2).padStart(9)}`,
  );
}

console.log('\nMonthly cohorts: share of each cohort buying k months after acquisition');
for (const row of cohortRetention(transactions, { period: 'month' })) {
  const cells = row.rates
    .map((rate) => (rate === null ? '   ' : `${Math.round(rate * 100)}%`.padStart(4)))
    .join(' ');
  console.log(`${row.cohort}  n=${String(row.size).padStart(2)}  ${cells}`);
}
