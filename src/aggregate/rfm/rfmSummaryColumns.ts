import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { MAX_MINOR } from '../../model/money';
import type { CustomerId } from '../../model/transaction';
import {
  type PreparedColumns,
  prepareColumns,
  readColumns,
  type TransactionColumns,
  wellFormedColumns,
} from '../shared/prepareColumns';
import { groupPurchaseDays } from '../shared/purchaseDays';
import { emptyRfmColumns, type RfmColumns, setRfmEntry } from './rfmColumns';
import { type ResolvedRfmOptions, RFM_OPTION_KEYS, type RfmOptions, resolveRfmOptions } from './rfmOptions';
import { streamRfm } from './streamRfm';

/**
 * The RFM summary from columns: the fast path under {@link rfmSummary}, for callers who already hold
 * typed arrays. Same definitions and options as {@link rfmSummary}; a million customers' results come back
 * as five typed arrays instead of a million objects.
 *
 * Runs in linear time: one validating pass, a counting sort by customer, one pass per customer. Input
 * sorted by time per customer (the usual log order) skips the per-customer sorts.
 *
 * @param columns - `customerIndex`, `at` (epoch ms) and `amount` (major units), equal lengths
 * @param options - unit, observationEnd, mergeWithin, time zone, fractionDigits, includeFirst (see
 *   {@link RfmOptions})
 * @returns the summary columns, one entry per customer with a transaction in the window; empty columns for
 *   no transactions
 * @throws PatronageError `INVALID_COLUMNS` (not arrays, unequal lengths, a bad customer number or amount,
 *   with the row index in `details.index`), `INVALID_TIMESTAMP`, `MONEY_PRECISION` (an amount with more
 *   decimals than the currency has, or one customer's total beyond 2^53 − 1 minor units), `OUT_OF_RANGE` and
 *   `INVALID_PERIOD` for options.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { rfmSummaryColumns } from 'patronage';
 *
 * const day = 86_400_000;
 * const summary = rfmSummaryColumns(
 *   { customerIndex: new Uint32Array([0, 0, 1, 0]), at: new Float64Array([0, 7 * day, 3 * day, 14 * day]), amount: new Float64Array([10, 20, 5, 30]) },
 *   { unit: 'week', observationEnd: 21 * day },
 * );
 * Array.from(summary.frequency); // => [2, 0]
 * Array.from(summary.recency); // => [2, 0]
 * Array.from(summary.T); // => [3, 2.5714285714285716]
 * Array.from(summary.monetaryValue); // => [25, 0]
 * ```
 *
 * @category Tables
 */
export function rfmSummaryColumns(columns: TransactionColumns, options?: RfmOptions): RfmColumns {
  const fn = 'rfmSummaryColumns';
  const resolved = resolveRfmOptions(fn, options, RFM_OPTION_KEYS);
  const read = readColumns(fn, columns); // each column read once, for both passes
  const plain = wellFormedColumns(fn, read);
  if (plain !== undefined) {
    const streamed = streamRfm(plain.customerIndex, plain.at, plain.amount, resolved);
    if (streamed !== undefined) return streamed;
  }
  return summariseColumns(fn, prepareColumns(fn, read, resolved), resolved);
}

/**
 * Groups prepared columns and summarises every customer with a transaction up to the end key; a customer
 * whose amounts total beyond the exact range of minor units is MONEY_PRECISION (named by its id in
 * `customerIds`, or its number).
 */
export function summariseColumns(
  fn: string,
  prepared: PreparedColumns,
  resolved: ResolvedRfmOptions,
  customerIds?: readonly CustomerId[],
): RfmColumns {
  const { grouped, original, endKey } = groupPurchaseDays(prepared, resolved);
  let present = 0;
  for (let c = 0; c < grouped.customerCount; c++)
    if ((grouped.offsets[c + 1] as number) > (grouped.offsets[c] as number)) present++;
  const result = emptyRfmColumns(present);
  const { keyer } = resolved;
  const endStart = present > 0 ? keyer.startOf(endKey) : 0;
  let j = 0;
  for (let c = 0; c < grouped.customerCount; c++) {
    const from = grouped.offsets[c] as number;
    const to = grouped.offsets[c + 1] as number;
    if (to === from) continue;
    let repeatMinor = 0;
    for (let index = from + 1; index < to; index++) repeatMinor += grouped.minor[index] as number;
    // amounts are never negative, so the computed total passes MAX_MINOR exactly when the true one does
    if ((grouped.minor[from] as number) + repeatMinor > MAX_MINOR) {
      const customer = original === undefined ? c : (original[c] as number);
      throw new PatronageError(
        'MONEY_PRECISION',
        `${fn}: the purchases of customer ${describeValue(customerIds?.[customer] ?? customer)} total beyond the exact range of minor units (${MAX_MINOR})`,
        { argument: 'transactions', customer: customerIds?.[customer] ?? customer },
      );
    }
    setRfmEntry(
      result,
      j++,
      original === undefined ? c : (original[c] as number),
      to - from,
      keyer.startOf(grouped.keys[from] as number),
      keyer.startOf(grouped.keys[to - 1] as number),
      endStart,
      repeatMinor,
      grouped.minor[from] as number,
      resolved,
    );
  }
  return result;
}
