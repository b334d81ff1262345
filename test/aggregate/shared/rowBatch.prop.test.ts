import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RFM_OPTION_KEYS, resolveRfmOptions } from '../../../src/aggregate/rfm/rfmOptions';
import { readTransactionRows, TransactionRowReader } from '../../../src/aggregate/shared/prepareTransactions';

const fn = 'rfmSummary';

function describeError(error: unknown): unknown {
  const { code, message, details } = error as { code: unknown; message: unknown; details: unknown };
  return { code, message, details };
}

/** The rows one by one through `TransactionRowReader.read` (no batch): ids, keys and minor units, or the error. */
function oneByOne(rows: readonly unknown[]): unknown {
  try {
    const { keyer, scale } = resolveRfmOptions(fn, { unit: 'week' }, RFM_OPTION_KEYS);
    const reader = new TransactionRowReader(fn, scale);
    const out: unknown[] = [];
    for (let index = 0; index < rows.length; index++) {
      if (!reader.read(index, rows[index])) continue;
      out.push([reader.customerId, keyer.keyOf(reader.at), reader.minor]);
    }
    return out;
  } catch (error) {
    return describeError(error);
  }
}

/** `readTransactionRows` (rows gathered 1,024 at a time, ids and times read from bytes): the same triples. */
function batched(rows: readonly unknown[]): unknown {
  try {
    const resolved = resolveRfmOptions(fn, { unit: 'week' }, RFM_OPTION_KEYS);
    const read = readTransactionRows(fn, rows, resolved);
    const out: unknown[] = [];
    for (let row = 0; row < read.count; row++) {
      out.push([read.numbering.ids[read.customers[row] as number], read.keys[row], read.minor[row]]);
    }
    return out;
  } catch (error) {
    return describeError(error);
  }
}

const START = Date.UTC(2023, 11, 30, 20);
/** A valid time string of the batched shape, and near misses of it (a character replaced or dropped). */
const atText = fc
  .tuple(
    fc.nat(90 * 86_400),
    fc.nat(30),
    fc.constantFrom('0', '9', '-', 'T', ':', 'Z', ' ', 'é', '/'),
    fc.nat(12),
  )
  .map(([seconds, cut, character, how]) => {
    const text = `${new Date(START + seconds * 1000).toISOString().slice(0, 19)}Z`;
    const at = cut % 20;
    if (how === 0) return text.slice(0, at) + character + text.slice(at + 1);
    if (how === 1) return text.slice(0, 19); // no zone
    if (how === 2) return `${text.slice(0, 19)}.250Z`;
    return text; // most rows: the valid shape
  });
const customerId = fc.oneof(
  { weight: 6, arbitrary: fc.nat(400).map((n) => `c${n}`) },
  { weight: 1, arbitrary: fc.nat(400).map((n) => `ç${n}`) }, // not ASCII: the batch is read from the strings
  { weight: 1, arbitrary: fc.nat(400) },
  { weight: 1, arbitrary: fc.nat(40).map((n) => `customer-with-a-long-id-${n}`) },
  { weight: 1, arbitrary: fc.constantFrom('c07', 'c', '', 'c 1') },
);
/** A valid time of the batched shape. */
const validAt = fc
  .nat(90 * 86_400)
  .map((seconds) => `${new Date(START + seconds * 1000).toISOString().slice(0, 19)}Z`);
const row = fc.record({
  customerId,
  validAt,
  at: fc.oneof(
    { weight: 8, arbitrary: atText },
    { weight: 1, arbitrary: fc.nat(10 ** 10).map((s) => START + s) },
  ),
  amount: fc.oneof(
    { weight: 12, arbitrary: fc.nat(10_000).map((c) => c / 100) },
    { weight: 1, arbitrary: fc.constant(-1) },
  ),
});

/** The rows through `gather` and `readGathered`, 1,024 at a time: each row's id, time (ms) and minor units. */
function gathered(rows: readonly unknown[]): unknown {
  try {
    const { scale } = resolveRfmOptions(fn, { unit: 'week' }, RFM_OPTION_KEYS);
    const reader = new TransactionRowReader(fn, scale);
    const out: unknown[] = [];
    for (let index = 0; index < rows.length; index++) {
      if (index % 1024 === 0) reader.gather(rows, index, Math.min(rows.length, index + 1024));
      if (!reader.readGathered(index)) continue;
      out.push([reader.customerId, reader.at, reader.minor]);
    }
    return out;
  } catch (error) {
    return describeError(error);
  }
}

/** `oneByOne` with the time in ms instead of its key. */
function oneByOneAt(rows: readonly unknown[]): unknown {
  try {
    const { scale } = resolveRfmOptions(fn, { unit: 'week' }, RFM_OPTION_KEYS);
    const reader = new TransactionRowReader(fn, scale);
    const out: unknown[] = [];
    for (let index = 0; index < rows.length; index++) {
      if (!reader.read(index, rows[index])) continue;
      out.push([reader.customerId, reader.at, reader.minor]);
    }
    return out;
  } catch (error) {
    return describeError(error);
  }
}

describe('readTransactionRows in batches (internal)', () => {
  it("gather and readGathered give each row's id, time and amount, or the error, that read gives", () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 900, maxLength: 2600 }), (rows) => {
        // valid amounts, and ASCII only (a batch holding one other character is read from the strings)
        const list = rows.map((one) => ({
          customerId:
            typeof one.customerId === 'string' ? one.customerId.replace('ç', 'c') || 'c0' : one.customerId,
          at: one.validAt,
          amount: Math.abs(one.amount),
        }));
        expect(gathered(list)).toEqual(oneByOneAt(list));
        expect(gathered(rows)).toEqual(oneByOneAt(rows));
      }),
      { numRuns: 40 },
    );
  });

  it('gives the rows, or the error, that reading them one by one gives (batches of 1,024, bytes or strings)', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 900, maxLength: 2600 }), fc.boolean(), (rows, clean) => {
        // clean: only valid rows, so that a run reaches the later batches instead of stopping at a bad row
        const list = clean
          ? rows.map((one) => ({
              customerId:
                typeof one.customerId === 'string'
                  ? one.customerId.replace('ç', 'c') || 'c0'
                  : one.customerId,
              at: typeof one.at === 'number' ? one.at : one.validAt,
              amount: Math.abs(one.amount),
            }))
          : rows;
        expect(batched(list)).toEqual(oneByOne(list));
      }),
      { numRuns: 40 },
    );
  });
});
