// Deterministic synthetic transaction logs for the benchmark: customers with heterogeneous purchase rates
// and dropout (each purchase may be the last), acquired through the first year of a two-year window.
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DAY = 86_400_000;
export const ORIGIN = Date.UTC(2022, 0, 1);
const HORIZON_DAYS = 730;

function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Generates the log of `customers` customers: typed columns, amounts in whole cents. */
export function generate(customers, seed = 20_240_101) {
  const random = mulberry32(seed);
  let capacity = customers * 12;
  let customer = new Uint32Array(capacity);
  let at = new Float64Array(capacity);
  let cents = new Float64Array(capacity);
  let rows = 0;
  const push = (c, time, value) => {
    if (rows === capacity) {
      capacity *= 2;
      const grow = (array, Type) => {
        const next = new Type(capacity);
        next.set(array);
        return next;
      };
      customer = grow(customer, Uint32Array);
      at = grow(at, Float64Array);
      cents = grow(cents, Float64Array);
    }
    customer[rows] = c;
    at[rows] = time;
    cents[rows] = value;
    rows++;
  };
  for (let c = 0; c < customers; c++) {
    let day = random() * 365;
    const meanGapDays = 4 + random() * 50; // heterogeneous purchase rates
    const dropout = 0.025 + random() * 0.14; // heterogeneous dropout after each purchase
    const basket = 500 + Math.floor(random() * 8000);
    while (day < HORIZON_DAYS) {
      push(c, ORIGIN + Math.floor(day * DAY), basket + Math.floor(random() * 4000));
      if (random() < dropout) break;
      day += -Math.log(1 - random()) * meanGapDays;
    }
  }
  // Real logs arrive in time order, not customer by customer: order the rows by day (a counting sort).
  const days = new Uint32Array(rows);
  const perDay = new Uint32Array(HORIZON_DAYS + 2);
  for (let row = 0; row < rows; row++) {
    days[row] = Math.floor((at[row] - ORIGIN) / DAY);
    perDay[days[row] + 1]++;
  }
  for (let day = 0; day <= HORIZON_DAYS; day++) perDay[day + 1] += perDay[day];
  const ordered = {
    customer: new Uint32Array(rows),
    at: new Float64Array(rows),
    cents: new Float64Array(rows),
  };
  for (let row = 0; row < rows; row++) {
    const slot = perDay[days[row]]++;
    ordered.customer[slot] = customer[row];
    ordered.at[slot] = at[row];
    ordered.cents[slot] = cents[row];
  }
  return { customers, rows, ...ordered };
}

const cacheDir = join(tmpdir(), 'patronage-bench');

/** Writes (once) the binary and CSV files of a data set; returns their paths. */
export function materialise(customers) {
  mkdirSync(cacheDir, { recursive: true });
  const binary = join(cacheDir, `log-v3-${customers}.bin`);
  const csv = join(cacheDir, `log-v3-${customers}.csv`);
  if (!existsSync(binary) || !existsSync(csv)) {
    const data = generate(customers);
    // header (customers, rows) | customer numbers as Uint32, padded to 8 bytes | at (f64) | amount in major units (f64)
    const header = new Float64Array([data.customers, data.rows]);
    const customerBytes = Buffer.alloc(Math.ceil((data.rows * 4) / 8) * 8);
    Buffer.from(data.customer.buffer).copy(customerBytes);
    writeFileSync(
      binary,
      Buffer.concat([
        Buffer.from(header.buffer),
        customerBytes,
        Buffer.from(data.at.buffer),
        Buffer.from(data.cents.map((value) => value / 100).buffer),
      ]),
    );
    const fd = openSync(csv, 'w');
    const chunk = [];
    for (let row = 0; row < data.rows; row++) {
      chunk.push(`${data.customer[row]},${data.at[row]},${data.cents[row]}`);
      if (chunk.length === 100_000 || row === data.rows - 1) {
        writeSync(fd, `${chunk.join('\n')}\n`);
        chunk.length = 0;
      }
    }
    closeSync(fd);
  }
  return { binary, csv };
}

/**
 * Writes (once) the log of `customers` customers as a user's export would look: a header
 * `customerId,at,amount`, string ids (`c` and the customer number), ISO 8601 UTC times to the second and
 * amounts in major units with two decimals. About 26 bytes a row: 1,000,000 customers give ~9.8M rows.
 * Returns its path.
 */
export function materialiseExport(customers) {
  mkdirSync(cacheDir, { recursive: true });
  const path = join(cacheDir, `export-v1-${customers}.csv`);
  if (existsSync(path)) return path;
  const data = generate(customers);
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w');
  writeSync(fd, 'customerId,at,amount\n');
  const chunk = [];
  for (let row = 0; row < data.rows; row++) {
    const cents = data.cents[row];
    const iso = new Date(Math.floor(data.at[row] / 1000) * 1000).toISOString().slice(0, 19);
    chunk.push(
      `c${data.customer[row]},${iso}Z,${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
    );
    if (chunk.length === 100_000 || row === data.rows - 1) {
      writeSync(fd, `${chunk.join('\n')}\n`);
      chunk.length = 0;
    }
  }
  closeSync(fd);
  renameSync(partial, path);
  return path;
}

/** Reads a data set written by materialise as views on one buffer (no copies): customer numbers, epoch ms, amounts. */
export function load(binary) {
  const buffer = readFileSync(binary);
  const header = new Float64Array(buffer.buffer, buffer.byteOffset, 2);
  const customers = header[0];
  const rows = header[1];
  const customerStart = buffer.byteOffset + 16;
  const atStart = customerStart + Math.ceil((rows * 4) / 8) * 8;
  const customer = new Uint32Array(buffer.buffer, customerStart, rows);
  const at = new Float64Array(buffer.buffer, atStart, rows);
  const amount = new Float64Array(buffer.buffer, atStart + rows * 8, rows);
  return { customers, rows, customer, at, amount };
}

// The Gamma-Gamma rows of a loaded log: the repeat buyers (frequency > 0) of its weekly summary, as columns
// (the `fit-gammagamma` task and gammaGammaEvaluations.mjs fit the same rows)
export function repeatBuyers(patronage, data) {
  const columns = patronage.rfmSummaryColumns(
    { customerIndex: data.customer, at: data.at, amount: data.amount },
    { unit: 'week' },
  );
  const frequency = [];
  const monetaryValue = [];
  for (let i = 0; i < columns.frequency.length; i++) {
    if (columns.frequency[i] > 0) {
      frequency.push(columns.frequency[i]);
      monetaryValue.push(columns.monetaryValue[i]);
    }
  }
  return { frequency: Float64Array.from(frequency), monetaryValue: Float64Array.from(monetaryValue) };
}

// The Erlang-k (CNBD-k) fit rows of a loaded log, as columns in weeks: purchases merged per UTC day,
// frequency the distinct days − 1, recency and the gaps between day starts, T to the end of the two-year
// window, and meanLogInterval the mean log gap (BTYDplus's litt / x; 0 without a gap). The `cnbdCpu.mjs`
// figure fits BG/NBD and BG/CNBD-k on these same rows. The log is in time order, so one pass suffices.
export function erlangColumns(data) {
  const { customers, rows, customer, at } = data;
  const first = new Float64Array(customers).fill(-1);
  const last = new Float64Array(customers);
  const frequency = new Float64Array(customers);
  const logSum = new Float64Array(customers);
  for (let row = 0; row < rows; row++) {
    const c = customer[row];
    const day = Math.floor((at[row] - ORIGIN) / DAY);
    if (first[c] < 0) {
      first[c] = day;
      last[c] = day;
    } else if (day > last[c]) {
      logSum[c] += Math.log((day - last[c]) / 7);
      frequency[c]++;
      last[c] = day;
    }
  }
  const recency = new Float64Array(customers);
  const T = new Float64Array(customers);
  const meanLogInterval = new Float64Array(customers);
  for (let c = 0; c < customers; c++) {
    recency[c] = (last[c] - first[c]) / 7;
    T[c] = (HORIZON_DAYS - first[c]) / 7;
    meanLogInterval[c] = frequency[c] === 0 ? 0 : logSum[c] / frequency[c];
  }
  return { frequency, recency, T, meanLogInterval };
}
