// Writes a time-ordered transaction log of about <bytes> bytes to stdout, for the 2 GB stream figure of
// issue 14 (`patronage summary -` must finish with peak RSS under 1 GB):
//   node scripts/bench/stream.mjs 2e9 | node dist/cli.js summary - --out /dev/null
// A user's export: header customerId,at,amount, ids c<number>, ISO UTC times to the second, two-decimal
// amounts, ~35 bytes a row. Over three years (1,096 days) the customer base grows linearly to
// STREAM_CUSTOMERS customers (default 3,000,000): each row's customer is drawn from those acquired so far,
// so early customers buy more often. 2e9 bytes give about 57M rows; the last line of stderr says how many
// rows and customers were written.
import { once } from 'node:events';

const target = Number(process.argv[2] ?? 2e9);
const customers = Number(process.env.STREAM_CUSTOMERS ?? 3_000_000);
if (!(target > 0) || !(customers >= 1)) throw new Error('usage: stream.mjs <bytes> (STREAM_CUSTOMERS=n)');
const DAYS = 1096;
const ORIGIN = Date.UTC(2022, 0, 1);
const rowsPerDay = Math.max(1, Math.round(target / 35 / DAYS));

const out = process.stdout;
let seed = 20_241_201;
const random = () => {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const pad = (value) => (value < 10 ? `0${value}` : String(value));

// the pieces of a row that repeat, written once
const times = Array.from({ length: rowsPerDay }, (_, k) => {
  const second = Math.floor((k * 86_400) / rowsPerDay);
  return `T${pad(Math.floor(second / 3600))}:${pad(Math.floor(second / 60) % 60)}:${pad(second % 60)}Z,`;
});
const amounts = Array.from(
  { length: 12_000 },
  (_, k) => `${Math.floor((500 + k) / 100)}.${pad((500 + k) % 100)}\n`,
);
out.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0); // the reader stopped early (head, a bad row)
  throw error;
});

let written = 0;
let rows = 0;
let maxCustomer = 0;
let chunk = 'customerId,at,amount\n';
outer: for (let day = 0; ; day++) {
  const date = new Date(ORIGIN + day * 86_400_000).toISOString().slice(0, 10);
  // customers acquired so far: the base grows over the first three years, then stays
  const base = Math.max(1, Math.floor((customers * Math.min(day + 1, DAYS)) / DAYS));
  for (let k = 0; k < rowsPerDay; k++) {
    const customer = Math.floor(random() * base);
    if (customer > maxCustomer) maxCustomer = customer;
    chunk += `c${customer},${date}${times[k]}${amounts[Math.floor(random() * 12_000)]}`;
    rows++;
    if (chunk.length >= 1 << 20) {
      written += chunk.length;
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
      if (written >= target) break outer;
    }
  }
}
if (chunk.length > 0) {
  written += chunk.length;
  out.write(chunk);
}
process.stderr.write(`stream.mjs: ${written} bytes, ${rows} rows, ${maxCustomer + 1} customers\n`);
