import type { PatronageErrorCode } from '../errors/PatronageError';
import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { toEpochMsIn } from './timestamp';

/** Raised inside a parser for one row; caught per row and turned into a RejectedRow. */
export class RowError {
  readonly code: PatronageErrorCode;
  readonly message: string;
  readonly field: string | undefined;
  constructor(code: PatronageErrorCode, message: string, field?: string) {
    this.code = code;
    this.message = message;
    this.field = field;
  }
}

/**
 * Typed field reads over one untrusted row; every failure is a RowError naming the field. A field is read
 * from the row once: the parsers read each field in one place (`has` and the typed read that follows it
 * share one read, through a one-field memo that costs no allocation per row), so a getter that changes
 * between reads cannot pass one check and then deliver another value; a getter that throws is an
 * `INVALID_FIELD` rejection naming the field.
 */
export class RowReader {
  readonly row: Readonly<Record<string, unknown>>;
  readonly fn: string;
  readonly index: number;
  private lastField: string | undefined = undefined;
  private lastValue: unknown = undefined;

  constructor(fn: string, index: number, row: Readonly<Record<string, unknown>>) {
    this.fn = fn;
    this.index = index;
    this.row = row;
  }

  /** The field's value; the field read last is not read again. */
  get(field: string): unknown {
    if (field === this.lastField) return this.lastValue;
    let value: unknown;
    try {
      value = this.row[field];
    } catch (error) {
      this.fail(
        'INVALID_FIELD',
        field,
        `could not be read: ${error instanceof Error ? error.message : 'it threw'}`,
      );
    }
    this.lastField = field;
    this.lastValue = value;
    return value;
  }

  fail(code: PatronageErrorCode, field: string, why: string): never {
    throw new RowError(code, `${this.fn}: row ${this.index}: ${field} ${why}`, field);
  }

  has(field: string): boolean {
    return this.get(field) !== undefined;
  }

  requiredString(field: string): string {
    const value = this.get(field);
    if (value === undefined || value === null) this.fail('MISSING_FIELD', field, 'is required');
    if (typeof value !== 'string' || value.length === 0) {
      this.fail('INVALID_FIELD', field, `must be a non-empty string, got ${describeValue(value)}`);
    }
    return value;
  }

  optionalString(field: string): string | undefined {
    return this.has(field) ? this.requiredString(field) : undefined;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T {
    const value = this.requiredString(field);
    if (!allowed.includes(value as T)) {
      this.fail('INVALID_FIELD', field, `must be one of ${allowed.join(', ')}, got ${describeValue(value)}`);
    }
    return value as T;
  }

  number(field: string, check: (value: number) => boolean, expectation: string): number {
    const value = this.get(field);
    if (value === undefined || value === null) this.fail('MISSING_FIELD', field, 'is required');
    if (typeof value !== 'number' || !Number.isFinite(value) || !check(value)) {
      this.fail('INVALID_FIELD', field, `must be ${expectation}, got ${describeValue(value)}`);
    }
    return value === 0 ? 0 : value;
  }

  optionalNumber(field: string, check: (value: number) => boolean, expectation: string): number | undefined {
    return this.has(field) ? this.number(field, check, expectation) : undefined;
  }

  time(field: string): number {
    const value = this.get(field);
    if (value === undefined || value === null) this.fail('MISSING_FIELD', field, 'is required');
    try {
      return toEpochMsIn(this.fn, field, value);
    } catch (error) {
      const message = error instanceof PatronageError ? error.message : String(error);
      throw new RowError(
        'INVALID_TIMESTAMP',
        `${this.fn}: row ${this.index}: ${message.replace(`${this.fn}: `, '')}`,
        field,
      );
    }
  }

  optionalTime(field: string): number | undefined {
    return this.has(field) ? this.time(field) : undefined;
  }
}

/** Adds `value` under `key` only when defined (exactOptionalPropertyTypes-friendly). */
export function withOptional<T extends object, K extends string, V>(
  target: T,
  key: K,
  value: V | undefined,
): T & { [P in K]?: V } {
  if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  return target as T & { [P in K]?: V };
}
