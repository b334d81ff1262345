// Reading the input named on the command line into columns (patronage/node's readTransactions), with the
// bad-row policy: the first bad row stops the run (exit 1), or with --skip-invalid every bad row is counted
// and the first five are shown.

import { PatronageError } from '../errors/PatronageError';
import {
  type ReadTransactionsOptions,
  type RejectedRecord,
  readTransactions,
  type TransactionTable,
} from '../node/index';
import { BadDataStop, InputError, UsageError } from './errors';
import { choice, text, type Values, wholeBetween } from './options';

/** The streams the tool uses, replaceable in tests. */
export interface Io {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream;
}

/** What was read: the columns and how many records were read and skipped. */
export interface Input {
  readonly table: TransactionTable;
  /** Data records read, good and bad. */
  readonly records: number;
  /** Bad records skipped (only with --skip-invalid). */
  readonly rejected: number;
  /** The file name, or `stdin`. */
  readonly source: string;
}

/** The currency digits the input options give (default 2), for the library's `fractionDigits`. */
export function currencyDigits(values: Values): number {
  return wholeBetween(values, 'currency-digits', 0, 6, 2);
}

/** The time-zone option of the library, from --time-zone (absent: UTC days). */
export function timeZoneOption(values: Values): { timeZone?: string } {
  const zone = text(values, 'time-zone');
  return zone === undefined ? {} : { timeZone: zone };
}

/** A column given on the command line: a name, or a 1-based number with --no-header. */
function columnOf(values: Values, name: string, fallback: string, header: boolean): string | number {
  const given = text(values, name);
  if (given === undefined) {
    if (!header) throw new UsageError(`--no-header needs --${name} N (the 1-based column number)`);
    return fallback;
  }
  if (header) return given;
  const number = /^\d+$/.test(given) ? Number(given) : 0;
  if (!(number >= 1))
    throw new UsageError(
      `--${name} must be a column number from 1 with --no-header, got ${JSON.stringify(given)}`,
    );
  return number;
}

/** The reader options the command line gives. */
export function readerOptions(values: Values, file: string): ReadTransactionsOptions {
  const header = values['no-header'] !== true;
  const delimiterText = text(values, 'delimiter') ?? ',';
  const delimiter = delimiterText === 'tab' ? '\t' : delimiterText;
  if (
    delimiter !== 'whitespace' &&
    (delimiter.length !== 1 || delimiter === '"' || /[\r\n]/.test(delimiter))
  ) {
    throw new UsageError(
      `--delimiter must be one character other than a quote or a line break, tab or whitespace; got ${JSON.stringify(delimiterText)}`,
    );
  }
  const amountText = text(values, 'amount');
  const epoch =
    text(values, 'epoch') === undefined ? undefined : choice(values, 'epoch', ['s', 'ms'] as const, 'ms');
  const decimal =
    text(values, 'decimal') === undefined ? undefined : choice(values, 'decimal', ['.', ','] as const, '.');
  const dateFormat = text(values, 'date-format');
  return {
    format: choice(
      values,
      'input-format',
      ['csv', 'jsonl'],
      /\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : 'csv',
    ),
    delimiter,
    header,
    customer: columnOf(values, 'customer', 'customerId', header),
    at: columnOf(values, 'date', 'at', header),
    amount: amountText === 'none' ? null : columnOf(values, 'amount', 'amount', header),
    fractionDigits: currencyDigits(values),
    name: file === '-' ? '<stdin>' : file,
    ...timeZoneOption(values),
    ...(epoch === undefined ? {} : { epoch }),
    ...(decimal === undefined ? {} : { decimal }),
    ...(dateFormat === undefined ? {} : { dateFormat }),
  };
}

/** One line for a bad record: `file:line:column: column "x": why`. */
function where(record: RejectedRecord): string {
  return `${record.file}:${record.line}:${record.column}: ${record.field === null ? 'row' : `column ${JSON.stringify(record.field)}`}: ${record.message}${record.lines > 1 ? ` (a record of ${record.lines} lines)` : ''}`;
}

/** Reads the input into columns, applying the bad-row policy. */
export async function readInput(values: Values, file: string | undefined, io: Io): Promise<Input> {
  if (file === undefined) throw new UsageError('no input: give a FILE, or - to read stdin');
  const options = readerOptions(values, file);
  const skip = values['skip-invalid'] === true;
  const examples: RejectedRecord[] = [];
  let rejected = 0;
  let table: TransactionTable;
  const progress = io.stderr.isTTY === true;
  let lastReport = Date.now();
  try {
    table = await readTransactions(file === '-' ? (io.stdin as AsyncIterable<Uint8Array>) : file, {
      ...options,
      onRejected: (record) => {
        rejected++;
        if (!skip) {
          io.stderr.write(`patronage: bad row: ${where(record)}\n`);
          return false;
        }
        if (examples.length < 5) examples.push(record);
        return true;
      },
      ...(progress
        ? {
            onProgress: (count: number) => {
              if (Date.now() - lastReport > 500) {
                lastReport = Date.now();
                io.stderr.write(`\rpatronage: ${count} rows read`);
              }
            },
          }
        : {}),
    });
  } catch (error) {
    if (error instanceof PatronageError) {
      // the options were checked above; what the reader refuses now is the file itself
      if (error.code === 'INVALID_TIME_ZONE' || error.code === 'OUT_OF_RANGE')
        throw new UsageError(error.message);
      throw new InputError(error.message.replace(/^readTransactions: /, ''));
    }
    throw error;
  }
  if (progress && table.records >= 10_000) io.stderr.write(`\rpatronage: ${table.records} rows read\n`);
  if (table.stopped) {
    io.stderr.write('patronage: stopped at the first bad row; --skip-invalid goes on without bad rows\n');
    throw new BadDataStop();
  }
  if (rejected > 0) {
    io.stderr.write(
      `patronage: skipped ${rejected} of ${table.records} rows as invalid; the first ${examples.length}:\n`,
    );
    for (const record of examples) io.stderr.write(`  ${where(record)}\n`);
  }
  if (table.columns.at.length === 0) throw new InputError(`${file}: no valid transactions to work on`);
  return { table, records: table.records, rejected, source: file === '-' ? 'stdin' : file };
}
