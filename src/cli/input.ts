// Reading the input named on the command line into columns (patronage/node's readTransactions), with the
// bad-row policy: the first bad row stops the run (exit 1), or with --skip-invalid every bad row is counted
// and the first five are shown.

import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PatronageError } from '../errors/PatronageError';
import {
  type ByteSource,
  type ReadColumns,
  type ReadTransactionsOptions,
  type RejectedRecord,
  readTransactionBatches,
  readTransactions,
  type TransactionBatch,
  type TransactionTable,
} from '../node/index';
import { BadDataStop, InputError, UsageError } from './errors';
import { choice, text, type Values, wholeBetween } from './options';
import {
  defaultThreads,
  type NumberedCustomerIds,
  readInShards,
  type ShardedRead,
  type ShardMerging,
  type ShardSpec,
} from './shards';

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

/**
 * The one place the reader is called, for whole reads and for batches alike: the source (a path, or stdin)
 * and the options. Options for file paths only (the reader's `workers`) belong here.
 */
function readerOf(
  source: ByteSource,
  options: ReadTransactionsOptions,
  whole: true,
): Promise<TransactionTable>;
function readerOf(
  source: ByteSource,
  options: ReadTransactionsOptions,
  whole: false,
): AsyncGenerator<TransactionBatch, void, undefined>;
function readerOf(
  source: ByteSource,
  options: ReadTransactionsOptions,
  whole: boolean,
): Promise<TransactionTable> | AsyncGenerator<TransactionBatch, void, undefined> {
  return whole ? readTransactions(source, options) : readTransactionBatches(source, options);
}

/** The bad-row policy and the progress line, as reader callbacks; `stopped` once a bad row stopped it. */
function policy(
  values: Values,
  io: Io,
): {
  callbacks: Pick<ReadTransactionsOptions, 'onRejected' | 'onProgress'>;
  examples: RejectedRecord[];
  readonly rejected: number;
  readonly stopped: boolean;
  progress: boolean;
} {
  const skip = values['skip-invalid'] === true;
  const examples: RejectedRecord[] = [];
  const progress = io.stderr.isTTY === true;
  let lastReport = Date.now();
  const state = {
    rejected: 0,
    stopped: false,
    examples,
    progress,
    callbacks: {
      onRejected: (record: RejectedRecord): boolean => {
        state.rejected++;
        if (!skip) {
          io.stderr.write(`patronage: bad row: ${where(record)}\n`);
          state.stopped = true;
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
    },
  };
  return state;
}

/** A reader failure as the tool reports it: a bad option value is a usage error, anything else the input's. */
function readerFailure(error: unknown): unknown {
  if (error instanceof PatronageError) {
    // the options were checked before; what the reader refuses now is the file itself
    if (error.code === 'INVALID_TIME_ZONE' || error.code === 'OUT_OF_RANGE')
      return new UsageError(error.message);
    return new InputError(error.message.replace(/^read(Transactions|TransactionBatches): /, ''));
  }
  return error;
}

/** After reading: the stop at a bad row, the summary of skipped rows, and no rows at all. */
function reportRead(
  state: ReturnType<typeof policy>,
  io: Io,
  file: string,
  records: number,
  rows: number,
): void {
  if (state.progress && records >= 10_000) io.stderr.write(`\rpatronage: ${records} rows read\n`);
  if (state.stopped) {
    io.stderr.write('patronage: stopped at the first bad row; --skip-invalid goes on without bad rows\n');
    throw new BadDataStop();
  }
  if (state.rejected > 0) {
    io.stderr.write(
      `patronage: skipped ${state.rejected} of ${records} rows as invalid; the first ${state.examples.length}:\n`,
    );
    for (const record of state.examples) io.stderr.write(`  ${where(record)}\n`);
  }
  if (rows === 0) throw new InputError(`${file}: no valid transactions to work on`);
}

/** Reads the input into columns, applying the bad-row policy. */
export async function readInput(values: Values, file: string | undefined, io: Io): Promise<Input> {
  if (file === undefined) throw new UsageError('no input: give a FILE, or - to read stdin');
  const options = readerOptions(values, file);
  const state = policy(values, io);
  let table: TransactionTable;
  try {
    table = await readerOf(
      file === '-' ? (io.stdin as AsyncIterable<Uint8Array>) : file,
      { ...options, ...state.callbacks },
      true,
    );
  } catch (error) {
    throw readerFailure(error);
  }
  reportRead(state, io, file, table.records, table.columns.at.length);
  return { table, records: table.records, rejected: state.rejected, source: file === '-' ? 'stdin' : file };
}

/**
 * What a streamed command folds the input into: every batch goes to `add`; when it then asks for a second
 * pass (`needsReplay`, rows out of time order for some customers), every batch goes again, in the same
 * order, to `replay`.
 */
export interface BatchSink {
  add(columns: ReadColumns): void;
  readonly needsReplay: boolean;
  replay(columns: ReadColumns): void;
}

/** A sink a file can be read into on several threads (shards.ts): how a worker builds its own, and the merge. */
export interface Sharding {
  readonly spec: ShardSpec;
  readonly table: ShardMerging;
}

/**
 * --threads N: the threads a file may be read on (1 is one thread). By default the cores available for the
 * summary, one thread for cohorts and retention, whose second fold of each shard measured slower than one
 * thread (docs/cli.md, "Both cores").
 */
export function threadsOf(values: Values, sharding: Sharding | undefined): number {
  return wholeBetween(values, 'threads', 1, 64, sharding?.spec.kind === 'rfm' ? defaultThreads() : 1);
}

/** What a streamed read leaves besides the sink's state: the customer ids and the record counts. */
export interface StreamedInput {
  /** Customer ids in order of first appearance (the sink's customer numbers point into it). */
  readonly customerIds: readonly string[];
  /** When the file was read in shards and every id is one prefix and digits: the ids by their values. */
  readonly numbered: NumberedCustomerIds | null;
  /** Data records read, good and bad. */
  readonly records: number;
  /** Bad records skipped (only with --skip-invalid). */
  readonly rejected: number;
  /** The file name, or `stdin`. */
  readonly source: string;
}

/**
 * Streams the input into `sink` in batches, applying the bad-row policy, so memory follows the sink's state
 * (customers), not the rows. A file is read a second time when the sink asks for it; stdin cannot be, so its
 * rows are also spooled to a temporary file (20 bytes a row: customer number, time, amount) that the second
 * pass reads back, and that is removed at the end.
 */
export async function streamInput(
  values: Values,
  file: string | undefined,
  io: Io,
  sink: BatchSink,
  sharding?: Sharding,
): Promise<StreamedInput> {
  if (file === undefined) throw new UsageError('no input: give a FILE, or - to read stdin');
  const options = readerOptions(values, file);
  const threads = threadsOf(values, sharding);
  const state = policy(values, io);
  const spool = file === '-' ? new Spool() : undefined;
  let customerIds: readonly string[] = [];
  // the sharded read's ids are made strings only when asked for
  let read: ShardedRead | null = null;
  let rows = 0;
  let records = -1;
  try {
    try {
      const sharded =
        file === '-' || sharding === undefined
          ? null
          : await readInShards(
              file,
              options,
              sharding.spec,
              sharding.table,
              threads,
              (record) => state.callbacks.onRejected?.(record) !== false,
              state.callbacks.onProgress,
            );
      if (sharded !== null) {
        read = sharded;
        rows = sharded.rows;
        records = sharded.records;
      } else
        for await (const batch of readerOf(
          file === '-' ? (io.stdin as AsyncIterable<Uint8Array>) : file,
          { ...options, ...state.callbacks },
          false,
        )) {
          customerIds = batch.customerIds;
          rows += batch.columns.at.length;
          sink.add(batch.columns);
          spool?.write(batch.columns);
        }
    } catch (error) {
      throw readerFailure(error);
    }
    if (records < 0) records = rows + state.rejected;
    reportRead(state, io, file, records, rows);
    if (sink.needsReplay) {
      if (spool !== undefined) {
        for (const columns of spool.read()) sink.replay(columns);
      } else {
        try {
          // the same file, the same rows: bad rows were reported in the first pass
          for await (const batch of readerOf(file, { ...options, onRejected: () => true }, false))
            sink.replay(batch.columns);
        } catch (error) {
          throw readerFailure(error);
        }
      }
    }
    const sharded = read;
    return {
      get customerIds() {
        return sharded === null ? customerIds : sharded.customerIds;
      },
      numbered: sharded?.numbered ?? null,
      records,
      rejected: state.rejected,
      source: file === '-' ? 'stdin' : file,
    };
  } finally {
    spool?.remove();
  }
}

/** The rows of stdin on disk, batch by batch, for a second pass. */
class Spool {
  private readonly directory = mkdtempSync(join(tmpdir(), 'patronage-'));
  private readonly path = join(this.directory, 'rows');
  private readonly fd = openSync(this.path, 'w+');
  private readonly sizes: number[] = [];

  write(columns: ReadColumns): void {
    const rows = columns.at.length;
    if (rows === 0) return;
    this.sizes.push(rows);
    for (const array of [columns.at, columns.amount, columns.customerIndex])
      writeSync(this.fd, new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  }

  *read(): Generator<ReadColumns> {
    let position = 0;
    for (const rows of this.sizes) {
      const at = new Float64Array(rows);
      const amount = new Float64Array(rows);
      const customerIndex = new Uint32Array(rows);
      for (const array of [at, amount, customerIndex]) {
        const bytes = new Uint8Array(array.buffer);
        let done = 0;
        while (done < bytes.length) {
          const read = readSync(this.fd, bytes, done, bytes.length - done, position + done);
          if (read === 0) throw new InputError('the spooled copy of stdin ended early');
          done += read;
        }
        position += bytes.length;
      }
      yield { customerIndex, at, amount };
    }
  }

  remove(): void {
    closeSync(this.fd);
    rmSync(this.directory, { recursive: true, force: true });
  }
}
