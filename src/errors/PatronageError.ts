/**
 * Every stable error code that patronage throws or reports for a rejected row.
 *
 * Codes are part of the public contract: they never change meaning between releases, so callers can
 * branch on them. `docs/errors.md` lists each code with the functions that use it.
 *
 * @category Errors
 */
export type PatronageErrorCode =
  // argument shape and numbers
  | 'INVALID_ARGUMENT'
  | 'INVALID_OPTION'
  | 'NOT_FINITE'
  | 'NOT_AN_INTEGER'
  | 'OUT_OF_RANGE'
  | 'EMPTY_INPUT'
  // time and money
  | 'INVALID_TIMESTAMP'
  | 'INVALID_TIME_ZONE'
  | 'INVALID_PERIOD'
  | 'MONEY_PRECISION'
  // inconsistent counts in the source formulas
  | 'NO_CUSTOMERS_AT_START'
  | 'NEW_EXCEED_END'
  | 'RETAINED_EXCEED_START'
  | 'NO_HELPED_CUSTOMERS'
  | 'REFERRED_EXCEED_HELPED'
  | 'EMPTY_OBSERVATION_SET'
  | 'VULNERABLE_EXCEED_OBSERVED'
  | 'REPEAT_EXCEED_CUSTOMERS'
  | 'NO_CUSTOMERS'
  | 'NO_ORDERS'
  | 'NO_REVENUE'
  | 'ZERO_COST'
  | 'ZERO_CHURN'
  | 'LOSSES_EXCEED_START'
  | 'RETENTION_ABOVE_ONE'
  // event and customer parsing (row codes, and the throwing parsers' summary code)
  | 'NOT_AN_OBJECT'
  | 'MALFORMED_RECORD'
  | 'UNKNOWN_EVENT_TYPE'
  | 'MISSING_FIELD'
  | 'INVALID_FIELD'
  | 'DUPLICATE_EVENT_ID'
  | 'DUPLICATE_CUSTOMER_ID'
  | 'INVALID_ROWS'
  // transactions, tables and accumulators
  | 'UNKNOWN_CUSTOMER'
  | 'OUT_OF_WINDOW'
  | 'OUT_OF_ORDER'
  | 'CONFLICTING_EVENT_ID'
  | 'AMBIGUOUS_CUSTOMER_ID'
  | 'INVALID_COLUMNS'
  | 'INCOMPATIBLE_ACCUMULATORS'
  | 'INVALID_STATE'
  // probabilistic models
  | 'INVALID_SUMMARY_ROW'
  | 'INVALID_FIT'
  | 'UNSUPPORTED_MODEL'
  | 'UNDEFINED_PREDICTION'
  | 'UNSUPPORTED_COVARIATES'
  | 'NOT_NESTED'
  | 'NOT_MAXIMUM_LIKELIHOOD'
  | 'MISSING_COVARIATE'
  | 'UNKNOWN_COVARIATE'
  | 'COLLINEAR_COVARIATES'
  | 'INVALID_COVARIATE_PATH'
  // SQL generators
  | 'UNSUPPORTED_DIALECT'
  // loyalty programmes
  | 'INVALID_LEDGER_ENTRY'
  | 'DUPLICATE_ENTRY'
  | 'INSUFFICIENT_POINTS'
  | 'POINTS_EXPIRED'
  // refunds and referrals
  | 'UNMATCHED_REFUND'
  | 'REFUND_EXCEEDS_ORDER';

// The brand every copy of PatronageError puts on its prototype. A registered symbol is the same value in
// every bundle, module format, installed version and realm of one process, where the class objects differ.
const PATRONAGE_ERROR_BRAND: unique symbol = Symbol.for('patronage.PatronageError');

/** The message as text; a caller's value that cannot be turned into a string is described, not thrown on. */
function messageText(message: unknown): string {
  if (typeof message === 'string') return message;
  try {
    return String(message);
  } catch {
    return Object.prototype.toString.call(message); // an object without toString, such as Object.create(null)
  }
}

/**
 * The one error class of patronage: every invalid or inconsistent argument throws it.
 *
 * `code` is stable (see {@link PatronageErrorCode}); `details` carries the offending argument name and
 * value so that a caller can log or display them. The message names the function and what it expected,
 * for example `retentionRate: newCustomers (7) exceeds customersAtEnd (5)`.
 *
 * Every copy of the class (the `patronage` and `patronage/svg` entries, the ESM and CJS builds loaded side
 * by side, two installed versions, another realm such as an iframe or a `node:vm` context) marks its
 * instances with the same brand, the registered symbol `Symbol.for('patronage.PatronageError')`, and
 * `instanceof PatronageError` checks that brand, so an error thrown by any copy is an instance of the class
 * imported from any other. {@link isPatronageError} does the same and also recognises errors of copies
 * older than the brand.
 *
 * @example
 * ```ts
 * import { PatronageError, retentionRate } from 'patronage';
 *
 * try {
 *   retentionRate({ customersAtStart: 0, customersAtEnd: 3, newCustomers: 3 });
 * } catch (error) {
 *   if (error instanceof PatronageError) console.log(error.code);
 * }
 * // prints NO_CUSTOMERS_AT_START
 * const error = new PatronageError('OUT_OF_RANGE', 'demo: value (-1) must be at least 0', { argument: 'value', value: -1 });
 * error.name; // => 'PatronageError'
 * error.code; // => 'OUT_OF_RANGE'
 * ```
 *
 * @category Errors
 */
export class PatronageError extends Error {
  static {
    // on the prototype, not the instance: no own key is added to an error, and a subclass inherits it
    Object.defineProperty(PatronageError.prototype, PATRONAGE_ERROR_BRAND, { value: true });
  }

  /**
   * `error instanceof PatronageError` is true for an error made by any copy of the class, which all share
   * the brand `Symbol.for('patronage.PatronageError')`; a subclass keeps the ordinary prototype check.
   *
   * @param value - the left operand of `instanceof`
   * @returns whether `value` carries the brand (or, for a subclass, has its prototype in its chain)
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class right of instanceof, maybe a subclass
    if (this !== PatronageError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as { readonly [PATRONAGE_ERROR_BRAND]?: unknown })[PATRONAGE_ERROR_BRAND] === true
    );
  }

  /** Always `'PatronageError'`, also across module formats. */
  override readonly name: 'PatronageError' = 'PatronageError';
  /** The stable error code. */
  readonly code: PatronageErrorCode;
  /** The offending argument, its value and any context the code needs. */
  readonly details: Readonly<Record<string, unknown>>;

  /**
   * Creates an error; patronage's functions do this for you, but callers may raise their own.
   *
   * @param code - the stable error code
   * @param message - a message naming the function and what it expected
   * @param details - the offending argument and value
   */
  constructor(code: PatronageErrorCode, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(messageText(message));
    this.code = code;
    this.details = details;
  }
}

/**
 * Whether `error` is a {@link PatronageError}, including one thrown by the other module format's copy of
 * the library (it checks `name` and a string `code`, not only `instanceof`). It is true for the brand that
 * `instanceof PatronageError` checks, which every copy of the class shares, and for an error of a copy
 * older than the brand with `name === 'PatronageError'` and a string `code` and `message`.
 *
 * @param error - any caught value
 * @returns `true` for a PatronageError from any copy of patronage, `false` for anything else
 *
 * @example
 * ```ts
 * import { isPatronageError, netPromoterScore } from 'patronage';
 *
 * let caught: unknown;
 * try {
 *   netPromoterScore([11]);
 * } catch (error) {
 *   caught = error;
 * }
 * isPatronageError(caught); // => true
 * isPatronageError(new TypeError('x')); // => false
 * ```
 *
 * @category Errors
 */
export function isPatronageError(error: unknown): error is PatronageError {
  if (error instanceof PatronageError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { name?: unknown; code?: unknown; message?: unknown };
  return (
    candidate.name === 'PatronageError' &&
    typeof candidate.code === 'string' &&
    typeof candidate.message === 'string'
  );
}
