// Streaming input for the command-line tool: CSV or JSONL from a file or stdin, read as bytes and split into
// lines (never the whole file as one string), decoded as strict UTF-8, mapped to transactions, with every
// bad row recorded by file, line and column.

import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { isPatronageError } from '../errors/PatronageError';
import { exactMinorUnits } from '../model/money';
import { toEpochMs } from '../model/timestamp';
import { InputError } from './errors';

export { InputError } from './errors';

/** Where the columns of a transaction are. */
export interface ColumnMap {
  readonly customer: string;
  readonly date: string;
  readonly amount: string;
}

/** A transaction read from the input. */
export interface InputTransaction {
  readonly customerId: string;
  readonly at: number;
  readonly amount: number;
}

/** A row that could not be read, and where. */
export interface BadRow {
  readonly file: string;
  readonly line: number;
  /** 1-based character position of the offending field in its line (1 when the whole row is bad). */
  readonly column: number;
  readonly field: string | null;
  readonly message: string;
  /** Lines the bad record covered (more than 1 for a record with a quoted line break or an open quote). */
  readonly lines: number;
}

/** How whole-number times are read: not at all (a bad row with a hint), as epoch seconds or milliseconds. */
export type EpochUnit = 'none' | 's' | 'ms';

/** How to read. */
export interface ReadOptions {
  readonly path: string;
  readonly format: 'csv' | 'jsonl';
  readonly delimiter: string;
  readonly columns: ColumnMap;
  readonly epoch: EpochUnit;
  /** Digits of the currency's minor unit; an amount with more is a bad row. */
  readonly currencyDigits: number;
  /** Called for each bad row; return false to stop reading (the run fails). */
  readonly onBadRow: (row: BadRow) => boolean;
  /** Called every so many rows, for progress. */
  readonly onProgress?: ((rows: number) => void) | undefined;
}

/**
 * The longest record a quoted field may make, in lines and in characters. A quote that is never closed
 * would otherwise take the rest of the file into one record; past either limit the record is one bad row
 * (its first line) and reading goes on at the line after it.
 */
export const MAX_RECORD_LINES = 1000;
export const MAX_RECORD_CHARS = 1 << 20;

/** Splits one CSV record into fields with their start positions; `null` when a quote is still open. */
export function splitCsv(record: string, delimiter: string): { fields: string[]; starts: number[] } | null {
  const fields: string[] = [];
  const starts: number[] = [];
  let i = 0;
  for (;;) {
    starts.push(i + 1);
    if (record[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const close = record.indexOf('"', i);
        if (close < 0) return null;
        value += record.slice(i, close);
        if (record[close + 1] === '"') {
          value += '"';
          i = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      // text after the closing quote up to the delimiter belongs to the field, as spreadsheets write it
      const next = record.indexOf(delimiter, i);
      value += next < 0 ? record.slice(i) : record.slice(i, next);
      fields.push(value);
      if (next < 0) return { fields, starts };
      i = next + delimiter.length;
    } else {
      const next = record.indexOf(delimiter, i);
      if (next < 0) {
        fields.push(record.slice(i));
        return { fields, starts };
      }
      fields.push(record.slice(i, next));
      i = next + delimiter.length;
    }
  }
}

/** One line of the input: its text, or null when its bytes are not UTF-8. */
interface Line {
  readonly number: number;
  readonly text: string | null;
}

const NEWLINE = 0x0a;
const NOT_UTF8 = 'the line is not valid UTF-8 (re-encode the file as UTF-8, e.g. iconv -f latin1 -t utf-8)';
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes bytes that end at a line break (or the end of input) into lines, each strictly. */
function* decodeLines(bytes: Uint8Array, firstNumber: number): Generator<Line> {
  let whole: string | null = null;
  try {
    whole = strictUtf8.decode(bytes);
  } catch {
    whole = null; // some line is not UTF-8: decode line by line to find which
  }
  if (whole !== null) {
    const parts = whole.split('\n');
    if (parts.at(-1) === '') parts.pop();
    let number = firstNumber;
    for (const part of parts) yield { number: number++, text: stripCr(part) };
    return;
  }
  let start = 0;
  let number = firstNumber;
  while (start < bytes.length) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end < 0) end = bytes.length;
    let text: string | null;
    try {
      text = stripCr(strictUtf8.decode(bytes.subarray(start, end)));
    } catch {
      text = null;
    }
    yield { number: number++, text };
    start = end + 1;
  }
}

function stripCr(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

/** The lines of a byte stream, numbered from 1, with a UTF-8 byte-order mark removed. */
async function* linesOf(input: AsyncIterable<Uint8Array | string>): AsyncGenerator<Line> {
  let carry: Uint8Array = new Uint8Array(0);
  let number = 1;
  let first = true;
  for await (const raw of input) {
    let chunk: Uint8Array = typeof raw === 'string' ? new TextEncoder().encode(raw) : raw;
    if (first && chunk.length > 0) {
      first = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    const last = chunk.lastIndexOf(NEWLINE);
    if (last < 0) {
      carry = concat(carry, chunk);
      continue;
    }
    const complete = concat(carry, chunk.subarray(0, last + 1));
    carry = chunk.slice(last + 1);
    for (const line of decodeLines(complete, number)) {
      number = line.number + 1;
      yield line;
    }
  }
  if (carry.length > 0) yield* decodeLines(carry, number);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/** Reads a field as an amount in major units: a plain decimal number, at least 0. */
function readAmount(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

const BARE_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** Reads a field as a time: ISO-8601 text, or a number of epoch seconds or milliseconds with `--epoch`. */
function readTime(value: unknown, epoch: EpochUnit): number | string {
  const text = typeof value === 'string' ? value.trim() : value;
  const isNumber = typeof text === 'number' || (typeof text === 'string' && BARE_NUMBER.test(text));
  if (isNumber) {
    if (epoch === 'none') {
      return `${JSON.stringify(value)} is a bare number; give --epoch s (Unix seconds) or --epoch ms (milliseconds), or use ISO 8601 dates such as 2024-03-15`;
    }
    const number = Number(text);
    const ms = epoch === 's' ? number * 1000 : number;
    try {
      return toEpochMs(ms);
    } catch {
      return `${JSON.stringify(value)} is outside the range of dates (epoch ${epoch === 's' ? 'seconds' : 'milliseconds'})`;
    }
  }
  try {
    if (typeof text !== 'string') throw new Error('not text');
    return toEpochMs(text);
  } catch {
    return `${JSON.stringify(value ?? null)} is not a date (use ISO 8601, such as 2024-03-15 or 2024-03-15T10:30:00Z, or epoch times with --epoch s|ms)`;
  }
}

/** A pending CSV record: the lines it has taken so far. */
interface Pending {
  readonly lines: Line[];
  chars: number;
}

/**
 * Reads transactions from a CSV (with a header row) or JSONL input, calling `add` for each good row and
 * `onBadRow` for each bad one. `add` may throw a PatronageError for a row the computation refuses: that row
 * is reported as bad too, with its place. Returns the number of data rows read, or stops early when
 * `onBadRow` returns false.
 */
export async function readTransactions(
  options: ReadOptions,
  add: (transaction: InputTransaction) => void,
  stdin: Readable = process.stdin,
): Promise<{ rows: number; stopped: boolean }> {
  const input = options.path === '-' ? stdin : createReadStream(options.path);
  const file = options.path === '-' ? '<stdin>' : options.path;
  const scale = 10 ** options.currencyDigits;
  let header: string[] | null = null;
  let positions: { customer: number; date: number; amount: number } | null = null;
  let rows = 0;
  let stopped = false;
  const bad = (line: number, column: number, field: string | null, message: string, lines = 1): void => {
    if (!options.onBadRow({ file, line, column, field, message, lines })) stopped = true;
  };
  const offer = (line: number, column: (field: string) => number, verdict: Verdict, lines: number) => {
    if ('problem' in verdict) {
      bad(line, column(verdict.field), verdict.field, verdict.problem, lines);
      return;
    }
    try {
      add(verdict);
    } catch (error) {
      if (!isPatronageError(error)) throw error;
      bad(line, 1, null, `${error.code}: ${error.message}`, lines);
    }
  };
  const toVerdict = (customer: unknown, date: unknown, amount: unknown): Verdict =>
    toTransaction(customer, date, amount, options.columns, options.epoch, scale, options.currencyDigits);

  /** Handles one complete CSV record (header or data). */
  const csvRecord = (record: string, split: Split, first: number, lines: number): void => {
    if (header === null) {
      header = split.fields.map((name) => name.trim());
      const find = (name: string): number => (header as string[]).indexOf(name);
      const missing = (['customer', 'date', 'amount'] as const).filter(
        (key) => find(options.columns[key]) < 0,
      );
      if (missing.length > 0) {
        throw new InputError(
          `${file}:${first}: the header has no column ${missing
            .map((key) => JSON.stringify(options.columns[key]))
            .join(
              ', ',
            )} (columns: ${header.join(', ')}); map them with ${missing.map((key) => `--${key} COL`).join(' ')}`,
        );
      }
      positions = {
        customer: find(options.columns.customer),
        date: find(options.columns.date),
        amount: find(options.columns.amount),
      };
      return;
    }
    if (record.trim() === '') return;
    rows++;
    options.onProgress?.(rows);
    const at = positions as unknown as { customer: number; date: number; amount: number };
    if (split.fields.length !== header.length) {
      bad(first, 1, null, `has ${split.fields.length} fields, the header has ${header.length}`, lines);
      return;
    }
    offer(
      first,
      (field) =>
        split.starts[
          field === options.columns.customer
            ? at.customer
            : field === options.columns.date
              ? at.date
              : at.amount
        ] ?? 1,
      toVerdict(split.fields[at.customer], split.fields[at.date], split.fields[at.amount]),
      lines,
    );
  };

  const jsonlLine = (line: Line & { text: string }): void => {
    if (line.text.trim() === '') return;
    rows++;
    options.onProgress?.(rows);
    let record: unknown;
    try {
      record = JSON.parse(line.text);
    } catch (error) {
      bad(line.number, 1, null, `not valid JSON (${(error as Error).message})`);
      return;
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      bad(line.number, 1, null, 'each line must be a JSON object');
      return;
    }
    const fields = record as Record<string, unknown>;
    const own = (name: string): unknown => (Object.hasOwn(fields, name) ? fields[name] : undefined);
    offer(
      line.number,
      (field) => Math.max(1, line.text.indexOf(JSON.stringify(field)) + 1),
      toVerdict(own(options.columns.customer), own(options.columns.date), own(options.columns.amount)),
      1,
    );
  };

  // CSV: a quoted field may hold line breaks, so a record can span lines. Lines wait in `pending` until the
  // record closes; a line without a quote cannot close it, so the record is re-split only when a quote
  // arrives (linear time for a stray quote). Past the limits, the first line is a bad row and the lines
  // after it are read again.
  let pending: Pending | null = null;
  const queue: Line[] = [];
  const csvLine = (line: Line): void => {
    queue.push(line);
    while (queue.length > 0 && !stopped) {
      const next = queue.shift() as Line;
      if (next.text === null) {
        if (pending !== null) {
          // the open record cannot go on through undecodable bytes: it is bad, and so is this line
          const open: Pending = pending;
          pending = null;
          unclosed(open, `a quoted field opened here is not closed before line ${next.number}`);
          queue.unshift(...open.lines.slice(1));
          queue.push(next);
          continue;
        }
        if (header === null)
          throw new InputError(`${file}:${next.number}: the header row is not valid UTF-8`);
        rows++;
        bad(next.number, 1, null, NOT_UTF8);
        continue;
      }
      if (pending === null) {
        const split = next.text.includes('"')
          ? splitCsv(next.text, options.delimiter)
          : plainSplit(next.text);
        if (split !== null) {
          csvRecord(next.text, split, next.number, 1);
          continue;
        }
        pending = { lines: [next], chars: next.text.length };
        continue;
      }
      pending.lines.push(next);
      pending.chars += next.text.length + 1;
      if (next.text.includes('"')) {
        const record = pending.lines.map((part) => part.text).join('\n');
        const split = splitCsv(record, options.delimiter);
        if (split !== null) {
          const first = pending.lines[0] as Line;
          const count = pending.lines.length;
          pending = null;
          csvRecord(record, split, first.number, count);
          continue;
        }
      }
      if (pending.lines.length > MAX_RECORD_LINES || pending.chars > MAX_RECORD_CHARS) {
        const open: Pending = pending;
        pending = null;
        unclosed(
          open,
          `a quoted field opened here is not closed within ${MAX_RECORD_LINES} lines or ${MAX_RECORD_CHARS} characters`,
        );
        queue.unshift(...open.lines.slice(1));
      }
    }
  };
  const unclosed = (open: Pending, message: string): void => {
    const first = open.lines[0] as Line;
    if (header === null) {
      throw new InputError(`${file}:${first.number}: the header row has a quote that is never closed`);
    }
    rows++;
    bad(first.number, 1, null, message, 1);
  };
  const plainSplit = (text: string): Split => {
    const fields = text.split(options.delimiter);
    const starts: number[] = [];
    let position = 1;
    for (const field of fields) {
      starts.push(position);
      position += field.length + options.delimiter.length;
    }
    return { fields, starts };
  };

  try {
    for await (const line of linesOf(input as AsyncIterable<Uint8Array>)) {
      if (options.format === 'jsonl') {
        if (line.text === null) {
          rows++;
          bad(line.number, 1, null, NOT_UTF8);
        } else jsonlLine(line as Line & { text: string });
      } else {
        csvLine(line);
      }
      if (stopped) return { rows, stopped: true };
    }
    // the input ended inside a quoted field: its first line is bad, the lines after it are read again
    while (pending !== null && !stopped) {
      const open: Pending = pending;
      pending = null;
      unclosed(open, 'a quoted field opened here is never closed');
      for (const line of open.lines.slice(1)) if (!stopped) csvLine(line);
    }
    if (stopped) return { rows, stopped: true };
    if (options.format === 'csv' && header === null)
      throw new InputError(`${file}: the input is empty; a CSV needs a header row`);
    return { rows, stopped: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new InputError(`${file}: no such file`);
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') throw new InputError(`${file}: is a directory`);
    throw error;
  } finally {
    if (input !== stdin) (input as ReturnType<typeof createReadStream>).destroy();
  }
}

type Split = { fields: string[]; starts: number[] };
type Verdict = InputTransaction | { field: string; problem: string };

/** The transaction, or the field that is wrong and why. */
function toTransaction(
  customer: unknown,
  date: unknown,
  amount: unknown,
  columns: ColumnMap,
  epoch: EpochUnit,
  scale: number,
  digits: number,
): Verdict {
  const customerId = typeof customer === 'number' ? String(customer) : customer;
  if (typeof customerId !== 'string' || customerId.trim() === '') {
    return { field: columns.customer, problem: 'the customer id is missing' };
  }
  const at = readTime(date, epoch);
  if (typeof at === 'string') return { field: columns.date, problem: at };
  const value =
    typeof amount === 'number'
      ? Number.isFinite(amount) && amount >= 0
        ? amount
        : null
      : typeof amount === 'string'
        ? readAmount(amount)
        : null;
  if (value === null) {
    return {
      field: columns.amount,
      problem: `${JSON.stringify(amount ?? null)} is not an amount (a number of at least 0, such as 12.50)`,
    };
  }
  if (Number.isNaN(exactMinorUnits(value, scale))) {
    return {
      field: columns.amount,
      problem:
        value * scale > Number.MAX_SAFE_INTEGER
          ? `${JSON.stringify(amount)} is too large to total exactly`
          : `${JSON.stringify(amount)} has more decimals than the currency's ${digits} (--currency-digits)`,
    };
  }
  return { customerId: customerId.trim(), at, amount: value };
}
