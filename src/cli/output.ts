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
export function openOutput(values: Values, io: Io): Output {
  const path = text(values, 'out');
  const stream: NodeJS.WritableStream = path === undefined ? io.stdout : createWriteStream(path);
  let failure: unknown = null;
  stream.on('error', (error) => {
    failure = error;
  });
  let buffer = '';
  const flush = async (): Promise<void> => {
    if (failure !== null) throw failure;
    if (buffer === '') return;
    const piece = buffer;
    buffer = '';
    if (!stream.write(piece)) await once(stream, 'drain');
  };
  return {
    async write(piece) {
      buffer += piece;
      if (buffer.length >= CHUNK) await flush();
    },
    async end() {
      await flush();
      if (path !== undefined) {
        stream.end();
        await once(stream, 'finish');
      }
      if (failure !== null) throw failure;
    },
  };
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
