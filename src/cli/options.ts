// The options of the command line: each command declares the ones it takes (commands/*.ts); the input
// options are shared by every command that reads a transaction log.

import { nearestKey } from '../internal/validate';
import { UsageError } from './errors';

/** One option: a flag (`--skip-invalid`) or one that takes a value (`--unit week`). */
export interface OptionSpec {
  readonly type: 'boolean' | 'string';
  readonly short?: string;
}

/** The values parsed from a command line, by option name. */
export type Values = Readonly<Record<string, string | boolean | undefined>>;

/** How every command that reads a transaction log finds its input. */
export const INPUT_OPTIONS = {
  'input-format': { type: 'string' },
  delimiter: { type: 'string' },
  'no-header': { type: 'boolean' },
  customer: { type: 'string' },
  date: { type: 'string' },
  'date-format': { type: 'string' },
  epoch: { type: 'string' },
  'time-zone': { type: 'string' },
  amount: { type: 'string' },
  decimal: { type: 'string' },
  'currency-digits': { type: 'string' },
  'skip-invalid': { type: 'boolean' },
} as const satisfies Readonly<Record<string, OptionSpec>>;

export const INPUT_HELP = `Input (FILE, or - for stdin; UTF-8, a byte-order mark is fine):
  --input-format csv|jsonl   default: from the file name (.jsonl/.ndjson), else csv
  --delimiter CHAR           CSV field delimiter (default ,; tab, or whitespace for runs of spaces)
  --no-header                the first line is data; --customer, --date and --amount are then
                             1-based column numbers
  --customer COL             column of the customer id (default customerId)
  --date COL                 column of the time (default at): ISO 8601 unless --date-format or --epoch
  --date-format FMT          strftime-style format of the time, e.g. %Y%m%d, %d/%m/%Y, '%Y-%m-%d %H:%M:%S'
  --epoch s|ms               read whole-number times as epoch seconds or milliseconds; without it a
                             bare number is a bad row (10-digit seconds and 13-digit milliseconds look alike)
  --time-zone ZONE           IANA time zone of times without an offset, and of calendar days and periods
                             (default UTC)
  --amount COL|none          column of the amount in major units, >= 0 (default amount); none for a log
                             without amounts (monetary values are then 0)
  --decimal .|,              decimal separator of amounts (default .)
  --currency-digits N        digits of the currency's minor unit, 0-6 (default 2); an amount with more is a
                             bad row, never rounded
  --skip-invalid             report bad rows (count and first examples) and go on without them;
                             by default the first bad row stops the run with exit code 1`;

export const EXIT_HELP = `Exit codes:
  0  success
  1  a bad input row (file:line:column on stderr); use --skip-invalid to go on without it
  2  usage error (unknown command or option, bad option value)
  3  the input cannot be read (no such file, no header, missing columns)
  4  the computation failed (for example a model that cannot be fitted to these data)`;

/** A string option's value, or undefined when not given (a flag given to a string option is a usage error). */
export function text(values: Values, name: string): string | undefined {
  const value = values[name];
  if (value === undefined || typeof value === 'string') return value;
  throw new UsageError(`--${name} needs a value`);
}

/** One of `allowed`, or `fallback` when the option is not given. */
export function choice<T extends string>(
  values: Values,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = text(values, name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    const near = nearestKey(value, allowed);
    throw new UsageError(
      `--${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}${near === null ? '' : ` (did you mean ${near}?)`}`,
    );
  }
  return value as T;
}

/** A number above 0 (a whole one when `whole`), or `fallback` when the option is not given. */
export function positive(values: Values, name: string, fallback: number, whole = false): number {
  const value = text(values, name);
  if (value === undefined) return fallback;
  const number = /^\s*$/.test(value) ? Number.NaN : Number(value);
  if (!(Number.isFinite(number) && number > 0) || (whole && !Number.isSafeInteger(number))) {
    throw new UsageError(
      `--${name} must be a ${whole ? 'whole ' : ''}number above 0, got ${JSON.stringify(value)}`,
    );
  }
  return number;
}

/** A whole number in [minimum, maximum], or `fallback` when the option is not given. */
export function wholeBetween(
  values: Values,
  name: string,
  minimum: number,
  maximum: number,
  fallback: number,
): number {
  const value = text(values, name);
  if (value === undefined) return fallback;
  const number = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= minimum && number <= maximum)) {
    throw new UsageError(
      `--${name} must be a whole number from ${minimum} to ${maximum}, got ${JSON.stringify(value)}`,
    );
  }
  return number;
}
