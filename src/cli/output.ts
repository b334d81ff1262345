// Writing a command's output: to standard output or --out FILE, in pieces with backpressure (never the whole
// table as one string).

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Io } from './input';
import { text, type Values } from './options';

/** A sink for output text that writes in chunks of about 64 kB and waits when the stream is full. */
export interface Output {
  write(text: string): Promise<void>;
  end(): Promise<void>;
}

const CHUNK = 1 << 16;

/** Opens standard output, or the file of --out. */
export function openOutput(values: Values, io: Io): ByteOutput {
  return new ByteOutput(values, io);
}

/**
 * Output built as bytes, for tables of a million rows: ASCII text, CSV cells and numbers go straight into a
 * buffer of about 64 kB (no string per row), which goes to the stream when full (`flush` after a row, so
 * that a chunk ends with a row). Gives byte for byte the UTF-8 of the text the same calls on strings give
 * (`csvCell`, `${number}`).
 */
export class ByteOutput implements Output {
  private readonly stream: NodeJS.WritableStream;
  private readonly path: string | undefined;
  private failure: unknown = null;
  private bytes: Buffer = Buffer.allocUnsafe(CHUNK + 256);
  private at = 0;

  constructor(values: Values, io: Io) {
    this.path = text(values, 'out');
    this.stream = this.path === undefined ? io.stdout : createWriteStream(this.path);
    this.stream.on('error', (error) => {
      this.failure = error;
    });
  }

  /** Room for `size` more bytes. */
  private room(size: number): void {
    if (this.at + size <= this.bytes.length) return;
    const larger = Buffer.allocUnsafe(Math.max(2 * this.bytes.length, this.at + size));
    this.bytes.copy(larger, 0, 0, this.at);
    this.bytes = larger;
  }

  /** Text as UTF-8 (ASCII byte by byte). */
  text(value: string): void {
    if (!this.ascii(value, false)) this.utf8(value);
  }

  /** One CSV cell, as {@link csvCell} gives it. */
  cell(value: string): void {
    if (!this.ascii(value, true)) this.utf8(csvCell(value));
  }

  /**
   * Writes `value` byte for byte when it is all ASCII (and, for a `cell`, holds no quote, comma or line
   * break); false, having written nothing, when it is not.
   */
  private ascii(value: string, cell: boolean): boolean {
    const length = value.length;
    this.room(length);
    const bytes = this.bytes;
    let at = this.at;
    for (let k = 0; k < length; k++) {
      const code = value.charCodeAt(k);
      if (code > 0x7f || (cell && (code === 34 || code === 44 || code === 10 || code === 13))) return false;
      bytes[at++] = code;
    }
    this.at = at;
    return true;
  }

  private utf8(value: string): void {
    this.room(Buffer.byteLength(value, 'utf8'));
    this.at += this.bytes.write(value, this.at, 'utf8');
  }

  /** A number as `${value}` writes it. */
  number(value: number): void {
    if (!(value >= 0 && value < 2147483648 && Math.floor(value) === value)) {
      this.text(String(value));
      return;
    }
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    this.room(digits);
    const bytes = this.bytes;
    let rest = value;
    for (let k = this.at + digits - 1; k >= this.at; k--) {
      const next = Math.floor(rest / 10);
      bytes[k] = 48 + rest - 10 * next;
      rest = next;
    }
    this.at += digits;
  }

  /** Whole number `value` (below 10^count) in exactly `count` digits, zeros in front. */
  digits(value: number, count: number): void {
    this.room(count);
    const bytes = this.bytes;
    let rest = value;
    for (let k = this.at + count - 1; k >= this.at; k--) {
      const next = Math.floor(rest / 10);
      bytes[k] = 48 + rest - 10 * next;
      rest = next;
    }
    this.at += count;
  }

  /** One byte (an ASCII separator). */
  byte(code: number): void {
    this.room(1);
    this.bytes[this.at++] = code;
  }

  /** Text, then the chunk to the stream if it is full. */
  async write(value: string): Promise<void> {
    this.text(value);
    if (this.full) await this.flush();
  }

  /** Whether a chunk is ready: `await flush()` after the row, so that a chunk ends with a row. */
  get full(): boolean {
    return this.at >= CHUNK;
  }

  /** Hands what the buffer holds to the stream, waiting while the stream is full. */
  async flush(): Promise<void> {
    if (this.failure !== null) throw this.failure;
    if (this.at === 0) return;
    const chunk = this.bytes.subarray(0, this.at);
    // the stream keeps the chunk until it is written: the next rows go into a new buffer
    this.bytes = Buffer.allocUnsafe(CHUNK + 256);
    this.at = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  /** Writes what is left and closes --out FILE. */
  async end(): Promise<void> {
    await this.flush();
    if (this.path !== undefined) {
      this.stream.end();
      await once(this.stream, 'finish');
    }
    if (this.failure !== null) throw this.failure;
  }
}

/** One CSV cell: quoted when it holds a delimiter, a quote or a line break. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const cell = String(value);
  return /[",\n\r]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** Writes rows as CSV (with a header of `columns`) or as one JSON array, row by row. */
export async function writeRows(
  output: Output,
  format: 'csv' | 'json',
  rows: Iterable<Readonly<Record<string, unknown>>>,
  columns: readonly string[],
): Promise<void> {
  if (format === 'json') {
    let first = true;
    await output.write('[');
    for (const row of rows) {
      await output.write(`${first ? '' : ','}${JSON.stringify(row)}`);
      first = false;
    }
    await output.write(']\n');
  } else {
    await output.write(`${columns.join(',')}\n`);
    for (const row of rows)
      await output.write(`${columns.map((column) => csvCell(row[column])).join(',')}\n`);
  }
  await output.end();
}
