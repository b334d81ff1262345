// Streaming input for the command-line tool: CSV or JSONL from a file or stdin, line by line (never the
// whole file as one string), mapped to transactions, with every bad row recorded by file, line and column.

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { toEpochMs } from '../model/timestamp';

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
}

/** How to read. */
export interface ReadOptions {
  readonly path: string;
  readonly format: 'csv' | 'jsonl';
  readonly delimiter: string;
  readonly columns: ColumnMap;
  /** Called for each bad row; return false to stop reading (the run fails). */
  readonly onBadRow: (row: BadRow) => boolean;
  /** Called every so many rows, for progress. */
  readonly onProgress?: ((rows: number) => void) | undefined;
}

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

/** Reads a field as an amount in major units: a plain decimal number, at least 0. */
function readAmount(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** Reads a field as a time: ISO-8601 text or epoch milliseconds. */
function readTime(value: unknown): number | null {
  try {
    const text = typeof value === 'string' ? value.trim() : value;
    const numeric = typeof text === 'string' && /^-?\d{9,}$/.test(text) ? Number(text) : text;
    return toEpochMs(numeric as string | number);
  } catch {
    return null;
  }
}

/**
 * Reads transactions from a CSV (with a header row) or JSONL input, calling `add` for each good row and
 * `onBadRow` for each bad one. Returns the number of data rows read, or stops early when `onBadRow`
 * returns false.
 */
export async function readTransactions(
  options: ReadOptions,
  add: (transaction: InputTransaction) => void,
  stdin: Readable = process.stdin,
): Promise<{ rows: number; stopped: boolean }> {
  const input = options.path === '-' ? stdin : createReadStream(options.path);
  const file = options.path === '-' ? '<stdin>' : options.path;
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let header: string[] | null = null;
  let positions: { customer: number; date: number; amount: number } | null = null;
  let pending = '';
  let pendingLine = 0;
  let lineNumber = 0;
  let rows = 0;
  const bad = (line: number, column: number, field: string | null, message: string): boolean =>
    options.onBadRow({ file, line, column, field, message });
  try {
    for await (const text of lines) {
      lineNumber++;
      if (options.format === 'jsonl') {
        if (text.trim() === '') continue;
        rows++;
        options.onProgress?.(rows);
        let record: unknown;
        try {
          record = JSON.parse(text);
        } catch (error) {
          if (!bad(lineNumber, 1, null, `not valid JSON (${(error as Error).message})`))
            return { rows, stopped: true };
          continue;
        }
        if (typeof record !== 'object' || record === null || Array.isArray(record)) {
          if (!bad(lineNumber, 1, null, 'each line must be a JSON object')) return { rows, stopped: true };
          continue;
        }
        const fields = record as Record<string, unknown>;
        const verdict = toTransaction(
          fields[options.columns.customer],
          fields[options.columns.date],
          fields[options.columns.amount],
          options.columns,
        );
        if ('problem' in verdict) {
          const column = Math.max(1, text.indexOf(JSON.stringify(verdict.field)) + 1);
          if (!bad(lineNumber, column, verdict.field, verdict.problem)) return { rows, stopped: true };
          continue;
        }
        add(verdict);
        continue;
      }
      // CSV: a quoted field may hold line breaks, so a record can span lines
      const record = pending === '' ? text : `${pending}\n${text}`;
      const split = splitCsv(record, options.delimiter);
      if (split === null) {
        if (pending === '') pendingLine = lineNumber;
        pending = record;
        continue;
      }
      const recordLine = pending === '' ? lineNumber : pendingLine;
      pending = '';
      if (header === null) {
        header = split.fields.map((name) => name.trim().replace(/^\uFEFF/, ''));
        const find = (name: string): number => (header as string[]).indexOf(name);
        const missing = (['customer', 'date', 'amount'] as const).filter(
          (key) => find(options.columns[key]) < 0,
        );
        if (missing.length > 0) {
          throw new InputError(
            `${file}:${recordLine}: the header has no column ${missing
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
        continue;
      }
      if (record.trim() === '') continue;
      rows++;
      options.onProgress?.(rows);
      const at = positions as { customer: number; date: number; amount: number };
      if (split.fields.length !== header.length) {
        if (!bad(recordLine, 1, null, `has ${split.fields.length} fields, the header has ${header.length}`)) {
          return { rows, stopped: true };
        }
        continue;
      }
      const verdict = toTransaction(
        split.fields[at.customer],
        split.fields[at.date],
        split.fields[at.amount],
        options.columns,
      );
      if ('problem' in verdict) {
        const index =
          verdict.field === options.columns.customer
            ? at.customer
            : verdict.field === options.columns.date
              ? at.date
              : at.amount;
        if (!bad(recordLine, split.starts[index] ?? 1, verdict.field, verdict.problem)) {
          return { rows, stopped: true };
        }
        continue;
      }
      add(verdict);
    }
    if (pending !== '' && !bad(pendingLine, 1, null, 'a quoted field is never closed'))
      return { rows, stopped: true };
    if (options.format === 'csv' && header === null)
      throw new InputError(`${file}: the input is empty; a CSV needs a header row`);
    return { rows, stopped: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new InputError(`${file}: no such file`);
    throw error;
  } finally {
    lines.close();
    if (input !== stdin) (input as ReturnType<typeof createReadStream>).destroy();
  }
}

/** The transaction, or the field that is wrong and why. */
function toTransaction(
  customer: unknown,
  date: unknown,
  amount: unknown,
  columns: ColumnMap,
): InputTransaction | { field: string; problem: string } {
  const customerId = typeof customer === 'number' ? String(customer) : customer;
  if (typeof customerId !== 'string' || customerId.trim() === '') {
    return { field: columns.customer, problem: 'the customer id is missing' };
  }
  const at = readTime(date);
  if (at === null) {
    return {
      field: columns.date,
      problem: `${JSON.stringify(date ?? null)} is not a date (use ISO 8601, such as 2024-03-15 or 2024-03-15T10:30:00Z, or epoch milliseconds)`,
    };
  }
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
  return { customerId: customerId.trim(), at, amount: value };
}

/** An input that cannot be read at all (missing file, no header): exit code 3. */
export class InputError extends Error {
  override readonly name = 'InputError';
}
