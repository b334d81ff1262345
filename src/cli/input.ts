// Reading the input named on the command line, with the bad-row policy: the first bad row stops the run
// (exit 1), or with --skip-invalid every bad row is counted and the first five are shown.

import { BadDataStop, InputError, UsageError } from './errors';
import { choice, text, type Values, wholeBetween } from './options';
import { type BadRow, type EpochUnit, type InputTransaction, readTransactions } from './read';

/** The streams the tool uses, replaceable in tests. */
export interface Io {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream;
}

/** What was read. */
export interface InputSummary {
  /** Data rows read, good and bad. */
  readonly rows: number;
  /** Rows accepted (given to the sink). */
  readonly accepted: number;
  /** Bad rows skipped (only with --skip-invalid). */
  readonly rejected: number;
  /** The file name, or `stdin`. */
  readonly source: string;
}

/** The currency digits the input options give (default 2), for the accumulators' `fractionDigits`. */
export function currencyDigits(values: Values): number {
  return wholeBetween(values, 'currency-digits', 0, 6, 2);
}

/** The time-zone options of the library, from --time-zone (absent: UTC days). */
export function timeZoneOption(values: Values): { timeZone?: string } {
  const zone = text(values, 'time-zone');
  return zone === undefined ? {} : { timeZone: zone };
}

/**
 * Streams the transactions of the input into `sink`, applying the bad-row policy. A PatronageError the sink
 * throws for one row makes that row a bad row at its place in the file.
 */
export async function readInput(
  values: Values,
  file: string | undefined,
  io: Io,
  sink: (transaction: InputTransaction) => void,
): Promise<InputSummary> {
  if (file === undefined) throw new UsageError('no input: give a FILE, or - to read stdin');
  const format = choice(
    values,
    'input-format',
    ['csv', 'jsonl'],
    /\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : 'csv',
  );
  const delimiterText = text(values, 'delimiter') ?? ',';
  const delimiter = delimiterText === 'tab' ? '\t' : delimiterText;
  if (delimiter === '' || delimiter.includes('"') || /[\r\n]/.test(delimiter)) {
    throw new UsageError(
      `--delimiter must be a character other than a quote or a line break, got ${JSON.stringify(delimiterText)}`,
    );
  }
  const epoch: EpochUnit =
    text(values, 'epoch') === undefined ? 'none' : choice(values, 'epoch', ['s', 'ms'] as const, 'ms');
  const skip = values['skip-invalid'] === true;
  const examples: BadRow[] = [];
  let rejected = 0;
  let accepted = 0;
  const progress = io.stderr.isTTY === true;
  let lastReport = Date.now();
  const where = (row: BadRow): string =>
    `${row.file}:${row.line}:${row.column}: ${row.field === null ? 'row' : `column ${JSON.stringify(row.field)}`}: ${row.message}${row.lines > 1 ? ` (a record of ${row.lines} lines)` : ''}`;
  const { rows, stopped } = await readTransactions(
    {
      path: file,
      format,
      delimiter,
      epoch,
      currencyDigits: currencyDigits(values),
      columns: {
        customer: text(values, 'customer') ?? 'customerId',
        date: text(values, 'date') ?? 'at',
        amount: text(values, 'amount') ?? 'amount',
      },
      onBadRow: (row) => {
        rejected++;
        if (!skip) {
          io.stderr.write(`patronage: bad row: ${where(row)}\n`);
          return false;
        }
        if (examples.length < 5) examples.push(row);
        return true;
      },
      onProgress: progress
        ? (count) => {
            if (count % 10_000 === 0 && Date.now() - lastReport > 500) {
              lastReport = Date.now();
              io.stderr.write(`\rpatronage: ${count} rows read`);
            }
          }
        : undefined,
    },
    (transaction) => {
      sink(transaction);
      accepted++;
    },
    io.stdin as never,
  );
  if (progress && rows >= 10_000) io.stderr.write(`\rpatronage: ${rows} rows read\n`);
  if (stopped) {
    io.stderr.write('patronage: stopped at the first bad row; --skip-invalid goes on without bad rows\n');
    throw new BadDataStop();
  }
  if (rejected > 0) {
    io.stderr.write(
      `patronage: skipped ${rejected} of ${rows} rows as invalid; the first ${examples.length}:\n`,
    );
    for (const row of examples) io.stderr.write(`  ${where(row)}\n`);
  }
  if (accepted === 0) throw new InputError(`${file}: no valid transactions to work on`);
  return { rows, accepted, rejected, source: file === '-' ? 'stdin' : file };
}
