// The transaction-log reader of the Node entry: CSV (any one-character delimiter, or whitespace) or JSONL
// bytes from a path, a Node stream, a web ReadableStream or any async iterable, parsed straight into typed
// columns for the columnar core, with every rejected record listed by file, line and column.

import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { PatronageError, type PatronageErrorCode } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { optionalObject } from '../internal/validate';
import { resolveCalendar } from '../model/localCalendar';
import { scaleOfFractionDigits } from '../model/money';
import { MAX_EPOCH_MS } from '../model/time';
import { ByteIds } from './byteIds';
import {
  compileDateFormat,
  type DateFormat,
  fastMinorUnits,
  fastTime,
  type Parsed,
  parseFormatted,
  parseIsoOrEpoch,
  parseMinorUnits,
  type WallToInstant,
} from './fieldParsers';
import {
  cutsOf,
  readShards,
  type ShardHeader,
  type ShardJob,
  type ShardResult,
  type ShardStart,
  shardTesting,
  workersOf,
} from './readShards';

/**
 * How {@link readTransactions} reads a log. Every option is optional; an unknown key is `INVALID_OPTION`.
 *
 * @category Reading files
 */
export interface ReadTransactionsOptions {
  /** `'csv'` (default, or `'jsonl'` for a path ending in `.jsonl` / `.ndjson`) or `'jsonl'`. */
  readonly format?: 'csv' | 'jsonl';
  /** The CSV field delimiter: one ASCII character (default `,`; `'\t'` for TSV) or `'whitespace'` (runs of spaces and tabs, as in CDNOW's files). */
  readonly delimiter?: string;
  /** Whether the first CSV line names the columns (default true). Without a header, columns are 1-based positions. */
  readonly header?: boolean;
  /** The customer-id column: a header name (default `'customerId'`) or a 1-based position. */
  readonly customer?: string | number;
  /** The time column: a header name (default `'at'`) or a 1-based position. */
  readonly at?: string | number;
  /** The amount column (default `'amount'`), or `null` for a log without amounts (every amount is 0). */
  readonly amount?: string | number | null;
  /** Read bare numbers in the time column as epoch seconds or milliseconds; without it a bare number is rejected with a hint. */
  readonly epoch?: 's' | 'ms';
  /** A strftime-style format for the time column, such as `'%Y%m%d'` or `'%d/%m/%Y %H:%M'` (default: ISO 8601). */
  readonly dateFormat?: string;
  /** The decimal separator of amounts: `'.'` (default) or `','`. */
  readonly decimal?: '.' | ',';
  /** Digits of the currency's minor unit, 0-6 (default 2); an amount with more is rejected, never rounded. */
  readonly fractionDigits?: number;
  /** IANA time zone of times written without an offset (default: UTC). */
  readonly timeZone?: string;
  /** The name rejected records carry as their file (default: the path, or `'<stream>'`). */
  readonly name?: string;
  /**
   * Called for each rejected record instead of collecting it; return `false` to stop reading (the result
   * then has `stopped: true`).
   */
  readonly onRejected?: (record: RejectedRecord) => boolean | undefined;
  /** Called after each block of input (about 4 MiB) with the records read so far, for progress displays. */
  readonly onProgress?: (records: number) => void;
  /**
   * Threads that read a file (a path source of {@link readTransactions}): a positive whole number (default
   * 1) or `'auto'` (`os.availableParallelism()`). The file is cut into byte ranges, each read by a
   * `worker_threads` worker, and merged into exactly what one thread reads. Other sources, and
   * {@link readTransactionBatches}, are read on one thread.
   */
  readonly workers?: number | 'auto';
}

/**
 * Transactions as the reader returns them: row i is customer number `customerIndex[i]` at `at[i]`.
 *
 * @category Reading files
 */
export interface ReadColumns {
  /** The customer of each row, an index into the reader's `customerIds`. */
  readonly customerIndex: Uint32Array;
  /** Epoch milliseconds. */
  readonly at: Float64Array;
  /** Amounts in major units, exact to the currency's minor unit (0 for a log without amounts). */
  readonly amount: Float64Array;
}

/**
 * A record the reader refused, and where it is.
 *
 * @category Reading files
 */
export interface RejectedRecord {
  /** The file name (or `'<stream>'`). */
  readonly file: string;
  /** 1-based line of the record's first line. */
  readonly line: number;
  /** 1-based character position of the offending field in its line (1 when the whole record is bad). */
  readonly column: number;
  /** The column the problem is in, or null when the whole record is bad. */
  readonly field: string | null;
  /** `MALFORMED_RECORD` (fields, quotes, JSON, UTF-8), `MISSING_FIELD`, `INVALID_FIELD`, `INVALID_TIMESTAMP`, `MONEY_PRECISION`. */
  readonly code: PatronageErrorCode;
  /** What is wrong, naming the value (`"19.999" has more decimals than the currency's 2`). */
  readonly message: string;
  /** Lines the record covered (more than 1 for a quoted line break or a quote never closed). */
  readonly lines: number;
}

/**
 * Transactions as columns, ready for `rfmSummaryColumns`, `cohortRetentionColumns` and the other columnar
 * functions: row i is customer `customerIds[customerIndex[i]]` buying at `at[i]` (epoch ms) for `amount[i]`
 * (major units, exact to the currency's minor unit).
 *
 * @category Reading files
 */
export interface TransactionTable {
  /** The transactions, row by row. */
  readonly columns: ReadColumns;
  /** Customer ids in order of first appearance; `customerIndex` points into it. */
  readonly customerIds: readonly string[];
  /** Data records read, accepted and rejected. */
  readonly records: number;
  /** Every rejected record (empty when `onRejected` is given). */
  readonly rejected: readonly RejectedRecord[];
  /** Whether `onRejected` stopped the reading early. */
  readonly stopped: boolean;
}

/**
 * One batch of {@link readTransactionBatches}: the rows of about 64k records, with the customer dictionary so
 * far (it only grows, so earlier batches' indexes stay valid).
 *
 * @category Reading files
 */
export interface TransactionBatch {
  /** The transactions, row by row. */
  readonly columns: ReadColumns;
  /** Customer ids met so far, in order of first appearance; `customerIndex` points into it. */
  readonly customerIds: readonly string[];
  /** Records rejected in this batch (empty when `onRejected` is given). */
  readonly rejected: readonly RejectedRecord[];
}

/** Bytes from a path, a Node stream, a web ReadableStream, an async or sync iterable of chunks, or one buffer. */
export type ByteSource =
  | string
  | Uint8Array
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>
  | ReadableStream<Uint8Array>;

/**
 * The longest record a quoted field may make: past 1,000 lines or 1 MiB the record is rejected (its first
 * line) and reading goes on at the line after it, so one stray quote costs one record.
 *
 * @example
 * ```ts
 * import { MAX_RECORD_LINES } from 'patronage/node';
 *
 * MAX_RECORD_LINES; // => 1000
 * ```
 *
 * @category Reading files
 */
export const MAX_RECORD_LINES: number = 1000;
/**
 * The longest record a quoted field may make in bytes (1 MiB); see {@link MAX_RECORD_LINES}.
 *
 * @example
 * ```ts
 * import { MAX_RECORD_BYTES, MAX_RECORD_LINES } from 'patronage/node';
 *
 * MAX_RECORD_BYTES; // => 1048576
 * MAX_RECORD_LINES; // => 1000
 * ```
 *
 * @category Reading files
 */
export const MAX_RECORD_BYTES: number = 1_048_576;

const BATCH_ROWS = 1 << 16;
const OPTION_KEYS = [
  'format',
  'delimiter',
  'header',
  'customer',
  'at',
  'amount',
  'epoch',
  'dateFormat',
  'decimal',
  'fractionDigits',
  'timeZone',
  'name',
  'onRejected',
  'onProgress',
  'workers',
] as const satisfies readonly (keyof ReadTransactionsOptions)[];

export interface Settings {
  readonly format: 'csv' | 'jsonl';
  readonly delimiter: number; // a byte, or -1 for whitespace
  readonly header: boolean;
  readonly columns: readonly [string | number, string | number, string | number | null];
  readonly epoch: 's' | 'ms' | null;
  readonly dateFormat: DateFormat | null;
  readonly decimal: number;
  readonly fractionDigits: number;
  readonly scale: number;
  readonly wall: WallToInstant;
  readonly file: string;
  readonly onRejected: ((record: RejectedRecord) => boolean | undefined) | null;
  readonly onProgress: ((records: number) => void) | null;
}

function option(fn: string, name: string, value: unknown, why: string): PatronageError {
  return new PatronageError('OUT_OF_RANGE', `${fn}: ${name} ${why}, got ${describeValue(value)}`, {
    argument: name,
    value,
  });
}

export function settingsOf(fn: string, source: unknown, options: unknown): Settings {
  const record = optionalObject(fn, 'options', options, OPTION_KEYS);
  const path = typeof source === 'string' ? source : null;
  const format = record['format'] ?? (path !== null && /\.(jsonl|ndjson)$/i.test(path) ? 'jsonl' : 'csv');
  if (format !== 'csv' && format !== 'jsonl') throw option(fn, 'format', format, "must be 'csv' or 'jsonl'");
  const delimiterText = record['delimiter'] ?? ',';
  if (
    typeof delimiterText !== 'string' ||
    (delimiterText !== 'whitespace' &&
      (delimiterText.length !== 1 || delimiterText.charCodeAt(0) > 127 || /["\r\n]/.test(delimiterText)))
  ) {
    throw option(
      fn,
      'delimiter',
      delimiterText,
      "must be one ASCII character other than a quote or a line break, or 'whitespace'",
    );
  }
  const header = record['header'] ?? true;
  if (typeof header !== 'boolean') throw option(fn, 'header', header, 'must be true or false');
  const column = (name: string, fallback: string, nullable: boolean): string | number | null => {
    const value = record[name] === undefined ? fallback : record[name];
    if (value === null && nullable) return null;
    if (typeof value === 'string' && value !== '' && header) return value;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1) return value;
    throw option(
      fn,
      name,
      value,
      header
        ? 'must be a column name or a 1-based position'
        : 'must be a 1-based column position (the file has no header)',
    );
  };
  const columns = [
    column('customer', 'customerId', false) as string | number,
    column('at', 'at', false) as string | number,
    column('amount', 'amount', true),
  ] as const;
  const epoch = record['epoch'] ?? null;
  if (epoch !== null && epoch !== 's' && epoch !== 'ms')
    throw option(fn, 'epoch', epoch, "must be 's' or 'ms'");
  const formatText = record['dateFormat'];
  if (formatText !== undefined && typeof formatText !== 'string')
    throw option(fn, 'dateFormat', formatText, 'must be a string');
  const decimal = record['decimal'] ?? '.';
  if (decimal !== '.' && decimal !== ',') throw option(fn, 'decimal', decimal, "must be '.' or ','");
  if (decimal === ',' && delimiterText === ',' && format === 'csv')
    throw option(fn, 'decimal', decimal, "cannot be ',' while the delimiter is ',' (use delimiter ';')");
  const fractionDigits = record['fractionDigits'] ?? 2;
  const scale = scaleOfFractionDigits(fn, fractionDigits);
  const zone = record['timeZone'];
  let wall: WallToInstant = null;
  if (zone !== undefined) {
    const calendar = resolveCalendar(fn, { timeZone: zone }, ['timeZone']);
    const midnight = new Map<number, number>();
    wall = (wallMs) => {
      if (wallMs % 86_400_000 !== 0) return calendar.fromLocal(wallMs);
      let cached = midnight.get(wallMs);
      if (cached === undefined) {
        cached = calendar.fromLocal(wallMs);
        if (midnight.size > 100_000) midnight.clear();
        midnight.set(wallMs, cached);
      }
      return cached;
    };
  }
  const name = record['name'] ?? path ?? '<stream>';
  if (typeof name !== 'string') throw option(fn, 'name', name, 'must be a string');
  const onRejected = record['onRejected'] ?? null;
  if (onRejected !== null && typeof onRejected !== 'function')
    throw option(fn, 'onRejected', onRejected, 'must be a function');
  workersOf(fn, record['workers']); // checked for every source; only readTransactions of a path uses it
  const onProgress = record['onProgress'] ?? null;
  if (onProgress !== null && typeof onProgress !== 'function')
    throw option(fn, 'onProgress', onProgress, 'must be a function');
  return {
    format,
    delimiter: delimiterText === 'whitespace' ? -1 : delimiterText.charCodeAt(0),
    header,
    columns,
    epoch,
    dateFormat: formatText === undefined ? null : compileDateFormat(fn, formatText),
    decimal: decimal.charCodeAt(0),
    fractionDigits: fractionDigits as number,
    scale,
    wall,
    file: name,
    onRejected: onRejected as Settings['onRejected'],
    onProgress: onProgress as Settings['onProgress'],
  };
}

async function* chunksOf(fn: string, source: unknown): AsyncGenerator<Uint8Array> {
  if (typeof source === 'string') {
    const stream = createReadStream(source, { highWaterMark: 1 << 20 });
    try {
      for await (const chunk of stream) yield chunk as Buffer;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES')
        throw new PatronageError('INVALID_ARGUMENT', `${fn}: cannot read ${source} (${code})`, {
          argument: 'source',
          value: source,
        });
      throw error;
    } finally {
      stream.destroy();
    }
    return;
  }
  if (source instanceof Uint8Array) {
    yield source;
    return;
  }
  if (typeof source === 'object' && source !== null) {
    if (typeof (source as ReadableStream).getReader === 'function' && !(Symbol.asyncIterator in source)) {
      const reader = (source as ReadableStream<Uint8Array>).getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield chunk(fn, value);
        }
      } finally {
        reader.releaseLock();
      }
    }
    if (Symbol.asyncIterator in source) {
      for await (const value of source as AsyncIterable<unknown>) yield chunk(fn, value);
      return;
    }
    if (Symbol.iterator in source) {
      for (const value of source as Iterable<unknown>) yield chunk(fn, value);
      return;
    }
  }
  throw new PatronageError(
    'INVALID_ARGUMENT',
    `${fn}: source must be a path, a Uint8Array, a stream or an iterable of byte chunks, got ${describeValue(source)}`,
    { argument: 'source', value: source },
  );
}

function chunk(fn: string, value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return textEncoder.encode(value);
  throw new PatronageError(
    'INVALID_ARGUMENT',
    `${fn}: a chunk of the source must be bytes or text, got ${describeValue(value)}`,
    {
      argument: 'source',
      value,
    },
  );
}

/** Growable typed columns for one batch. */
class Columns {
  customerIndex = new Uint32Array(1024);
  at = new Float64Array(1024);
  amount = new Float64Array(1024);
  length = 0;

  push(customer: number, at: number, amount: number): void {
    if (this.length === this.at.length) this.resize(this.length * 2);
    this.customerIndex[this.length] = customer;
    this.at[this.length] = at;
    this.amount[this.length] = amount;
    this.length++;
  }

  /** The columns of a batch taken earlier and no longer used, for the next batch. */
  private spare: {
    customerIndex: Uint32Array<ArrayBuffer>;
    at: Float64Array<ArrayBuffer>;
    amount: Float64Array<ArrayBuffer>;
  } | null = null;

  /** Takes back the columns of a batch that nothing holds any more (a view of whole columns, else ignored). */
  recycle(columns: ReadColumns): void {
    const { customerIndex, at, amount } = columns;
    const size = at.buffer.byteLength / 8;
    if (at.byteOffset !== 0 || amount.byteOffset !== 0 || customerIndex.byteOffset !== 0) return;
    if (amount.buffer.byteLength !== 8 * size || customerIndex.buffer.byteLength !== 4 * size) return;
    this.spare = {
      customerIndex: new Uint32Array(customerIndex.buffer as ArrayBuffer),
      at: new Float64Array(at.buffer as ArrayBuffer),
      amount: new Float64Array(amount.buffer as ArrayBuffer),
    };
  }

  /** Makes room for `rows` rows in all (a file's estimate, so that the columns need not double). */
  reserve(rows: number): void {
    if (rows > this.at.length) this.resize(rows);
  }

  private resize(size: number): void {
    const customerIndex = new Uint32Array(size);
    customerIndex.set(this.customerIndex.subarray(0, this.length));
    const times = new Float64Array(size);
    times.set(this.at.subarray(0, this.length));
    const amounts = new Float64Array(size);
    amounts.set(this.amount.subarray(0, this.length));
    this.customerIndex = customerIndex;
    this.at = times;
    this.amount = amounts;
  }

  /**
   * The rows so far, and a fresh start. Columns at least 7/8 full are handed over as views (no copy, and no
   * second set of columns at the peak); emptier ones are copied to their length. `again`: more batches
   * follow (batches of a read in batches), so the fresh columns start at this one's size.
   */
  take(again: boolean): ReadColumns {
    const full = this.length >= this.at.length - (this.at.length >> 3);
    const taken = full
      ? {
          customerIndex: this.customerIndex.subarray(0, this.length),
          at: this.at.subarray(0, this.length),
          amount: this.amount.subarray(0, this.length),
        }
      : {
          customerIndex: this.customerIndex.slice(0, this.length),
          at: this.at.slice(0, this.length),
          amount: this.amount.slice(0, this.length),
        };
    if (full) {
      // batch after batch, the next as large as this one (growing from 1,024 rows copies a batch twice over),
      // in the columns of a batch handed back when there are some
      const size = again ? this.at.length : 1024;
      const spare = this.spare;
      this.spare = null;
      if (spare !== null && spare.at.length === size) {
        this.customerIndex = spare.customerIndex;
        this.at = spare.at;
        this.amount = spare.amount;
      } else {
        this.customerIndex = new Uint32Array(size);
        this.at = new Float64Array(size);
        this.amount = new Float64Array(size);
      }
    }
    this.length = 0;
    return taken;
  }
}

const NEWLINE = 10;
const QUOTE = 34;
/** The bytes {@link fastTime} takes in a time field: digits, `-+:.TZz` and a space. */
const TIME_BYTES: readonly number[] = [...'0123456789-+:.TZz '].map((c) => c.charCodeAt(0));
const textDecoder = new TextDecoder();
const textEncoder = new TextEncoder();

/** The state of one read: where the columns are, the customers seen, the batch being filled. */
export class Reader {
  private readonly idTable = new ByteIds();
  /** The customer ids, in order of first appearance (index = customer number). */
  get customerIds(): string[] {
    return this.idTable.ids;
  }

  /** See {@link ByteIds.numberedIds}. */
  numberedIds(): ReturnType<ByteIds['numberedIds']> {
    return this.idTable.numberedIds();
  }

  /** See {@link ByteIds.numberedBytes}. */
  numberedIdBytes(): ReturnType<ByteIds['numberedBytes']> {
    return this.idTable.numberedBytes();
  }
  private readonly batch = new Columns();
  private rejectedInBatch: RejectedRecord[] = [];
  records = 0;
  stopped = false;
  private line = 0;
  /** The columns' positions (0-based), once the header (or the options) fixed them. */
  private positions: [number, number, number] | null = null;
  private headerFields = 0;
  private readonly names: [string, string, string];
  private pending: {
    start: number;
    lines: number;
    parts: Uint8Array[];
    /** Where each part starts in the input (bytes), so a shard can say where its open record began. */
    offsets: number[];
    bytes: number;
  } | null = null;
  /** Where the current block starts in the input, in bytes. */
  base = 0;
  /** Accepted rows and records so far at each rejected record (kept by a shard, for `onRejected`). */
  readonly rejectedAt: { rows: number[]; records: number[] } | null;
  /** Whether this reader starts at the start of the input (a byte-order mark may come first). */
  private readonly atStart: boolean;
  private readonly batchRows: number;
  /** Whether blocks go through {@link Reader.plainLines}: CSV with a one-byte delimiter and ISO or epoch times. */
  private readonly fast: boolean;
  private readonly starts = new Int32Array(3);
  private readonly ends = new Int32Array(3);

  constructor(
    private readonly fn: string,
    private readonly settings: Settings,
    shard: ShardStart | null = null,
    batchRows: number = BATCH_ROWS,
  ) {
    this.batchRows = batchRows;
    this.atStart = shard === null || shard.atStart;
    this.rejectedAt = shard === null ? null : { rows: [], records: [] };
    this.fast = settings.format === 'csv' && settings.delimiter !== -1 && settings.dateFormat === null;
    const [customer, at, amount] = settings.columns;
    this.names = [String(customer), String(at), amount === null ? '' : String(amount)];
    if (!settings.header && settings.format === 'csv') {
      this.positions = [
        (customer as number) - 1,
        (at as number) - 1,
        amount === null ? -1 : (amount as number) - 1,
      ];
    }
    if (shard?.header) {
      this.positions = [...shard.header.positions];
      this.headerFields = shard.header.fields;
    }
  }

  /** The header's column positions and field count, once read (null before, or without a header). */
  get header(): ShardHeader | null {
    return this.positions === null || !this.settings.header
      ? null
      : { positions: this.positions, fields: this.headerFields };
  }

  /** Lines read so far, and where the open quoted record (if any) began: a shard's end. */
  get end(): { line: number; offset: number | null } {
    const pending = this.pending;
    return pending === null
      ? { line: this.line, offset: null }
      : { line: pending.start - 1, offset: pending.offsets[0] as number };
  }

  /** Makes room for about `bytes` more bytes of input, at the rows per byte read so far. */
  reserveFor(bytesRead: number, bytesLeft: number): void {
    if (this.batchRows !== Number.POSITIVE_INFINITY || this.batch.length === 0 || bytesRead === 0) return;
    this.batch.reserve(Math.ceil(this.batch.length * (1 + (1.02 * bytesLeft) / bytesRead)) + 1024);
  }

  /** The rows accepted so far (all of them while batches are not taken). */
  get rows(): number {
    return this.batch.length;
  }

  /** Tells `onProgress` how many records were read so far. */
  progress(): void {
    this.settings.onProgress?.(this.records);
  }

  get full(): boolean {
    return this.batch.length >= this.batchRows;
  }

  /**
   * Takes back the columns of a batch once the caller has done with them (nothing holds them or a view of
   * them any more): the next batch is read into them.
   */
  recycle(columns: ReadColumns): void {
    this.batch.recycle(columns);
  }

  takeBatch(): TransactionBatch {
    const { columns, rejected } = this.takeRows();
    return { columns, customerIds: this.customerIds, rejected };
  }

  /** {@link Reader.takeBatch} without the ids (which a numbered id's string is made for only when asked). */
  takeRows(): { columns: ReadColumns; rejected: RejectedRecord[] } {
    const rejected = this.rejectedInBatch;
    this.rejectedInBatch = [];
    this.idTable.settle(this.batch.customerIndex, 0, this.batch.length);
    return { columns: this.batch.take(this.batchRows !== Number.POSITIVE_INFINITY), rejected };
  }

  private reject(
    line: number,
    column: number,
    field: string | null,
    code: PatronageErrorCode,
    message: string,
    lines = 1,
  ): void {
    const record: RejectedRecord = { file: this.settings.file, line, column, field, code, message, lines };
    if (this.rejectedAt !== null) {
      this.rejectedAt.rows.push(this.batch.length);
      this.rejectedAt.records.push(this.records);
    }
    if (this.settings.onRejected === null) this.rejectedInBatch.push(record);
    else if (this.settings.onRejected(record) === false) this.stopped = true;
  }

  /** Reads a block of complete lines (ending at a line break, or the end of input). */
  block(bytes: Uint8Array): void {
    const valid = isUtf8(bytes);
    // the first block starts at the start of the input (a chunk without a line break waits in the carry),
    // so a byte-order mark is found here whatever the chunk sizes
    let position =
      this.atStart && this.line === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    let nextQuote = bytes.indexOf(QUOTE);
    const fast = valid && this.fast;
    while (position < bytes.length && !this.stopped) {
      if (fast && this.pending === null && this.positions !== null) {
        position = this.plainLines(bytes, position);
        if (position >= bytes.length || this.stopped) break;
      }
      let newline = bytes.indexOf(NEWLINE, position);
      if (newline < 0) newline = bytes.length;
      let end = newline;
      if (end > position && bytes[end - 1] === 13) end--;
      this.line++;
      if (nextQuote >= 0 && nextQuote < position) nextQuote = bytes.indexOf(QUOTE, position);
      const quoted = nextQuote >= 0 && nextQuote < end;
      if (!valid && !isUtf8(bytes.subarray(position, end))) this.undecodable();
      else if (this.settings.format === 'jsonl') this.jsonLine(bytes, position, end);
      else if (this.pending !== null) this.continueRecord(bytes, position, end, quoted, this.base + position);
      else if (quoted) this.startQuoted(bytes, position, end, this.base + position);
      else this.csvLine(bytes, position, end, this.line, 1);
      position = newline + 1;
    }
  }

  /**
   * The fast path of a CSV block: from `position`, the lines without a quote are split and their three
   * fields read in one pass over the bytes, straight into the columns. A line whose fields the fast parsers
   * do not take (a bad record, a rarer spelling) goes to {@link Reader.csvLine}, which gives its value or
   * its rejection; a line with a quote ends the run. Returns where the reading stopped.
   */
  private plainLines(bytes: Uint8Array, position: number): number {
    const positions = this.positions as [number, number, number];
    const customer = positions[0];
    const at = positions[1];
    const amount = positions[2];
    const { settings, batch, idTable } = this;
    const delimiter = settings.delimiter;
    const fields = settings.header ? this.headerFields : -1;
    const needed = Math.max(customer, at, amount) + 1;
    const { epoch, wall, decimal, fractionDigits, scale } = settings;
    // the bytes that end a field or a line, or send it to the slow path, are at most this; most data bytes
    // (digits, letters, '-', ':', '.') are above it, so they cost one comparison
    const special = Math.max(delimiter, QUOTE, NEWLINE);
    // A time field is usually as long as the one before (ISO to the second, epoch ms): after the delimiter
    // before it, the reader tries the field that long, and when the byte after it ends the field and the fast
    // time parser takes every byte of it, the scan goes on after it. That parser takes only digits and
    // `-+:.TZz `, so no delimiter, quote or line break can hide inside; with one of those as the delimiter
    // the guess is off (and when the time column is mapped twice).
    let guess = TIME_BYTES.includes(delimiter) || at === customer || at === amount ? -1 : 0;
    const length = bytes.length;
    let i = position;
    while (i < length) {
      const lineStart = i;
      let field = 0;
      let fieldStart = lineStart;
      let customerStart = -1;
      let customerEnd = -1;
      let atStart = -1;
      let atEnd = -1;
      let amountStart = -1;
      let amountEnd = -1;
      let time = Number.NaN;
      let k = lineStart;
      for (; k < length; k++) {
        const byte = bytes[k] as number;
        if (byte > special) continue;
        if (byte === delimiter) {
          if (field === customer) {
            customerStart = fieldStart;
            customerEnd = k;
          } else if (field === at) {
            atStart = fieldStart;
            atEnd = k;
          } else if (field === amount) {
            amountStart = fieldStart;
            amountEnd = k;
          }
          field++;
          fieldStart = k + 1;
          if (field === at && guess > 0) {
            const end = fieldStart + guess;
            const next = end < length ? bytes[end] : NEWLINE;
            if (
              end <= length &&
              (next === delimiter ||
                next === NEWLINE ||
                (next === 13 && (end + 1 === length || bytes[end + 1] === NEWLINE)))
            ) {
              const parsed = fastTime(bytes, fieldStart, end, epoch, wall);
              if (!Number.isNaN(parsed)) {
                time = parsed;
                k = end - 1; // the delimiter or line end after it is read next
              }
            }
          }
        } else if (byte === NEWLINE) break;
        else if (byte === QUOTE) return lineStart;
      }
      const newline = k;
      const lineEnd = newline > lineStart && bytes[newline - 1] === 13 ? newline - 1 : newline;
      // the last field ends at the line's end (before a CR; the delimiter is never a CR)
      if (field === customer) {
        customerStart = fieldStart;
        customerEnd = lineEnd;
      } else if (field === at) {
        atStart = fieldStart;
        atEnd = lineEnd;
      } else if (field === amount) {
        amountStart = fieldStart;
        amountEnd = lineEnd;
      }
      i = newline + 1;
      this.line++;
      const count = field + 1;
      let accepted = fields >= 0 ? count === fields : count >= needed;
      if (accepted) {
        while (customerStart < customerEnd && isBlankByte(bytes[customerStart])) customerStart++;
        while (customerEnd > customerStart && isBlankByte(bytes[customerEnd - 1])) customerEnd--;
        while (atStart < atEnd && isBlankByte(bytes[atStart])) atStart++;
        while (atEnd > atStart && isBlankByte(bytes[atEnd - 1])) atEnd--;
        if (Number.isNaN(time) && customerStart < customerEnd) {
          const parsed = fastTime(bytes, atStart, atEnd, epoch, wall);
          if (!Number.isNaN(parsed)) {
            time = parsed;
            if (guess >= 0) guess = atEnd - atStart;
          }
        }
        if (customerStart === customerEnd) time = Number.NaN;
        const minor = amount < 0 ? 0 : fastMinorUnits(bytes, amountStart, amountEnd, decimal, fractionDigits);
        accepted = !Number.isNaN(time) && !Number.isNaN(minor);
        if (accepted) {
          this.records++;
          batch.push(idTable.code(bytes, customerStart, customerEnd), time, minor / scale);
        }
      }
      if (!accepted) {
        this.csvLine(bytes, lineStart, lineEnd, this.line, 1);
        if (this.stopped) return i;
      }
    }
    return i;
  }

  private undecodable(): void {
    const message =
      'the line is not valid UTF-8 (re-encode the file as UTF-8, e.g. iconv -f latin1 -t utf-8)';
    if (this.pending !== null)
      this.abandonPending('a quoted field opened here is not closed before a line that is not valid UTF-8');
    if (this.stopped) return;
    if (this.settings.format === 'csv' && this.positions === null)
      throw this.unreadable(`the header (line ${this.line}) is not valid UTF-8`);
    this.records++;
    this.reject(this.line, 1, null, 'MALFORMED_RECORD', message);
  }

  private unreadable(why: string): PatronageError {
    return new PatronageError('INVALID_ARGUMENT', `${this.fn}: ${this.settings.file}: ${why}`, {
      argument: 'source',
      value: this.settings.file,
    });
  }

  /** A CSV record without quotes: split at the delimiter, read the three fields. */
  private csvLine(bytes: Uint8Array, start: number, end: number, line: number, lines: number): void {
    if (this.positions === null) {
      this.readHeader(splitPlain(bytes, start, end, this.settings.delimiter));
      return;
    }
    if (isBlank(bytes, start, end, this.settings.delimiter)) return;
    this.records++;
    const [customer, at, amount] = this.positions;
    const { starts, ends } = this;
    starts[0] = starts[1] = starts[2] = -1;
    const delimiter = this.settings.delimiter;
    let field = 0;
    let fieldStart = start;
    let i = start;
    if (delimiter === -1) {
      while (i < end && (bytes[i] === 32 || bytes[i] === 9)) i++;
      fieldStart = i;
    }
    for (;;) {
      let stop = i;
      if (delimiter === -1) {
        while (stop < end && bytes[stop] !== 32 && bytes[stop] !== 9) stop++;
      } else {
        while (stop < end && bytes[stop] !== delimiter) stop++;
      }
      if (field === customer) {
        starts[0] = fieldStart;
        ends[0] = stop;
      } else if (field === at) {
        starts[1] = fieldStart;
        ends[1] = stop;
      } else if (field === amount) {
        starts[2] = fieldStart;
        ends[2] = stop;
      }
      field++;
      if (stop >= end) break;
      i = stop + 1;
      if (delimiter === -1) {
        while (i < end && (bytes[i] === 32 || bytes[i] === 9)) i++;
        if (i >= end) break;
      }
      fieldStart = i;
    }
    if (
      this.settings.header
        ? field !== this.headerFields
        : starts[0] < 0 || starts[1] < 0 || (amount >= 0 && starts[2] < 0)
    ) {
      this.reject(
        line,
        1,
        null,
        'MALFORMED_RECORD',
        this.settings.header
          ? `has ${field} fields, the header has ${this.headerFields}`
          : `has ${field} fields; the mapped columns need ${Math.max(customer, at, amount) + 1}`,
        lines,
      );
      return;
    }
    this.accept(bytes, line, lines, start, null);
  }

  /** Reads the three fields whose byte ranges are in starts/ends; `lineStart` gives column numbers. */
  private accept(
    bytes: Uint8Array,
    line: number,
    lines: number,
    lineStart: number,
    written: readonly number[] | null,
  ): void {
    const { settings, starts, ends } = this;
    let cs = starts[0] as number;
    let ce = ends[0] as number;
    while (cs < ce && (bytes[cs] === 32 || bytes[cs] === 9)) cs++;
    while (ce > cs && (bytes[ce - 1] === 32 || bytes[ce - 1] === 9)) ce--;
    if (cs === ce) {
      this.reject(
        line,
        this.columnOf(0, lineStart, written),
        this.names[0],
        'MISSING_FIELD',
        'the customer id is missing',
        lines,
      );
      return;
    }
    let ts = starts[1] as number;
    let te = ends[1] as number;
    while (ts < te && (bytes[ts] === 32 || bytes[ts] === 9)) ts++;
    while (te > ts && (bytes[te - 1] === 32 || bytes[te - 1] === 9)) te--;
    const time: Parsed =
      ts === te
        ? { code: 'MISSING_FIELD', problem: 'the time is missing' }
        : settings.dateFormat === null
          ? parseIsoOrEpoch(bytes, ts, te, settings.epoch, settings.wall)
          : parseFormatted(bytes, ts, te, settings.dateFormat, settings.wall);
    if (typeof time !== 'number') {
      this.reject(line, this.columnOf(1, lineStart, written), this.names[1], time.code, time.problem, lines);
      return;
    }
    let minor = 0;
    if ((starts[2] as number) >= 0) {
      const money = parseMinorUnits(
        bytes,
        starts[2] as number,
        ends[2] as number,
        settings.decimal,
        settings.fractionDigits,
      );
      if (typeof money !== 'number') {
        this.reject(
          line,
          this.columnOf(2, lineStart, written),
          this.names[2],
          money.code,
          money.problem,
          lines,
        );
        return;
      }
      minor = money;
    }
    this.batch.push(this.customerCode(bytes, cs, ce), time, minor / settings.scale);
  }

  /** The 1-based column of field k (0 customer, 1 time, 2 amount) in its line, for a rejected record. */
  private columnOf(k: number, lineStart: number, written: readonly number[] | null): number {
    return written === null
      ? (this.starts[k] as number) - lineStart + 1
      : (written[this.positions?.[k] ?? 0] ?? 0) + 1;
  }

  /** The code of a customer id (the batch's column holds codes until {@link Reader.takeBatch} settles them). */
  private customerCode(bytes: Uint8Array, start: number, end: number): number {
    return this.idTable.code(bytes, start, end);
  }

  /** The customer number of an id given as a string, adding it when new (the merge of shards). */
  customerNumberOf(id: string): number {
    return this.idTable.numberOf(id);
  }

  /** The customer number of the id in UTF-8 bytes `bytes[start, end)`, adding it when new (the CLI's shards). */
  customerNumberOfBytes(bytes: Uint8Array, start: number, end: number): number {
    return this.idTable.number(bytes, start, end);
  }

  private customerCodeOf(id: string): number {
    return this.idTable.codeOf(id);
  }

  private readHeader(fields: { starts: number[]; ends: number[]; bytes: Uint8Array }): void {
    const names = fields.starts.map((start, k) =>
      textDecoder.decode(fields.bytes.subarray(start, fields.ends[k])).trim(),
    );
    const find = (wanted: string | number | null): number =>
      wanted === null ? -1 : names.indexOf(String(wanted));
    const [customer, at, amount] = this.settings.columns;
    const positions: [number, number, number] = [find(customer), find(at), find(amount)];
    const missing = (['customer', 'at', 'amount'] as const).filter(
      (_, k) => positions[k] === -1 && this.settings.columns[k] !== null,
    );
    if (missing.length > 0) {
      const why = `the header has no column ${missing.map((key, k) => JSON.stringify(this.settings.columns[(['customer', 'at', 'amount'] as const).indexOf(key)] ?? k)).join(', ')} (columns: ${names.join(', ')})`;
      throw new PatronageError('MISSING_FIELD', `${this.fn}: ${this.settings.file}:${this.line}: ${why}`, {
        argument: 'options',
        missing,
        header: names,
      });
    }
    this.positions = positions;
    this.headerFields = names.length;
  }

  // A quoted record: it may span lines. Its lines wait until the quotes balance; a line without a quote
  // cannot close it, so only lines with quotes trigger a re-split (linear in the record).
  private startQuoted(bytes: Uint8Array, start: number, end: number, offset: number): void {
    this.pending = { start: this.line, lines: 0, parts: [], offsets: [], bytes: 0 };
    this.continueRecord(bytes, start, end, true, offset);
  }

  private continueRecord(
    bytes: Uint8Array,
    start: number,
    end: number,
    quoted: boolean,
    offset: number,
  ): void {
    const pending = this.pending as NonNullable<Reader['pending']>;
    pending.parts.push(copyOf(bytes, start, end)); // the block's bytes are read over later
    pending.offsets.push(offset);
    pending.lines++;
    pending.bytes += end - start + 1;
    if (quoted) {
      const record = joinLines(pending.parts);
      const split = splitQuoted(record, this.settings.delimiter);
      if (split !== null) {
        this.pending = null;
        this.quotedRecord(split, pending.start, pending.lines);
        return;
      }
    }
    if (pending.lines > MAX_RECORD_LINES || pending.bytes > MAX_RECORD_BYTES)
      this.abandonPending(
        `a quoted field opened here is not closed within ${MAX_RECORD_LINES} lines or ${MAX_RECORD_BYTES} bytes`,
      );
  }

  /** The open record is rejected (its first line); the lines after it are read again. */
  private abandonPending(message: string): void {
    const pending = this.pending as NonNullable<Reader['pending']>;
    this.pending = null;
    if (this.positions === null)
      throw this.unreadable(`the header (line ${pending.start}) has a quote that is never closed`);
    this.records++;
    this.reject(pending.start, 1, null, 'MALFORMED_RECORD', message, 1);
    const resume = this.line;
    this.line = pending.start;
    for (let k = 1; k < pending.parts.length; k++) {
      if (this.stopped) break;
      const part = pending.parts[k] as Uint8Array;
      const offset = pending.offsets[k] as number;
      this.line++;
      const quoted = part.indexOf(QUOTE) >= 0;
      if (this.pending !== null) this.continueRecord(part, 0, part.length, quoted, offset);
      else if (quoted) this.startQuoted(part, 0, part.length, offset);
      else this.csvLine(part, 0, part.length, this.line, 1);
    }
    this.line = resume;
  }

  private quotedRecord(split: Split, line: number, lines: number): void {
    if (this.positions === null) {
      this.readHeader({ bytes: split.bytes, starts: split.starts, ends: split.ends });
      return;
    }
    this.records++;
    const [customer, at, amount] = this.positions;
    const count = split.starts.length;
    if (this.settings.header ? count !== this.headerFields : Math.max(customer, at, amount) >= count) {
      this.reject(
        line,
        1,
        null,
        'MALFORMED_RECORD',
        `has ${count} fields, the header has ${this.headerFields}`,
        lines,
      );
      return;
    }
    const { starts, ends } = this;
    const pick = (k: number, position: number): void => {
      starts[k] = position < 0 ? -1 : (split.starts[position] as number);
      ends[k] = position < 0 ? -1 : (split.ends[position] as number);
    };
    pick(0, customer);
    pick(1, at);
    pick(2, amount);
    this.accept(asBuffer(split.bytes), line, lines, 0, split.written);
  }

  private jsonLine(bytes: Uint8Array, start: number, end: number): void {
    if (isBlank(bytes, start, end, -1)) return;
    this.records++;
    const text = textDecoder.decode(bytes.subarray(start, end));
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.reject(this.line, 1, null, 'MALFORMED_RECORD', `not valid JSON (${(error as Error).message})`);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.reject(this.line, 1, null, 'MALFORMED_RECORD', 'each line must be a JSON object');
      return;
    }
    const fields = value as Record<string, unknown>;
    const own = (name: string | number | null): unknown =>
      name !== null && Object.hasOwn(fields, String(name)) ? fields[String(name)] : undefined;
    const [customerName, atName, amountName] = this.settings.columns;
    const columnOf = (name: string | number | null): number =>
      Math.max(1, text.indexOf(JSON.stringify(String(name))) + 1);
    let customer = own(customerName);
    if (typeof customer === 'number' && Number.isSafeInteger(customer)) customer = String(customer);
    if (typeof customer !== 'string' || customer.trim() === '') {
      this.reject(
        this.line,
        columnOf(customerName),
        this.names[0],
        'MISSING_FIELD',
        'the customer id is missing or not a string',
      );
      return;
    }
    const rawTime = own(atName);
    const time = this.jsonTime(rawTime);
    if (typeof time !== 'number') {
      this.reject(this.line, columnOf(atName), this.names[1], time.code, time.problem);
      return;
    }
    let minor = 0;
    if (amountName !== null) {
      const rawAmount = own(amountName);
      const money = this.jsonAmount(rawAmount);
      if (typeof money !== 'number') {
        this.reject(this.line, columnOf(amountName), this.names[2], money.code, money.problem);
        return;
      }
      minor = money;
    }
    this.batch.push(this.customerCodeOf(customer.trim()), time, minor / this.settings.scale);
  }

  private jsonTime(raw: unknown): Parsed {
    if (raw === undefined || raw === null || raw === '')
      return { code: 'MISSING_FIELD', problem: 'the time is missing' };
    if (typeof raw === 'number') {
      if (this.settings.epoch === null)
        return {
          code: 'INVALID_TIMESTAMP',
          problem: `${raw} is a bare number; say how to read it: epoch s (Unix seconds) or epoch ms (milliseconds)`,
        };
      const ms = this.settings.epoch === 's' ? raw * 1000 : raw;
      return Number.isFinite(ms) && Math.abs(ms) <= MAX_EPOCH_MS
        ? ms === 0
          ? 0
          : ms
        : { code: 'INVALID_TIMESTAMP', problem: `${raw} is outside the range of dates` };
    }
    if (typeof raw !== 'string')
      return { code: 'INVALID_TIMESTAMP', problem: `${describeValue(raw)} is not a time` };
    const [bytes, length] = encodedText(raw.trim());
    if (this.settings.dateFormat !== null)
      return parseFormatted(bytes, 0, length, this.settings.dateFormat, this.settings.wall);
    const fast = fastTime(bytes, 0, length, this.settings.epoch, this.settings.wall);
    return Number.isNaN(fast)
      ? parseIsoOrEpoch(bytes, 0, length, this.settings.epoch, this.settings.wall)
      : fast;
  }

  private jsonAmount(raw: unknown): Parsed {
    if (raw === undefined || raw === null || raw === '')
      return { code: 'MISSING_FIELD', problem: 'the amount is missing' };
    if (typeof raw === 'number') {
      if (!Number.isFinite(raw) || raw < 0)
        return { code: 'INVALID_FIELD', problem: `${raw} is not an amount of at least 0` };
      const [text, length] = encodedText(String(raw));
      return parseMinorUnits(text, 0, length, 46, this.settings.fractionDigits);
    }
    if (typeof raw !== 'string')
      return { code: 'INVALID_FIELD', problem: `${describeValue(raw)} is not an amount` };
    const [text, length] = encodedText(raw);
    const fast = fastMinorUnits(text, 0, length, this.settings.decimal, this.settings.fractionDigits);
    return Number.isNaN(fast)
      ? parseMinorUnits(text, 0, length, this.settings.decimal, this.settings.fractionDigits)
      : fast;
  }

  /** The end of the input: an open quoted record is rejected and the lines after it read again. */
  finish(): void {
    while (this.pending !== null && !this.stopped)
      this.abandonPending('a quoted field opened here is never closed');
    if (this.settings.format === 'csv' && this.settings.header && this.positions === null && !this.stopped)
      throw this.unreadable('the input is empty; a CSV with a header needs its header line');
  }
}

type Split = { bytes: Uint8Array; starts: number[]; ends: number[]; written: number[] };

let scratch = new Uint8Array(256);
const encoded: [Uint8Array, number] = [scratch, 0];

/** A JSONL field's UTF-8 bytes in a scratch buffer (reused: read them before the next call). */
function encodedText(text: string): [Uint8Array, number] {
  if (3 * text.length > scratch.length) scratch = new Uint8Array(3 * text.length);
  encoded[0] = scratch;
  encoded[1] = textEncoder.encodeInto(text, scratch).written;
  return encoded;
}

function isBlankByte(byte: number | undefined): boolean {
  return byte === 32 || byte === 9;
}

/**
 * Whether a line holds only spaces and tabs, none of them the delimiter: a blank line is skipped, but a line
 * of tabs in a TSV (or of spaces when the delimiter is a space) is a record of empty fields, to be rejected.
 */
function isBlank(bytes: Uint8Array, start: number, end: number, delimiter: number): boolean {
  for (let i = start; i < end; i++) {
    const byte = bytes[i];
    if ((byte !== 32 && byte !== 9) || byte === delimiter) return false;
  }
  return true;
}

function splitPlain(
  bytes: Uint8Array,
  start: number,
  end: number,
  delimiter: number,
): { bytes: Uint8Array; starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  let i = start;
  if (delimiter === -1) {
    for (;;) {
      while (i < end && (bytes[i] === 32 || bytes[i] === 9)) i++;
      if (i >= end) break;
      const from = i;
      while (i < end && bytes[i] !== 32 && bytes[i] !== 9) i++;
      starts.push(from);
      ends.push(i);
    }
    return { bytes, starts, ends };
  }
  let from = i;
  for (; i <= end; i++) {
    if (i === end || bytes[i] === delimiter) {
      starts.push(from);
      ends.push(i);
      from = i + 1;
    }
  }
  return { bytes, starts, ends };
}

function joinLines(parts: readonly Uint8Array[]): Uint8Array {
  let length = parts.length - 1;
  for (const part of parts) length += part.length;
  const joined = new Uint8Array(length);
  let at = 0;
  parts.forEach((part, k) => {
    if (k > 0) joined[at++] = NEWLINE;
    joined.set(part, at);
    at += part.length;
  });
  return joined;
}

/**
 * Splits a CSV record with quotes (RFC 4180: a field that starts with a quote runs to the matching quote,
 * doubled quotes inside are one; text after the closing quote up to the delimiter belongs to the field, as
 * spreadsheets write it). The fields are copied unquoted into `bytes`; `written` is each field's start in
 * the record as written. Null while a quote is still open.
 */
function splitQuoted(record: Uint8Array, delimiter: number): Split | null {
  const out = new Uint8Array(record.length);
  const starts: number[] = [];
  const ends: number[] = [];
  const written: number[] = [];
  let o = 0;
  let i = 0;
  const isDelimiter = (byte: number | undefined): boolean =>
    delimiter === -1 ? byte === 32 || byte === 9 : byte === delimiter;
  if (delimiter === -1) while (i < record.length && isDelimiter(record[i])) i++;
  for (;;) {
    written.push(i);
    starts.push(o);
    if (record[i] === QUOTE) {
      i++;
      for (;;) {
        if (i >= record.length) return null;
        if (record[i] === QUOTE) {
          if (record[i + 1] === QUOTE) {
            out[o++] = QUOTE;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        out[o++] = record[i++] as number;
      }
    }
    while (i < record.length && !isDelimiter(record[i])) out[o++] = record[i++] as number;
    ends.push(o);
    if (i >= record.length) break;
    i++;
    if (delimiter === -1) {
      while (i < record.length && isDelimiter(record[i])) i++;
      if (i >= record.length) break;
    }
  }
  return { bytes: out, starts, ends, written };
}

/**
 * Reads a transaction log (CSV or JSONL) in batches of about 64k rows, for pipelines that aggregate as they
 * go (merge each batch into an accumulator, write it to a database) and never hold the whole log.
 *
 * @param source - a path, a Node stream, a web `ReadableStream` of bytes, an (async) iterable of byte chunks or a `Uint8Array`
 * @param options - see {@link ReadTransactionsOptions}
 * @returns the batches, in file order; the last may be short (or empty when the input has no rows)
 * @throws PatronageError `INVALID_OPTION` for an unknown option, `OUT_OF_RANGE` for a bad option value,
 *   `INVALID_ARGUMENT` for an unreadable source (no such file, an empty CSV, a header that is not UTF-8 or has
 *   an unclosed quote), `MISSING_FIELD` when the header lacks a mapped column. Bad records are not errors:
 *   they are listed in each batch's `rejected` (or given to `onRejected`).
 *
 * @example
 * ```ts
 * import { readTransactionBatches } from 'patronage/node';
 *
 * const csv = 'customerId,at,amount\nann,2024-01-02,10\nbo,2024-01-05,x\n';
 * let rows = 0;
 * let rejected = 0;
 * for await (const batch of readTransactionBatches([csv])) {
 *   rows += batch.columns.at.length;
 *   rejected += batch.rejected.length;
 * }
 * rows; // => 1
 * rejected; // => 1
 * ```
 *
 * @category Reading files
 */
export async function* readTransactionBatches(
  source: ByteSource,
  options?: ReadTransactionsOptions,
): AsyncGenerator<TransactionBatch, void, undefined> {
  const fn = 'readTransactionBatches';
  const reader = new Reader(fn, settingsOf(fn, source, options));
  yield* batches(fn, reader, source);
}

async function* batches(
  fn: string,
  reader: Reader,
  source: unknown,
): AsyncGenerator<TransactionBatch, void, undefined> {
  let carry: Uint8Array | null = null;
  for await (const piece of chunksOf(fn, source)) {
    const last = piece.lastIndexOf(NEWLINE);
    if (last < 0) {
      carry = carry === null ? copyOf(piece, 0, piece.length) : joinBytes(carry, piece);
      continue;
    }
    const head = carry === null ? piece.subarray(0, last + 1) : joinBytes(carry, piece.subarray(0, last + 1));
    carry = copyOf(piece, last + 1, piece.length);
    reader.block(asBuffer(head));
    reader.progress();
    if (reader.stopped) break;
    if (reader.full) yield reader.takeBatch();
  }
  if (!reader.stopped && carry !== null && carry.length > 0) reader.block(asBuffer(carry));
  if (!reader.stopped) reader.finish();
  yield reader.takeBatch();
}

/** A Buffer view (its latin1Slice makes ASCII ids cheap), sharing the bytes. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A copy of `bytes[start, end)` (a Buffer's own `slice` is a view of the same memory). */
function copyOf(bytes: Uint8Array, start: number, end: number): Uint8Array {
  return Uint8Array.prototype.slice.call(bytes, start, end);
}

function joinBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/** Opens a file for reading, turning the errors a user causes into `INVALID_ARGUMENT`. */
export async function openInput(fn: string, path: string): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(path, 'r');
    const stats = await handle.stat();
    if (stats.isDirectory()) {
      const error = new Error('is a directory') as NodeJS.ErrnoException;
      error.code = 'EISDIR';
      throw error;
    }
    return { handle, size: stats.size };
  } catch (error) {
    await handle?.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES')
      throw new PatronageError('INVALID_ARGUMENT', `${fn}: cannot read ${path} (${code})`, {
        argument: 'source',
        value: path,
      });
    throw error;
  }
}

/**
 * The ends of `count` (at least 1) shards of bytes `[dataStart, size)` of an open file, cut at line starts
 * (see `cutsOf`).
 */
export async function fileCuts(
  handle: FileHandle,
  dataStart: number,
  size: number,
  count: number,
): Promise<number[]> {
  const read = async (offset: number, length: number): Promise<Uint8Array> => {
    const bytes = Buffer.allocUnsafe(length);
    const { bytesRead } = await handle.read(bytes, 0, length, offset);
    return bytes.subarray(0, bytesRead);
  };
  return cutsOf(dataStart, size, Math.max(1, count), read);
}

/** Feeds a shard's bytes `[job.start, job.end)` of `job.path` to `reader` (see {@link readFileRange}). */
export async function readJobRange(fn: string, reader: Reader, job: ShardJob): Promise<void> {
  const { handle, size } = await openInput(fn, job.path);
  try {
    await readFileRange(reader, handle, job.start, job.end, size);
  } finally {
    await handle.close();
  }
}

const FILE_BLOCK = 1 << 22;

/**
 * Feeds bytes `[start, end)` of an open file to a reader in blocks of whole lines, reading into one buffer
 * (the part line at a block's end moves to its front), and at the end of the file ends the reader.
 */
export async function readFileRange(
  reader: Reader,
  handle: FileHandle,
  start: number,
  end: number,
  size: number,
): Promise<void> {
  let buffer = Buffer.allocUnsafe(Math.min(shardTesting.blockBytes || FILE_BLOCK, Math.max(end - start, 1)));
  let carry = 0; // bytes of a line not yet ended, at the buffer's front
  let position = start; // the file offset of buffer[carry]
  while (position < end && !reader.stopped) {
    if (carry === buffer.length) {
      const grown = Buffer.allocUnsafe(2 * buffer.length);
      buffer.copy(grown, 0, 0, carry);
      buffer = grown;
    }
    const wanted = Math.min(buffer.length - carry, end - position);
    const { bytesRead } = await handle.read(buffer, carry, wanted, position);
    if (bytesRead === 0) break;
    position += bytesRead;
    const filled = carry + bytesRead;
    const last = position === end ? filled - 1 : buffer.lastIndexOf(NEWLINE, filled - 1);
    if (last < 0) {
      carry = filled;
      continue;
    }
    reader.base = position - filled;
    reader.block(buffer.subarray(0, last + 1));
    reader.progress();
    if (reader.base === start) reader.reserveFor(last + 1, end - reader.base - last - 1);
    carry = filled - last - 1;
    buffer.copy(buffer, 0, last + 1, filled);
  }
  if (end === size && !reader.stopped) reader.finish();
}

/** Reads one shard of a file (in a worker): a reader without `onRejected`, from `start` to `end`. */
export async function readShard(job: ShardJob): Promise<ShardResult<RejectedRecord>> {
  return (await readShardHere(job)).result;
}

/** Reads one shard on this thread, keeping its id table (the merge numbers the later shards' ids in it). */
async function readShardHere(
  job: ShardJob,
): Promise<{ result: ShardResult<RejectedRecord>; intern: (id: string) => number }> {
  const fn = 'readTransactions';
  const settings = settingsOf(fn, job.path, job.options);
  const reader = new Reader(fn, settings, job.from, Number.POSITIVE_INFINITY);
  await readJobRange(fn, reader, job);
  const end = reader.end;
  const batch = reader.takeBatch();
  const at = reader.rejectedAt as NonNullable<Reader['rejectedAt']>;
  const result = {
    columns: batch.columns,
    // the whole file's ids once the other shards' are numbered here (made strings when asked for)
    get ids() {
      return reader.customerIds;
    },
    rejected: batch.rejected,
    rejectedRows: at.rows,
    rejectedRecords: at.records,
    records: reader.records,
    lines: end.line,
    cleanEnd: end.offset ?? job.end,
  };
  return { result, intern: (id) => reader.customerNumberOf(id) };
}

/**
 * Reads a whole transaction log (CSV or JSONL) into typed columns for the columnar core, with every record
 * it refused listed by file, line and column. Nothing is guessed: a bare number in the time column needs
 * `epoch`, a date in another form needs `dateFormat`, an amount with more decimals than the currency is
 * rejected, bytes that are not UTF-8 reject their line, a stray quote costs one record.
 *
 * Plain CSV lines (no quotes, a one-character delimiter, ISO or epoch times, decimal amounts) are read on a
 * byte-level fast path; quoted fields, whitespace delimiters, a `dateFormat` and bad records take the
 * per-field parsers, with the same results. With `workers` above 1 a path is read in byte-range shards by
 * `worker_threads` workers and merged into exactly the one-thread result; `onRejected` then sees the same
 * records in file order as each shard is merged, and `false` ends the result at that record as on one
 * thread (docs/tables.md, "Reading files").
 *
 * @param source - a path, a Node stream, a web `ReadableStream` of bytes, an (async) iterable of byte chunks or a `Uint8Array`
 * @param options - see {@link ReadTransactionsOptions}
 * @returns the columns, the customer ids, the number of records and the rejected ones
 * @throws PatronageError as {@link readTransactionBatches}, and `INVALID_OPTION` for `workers` other than a
 *   positive whole number or `'auto'`
 *
 * @example
 * ```ts
 * import { rfmSummaryColumns } from 'patronage';
 * import { readTransactions } from 'patronage/node';
 *
 * const cdnow = '00001 19970101 1 11.77\n00001 19970118 2 29.33\n00002 19970112 x 12.00\n';
 * const table = await readTransactions([cdnow], {
 *   header: false, delimiter: 'whitespace', customer: 1, at: 2, amount: 4, dateFormat: '%Y%m%d',
 * });
 * table.customerIds; // => ['00001', '00002']
 * table.rejected.length; // => 0
 * Array.from(rfmSummaryColumns(table.columns, { unit: 'week' }).frequency); // => [1, 0]
 * ```
 *
 * @category Reading files
 */
export async function readTransactions(
  source: ByteSource,
  options?: ReadTransactionsOptions,
): Promise<TransactionTable> {
  const fn = 'readTransactions';
  const settings = settingsOf(fn, source, options);
  const workers = workersOf(fn, (options as { workers?: unknown } | undefined)?.workers);
  if (typeof source === 'string') return readFile(fn, source, settings, options ?? {}, workers);
  const reader = new Reader(fn, settings, null, Number.POSITIVE_INFINITY);
  const parts: ReadColumns[] = [];
  const rejected: RejectedRecord[] = [];
  let rows = 0;
  for await (const batch of batches(fn, reader, source)) {
    parts.push(batch.columns);
    rows += batch.columns.at.length;
    for (const record of batch.rejected) rejected.push(record);
  }
  return tableOf(reader, parts, rows, rejected);
}

function tableOf(
  reader: Reader,
  parts: ReadColumns[],
  rows: number,
  rejected: RejectedRecord[],
): TransactionTable {
  if (parts.length === 1) {
    return {
      columns: parts[0] as ReadColumns,
      customerIds: reader.customerIds,
      records: reader.records,
      rejected,
      stopped: reader.stopped,
    };
  }
  const customerIndex = new Uint32Array(rows);
  const at = new Float64Array(rows);
  const amount = new Float64Array(rows);
  let offset = 0;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k] as ReadColumns;
    customerIndex.set(part.customerIndex, offset);
    at.set(part.at, offset);
    amount.set(part.amount, offset);
    offset += part.at.length;
    parts[k] = EMPTY; // let the batch go as soon as it is copied
  }
  return {
    columns: { customerIndex, at, amount },
    customerIds: reader.customerIds,
    records: reader.records,
    rejected,
    stopped: reader.stopped,
  };
}

const HEADER_PROBE = 1 << 16;

/** A file: read on this thread into one growing set of columns, or in shards by workers. */
async function readFile(
  fn: string,
  path: string,
  settings: Settings,
  options: ReadTransactionsOptions,
  workers: number,
): Promise<TransactionTable> {
  const { handle, size } = await openInput(fn, path);
  try {
    const shardBytes = shardTesting.shardBytes;
    if (workers > 1 || shardBytes > 0) {
      const start = await dataStartOf(fn, settings, handle, size);
      if (start !== null) {
        const count = shardBytes > 0 ? Math.ceil((size - start.offset) / shardBytes) : workers;
        const ends = await fileCuts(handle, start.offset, size, count);
        const { onRejected: _r, onProgress: _p, workers: _w, ...plain } = options;
        const merged = await readShards<RejectedRecord>({
          path,
          options: plain,
          size,
          dataStart: start.offset,
          dataLine: start.line,
          from: start.from,
          workers: Math.max(workers, shardBytes > 0 ? 2 : 1),
          ends,
          worker: shardTesting.worker ?? new URL('./readWorker.js', import.meta.url),
          readHere: readShardHere,
          onRejected: settings.onRejected,
          onProgress: settings.onProgress,
          relined: (record, line) => ({ ...record, line }),
        });
        return {
          columns: merged.columns,
          customerIds: merged.customerIds,
          records: merged.records,
          rejected: merged.rejected,
          stopped: merged.stopped,
        };
      }
    }
    const reader = new Reader(fn, settings, null, Number.POSITIVE_INFINITY);
    await readFileRange(reader, handle, 0, size, size);
    const batch = reader.takeBatch();
    return tableOf(reader, [batch.columns], batch.columns.at.length, [...batch.rejected]);
  } finally {
    await handle.close();
  }
}

/**
 * Where the data of a file starts for shards, read on this thread: after a header line without quotes in
 * the first 64 KiB (with its errors as one thread gives them), or at the start. Null when the header is
 * anything else (quoted, longer, the whole file): the file is then read on one thread.
 */
export async function dataStartOf(
  fn: string,
  settings: Settings,
  handle: FileHandle,
  size: number,
): Promise<{ offset: number; line: number; from: ShardStart } | null> {
  if (settings.format !== 'csv' || !settings.header)
    return { offset: 0, line: 0, from: { atStart: true, header: null } };
  const probe = Buffer.allocUnsafe(Math.min(HEADER_PROBE, size));
  const { bytesRead } = await handle.read(probe, 0, probe.length, 0);
  const bytes = probe.subarray(0, bytesRead);
  const newline = bytes.indexOf(NEWLINE);
  if (newline < 0 || newline + 1 >= size || bytes.subarray(0, newline).indexOf(QUOTE) >= 0) return null;
  const reader = new Reader(fn, settings, null);
  reader.block(bytes.subarray(0, newline + 1));
  const header: ShardHeader | null = reader.header;
  if (header === null) return null;
  return { offset: newline + 1, line: 1, from: { atStart: false, header } };
}

const EMPTY: ReadColumns = {
  customerIndex: new Uint32Array(0),
  at: new Float64Array(0),
  amount: new Float64Array(0),
};
