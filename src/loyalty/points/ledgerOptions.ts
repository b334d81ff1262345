// The options every ledger function takes, read once.

import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { optionKeys, requireAtLeast, requireOptions } from '../../internal/validate';
import { DAY_MS } from '../../model/time';
import { type TimestampInput, toEpochMsIn } from '../../model/timestamp';

/**
 * How a ledger function treats entries it cannot apply. `'strict'` (the default) throws a
 * {@link PatronageError}; `'lenient'` leaves them out and lists them in `rejected`, so nothing is lost.
 *
 * @category Loyalty
 */
export type LedgerMode = 'strict' | 'lenient';

/**
 * Options shared by the ledger functions.
 *
 * @category Loyalty
 */
export interface LedgerOptions {
  /** The time to evaluate at; entries after it are not yet in effect. */
  readonly at: TimestampInput;
  /**
   * Days a credit stays valid: points earned at t expire at t + validityDays (at that instant they are
   * gone). Omit for points that never expire.
   */
  readonly validityDays?: number | undefined;
  /** `'strict'` (default) or `'lenient'`. */
  readonly mode?: LedgerMode | undefined;
}

/** The keys of {@link LedgerOptions}. */
export const LEDGER_OPTION_KEYS: readonly (keyof LedgerOptions & string)[] =
  /* @__PURE__ */ optionKeys<LedgerOptions>()(['at', 'validityDays', 'mode']);

/** {@link LedgerOptions} validated: the time in epoch ms, the validity in ms (null: points never expire). */
export interface ResolvedLedgerOptions {
  readonly at: number;
  readonly validityMs: number | null;
  readonly lenient: boolean;
}

/**
 * Validates `{ at, validityDays?, mode? }`; `keys` are the valid keys of the options object as the public
 * function takes it ({@link LEDGER_OPTION_KEYS} and its own).
 */
export function resolveLedgerOptions(
  fn: string,
  options: unknown,
  keys: readonly string[],
): ResolvedLedgerOptions {
  const record = requireOptions(fn, 'options', options, keys);
  const at = toEpochMsIn(fn, 'options.at', record['at']);
  const validity = record['validityDays'];
  let validityMs: number | null = null;
  if (validity !== undefined) {
    const days = requireAtLeast(fn, 'options.validityDays', validity, 0);
    if (!(days > 0) || days > 100_000) {
      throw new PatronageError(
        'OUT_OF_RANGE',
        `${fn}: options.validityDays (${describeValue(days)}) must be above 0 and at most 100000`,
        { argument: 'options.validityDays', value: days },
      );
    }
    validityMs = days * DAY_MS;
  }
  const mode = record['mode'] ?? 'strict';
  if (mode !== 'strict' && mode !== 'lenient') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: options.mode must be 'strict' or 'lenient', got ${describeValue(mode)}`,
      { argument: 'options.mode', value: mode },
    );
  }
  return { at, validityMs, lenient: mode === 'lenient' };
}
