import type { CustomerId, Transaction } from '../../model/transaction';
import type { PreparedColumns } from '../shared/prepareColumns';
import { prepareTransactions } from '../shared/prepareTransactions';
import { type ResolvedRfmOptions, RFM_OPTION_KEYS, type RfmOptions, resolveRfmOptions } from './rfmOptions';
import { summariseColumns } from './rfmSummaryColumns';

/**
 * One customer's RFM summary, as lifetimes' `summary_data_from_transaction_data` computes it. In the
 * literature's notation: `frequency` is x, `recency` is t_x.
 *
 * @category Tables
 */
export interface RfmRow {
  /** The customer. */
  readonly customerId: CustomerId;
  /** x: repeat transactions, the number of distinct purchase days (merge periods) minus one. */
  readonly frequency: number;
  /** t_x: time from the first to the last purchase, in the unit (0 when frequency is 0). */
  readonly recency: number;
  /** Time from the first purchase to the end of observation, in the unit. */
  readonly T: number;
  /** Mean value of the repeat transactions in major units (same-day purchases summed); 0 without any. */
  readonly monetaryValue: number;
}

/**
 * The RFM summary of a transaction log: one row per customer with `frequency`, `recency`, `T` and
 * `monetaryValue`, compatible with lifetimes' `summary_data_from_transaction_data` (docs/formulas.md §2).
 *
 * Purchases on the same calendar day (UTC, or the `timeZone` / `utcOffsetMinutes` given) are merged into
 * one transaction with their amounts summed; `mergeWithin: 'week' | 'month'` coarsens that. `unit` only
 * scales the times. Transactions in the merge period of `observationEnd` or earlier count; later ones lie
 * outside the observation window and are not part of this summary (lifetimes' convention; use
 * {@link calibrationHoldoutSummary} to keep them as a holdout). The default end is the last transaction.
 * Note that `recency` here is first-to-last purchase, not time since the last purchase (that is
 * `T − recency`).
 *
 * Amounts are totalled in integer minor units, so results do not depend on the order of the rows. A
 * transaction repeated with the same `eventId` counts once.
 *
 * @param transactions - `{ customerId, at, amount, eventId? }` rows (purchase events qualify)
 * @param options - `unit` (default `'day'`), `observationEnd`, `mergeWithin`, time zone, `fractionDigits`
 * @returns one row per customer with a purchase in the window, sorted by customer id (numbers first);
 *   an empty array for no transactions
 * @throws PatronageError for the first invalid row, naming its index in `details.index`: `NOT_AN_OBJECT`,
 *   `MISSING_FIELD`, `INVALID_FIELD` (customer id, a negative or NaN amount, more decimals than the
 *   currency has), `INVALID_TIMESTAMP`; `CONFLICTING_EVENT_ID` when two different transactions share an
 *   `eventId`; `MONEY_PRECISION` when one customer's purchases in the window total beyond 2^53 − 1 minor
 *   units (`details.customer`); `INVALID_ARGUMENT`, `OUT_OF_RANGE`, `INVALID_PERIOD`, `INVALID_TIME_ZONE`
 *   for options.
 *   Use `parseTransactions` first to collect every bad row instead.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { rfmSummary } from 'patronage';
 *
 * rfmSummary(
 *   [
 *     { customerId: 'ann', at: '2024-01-01T09:00:00Z', amount: 20 },
 *     { customerId: 'ann', at: '2024-01-01T18:00:00Z', amount: 5 },
 *     { customerId: 'ann', at: '2024-01-15', amount: 30 },
 *     { customerId: 'bao', at: '2024-01-10', amount: 12.5 },
 *   ],
 *   { unit: 'week', observationEnd: '2024-01-29' },
 * );
 * // => [
 * //   { customerId: 'ann', frequency: 1, recency: 2, T: 4, monetaryValue: 30 },
 * //   { customerId: 'bao', frequency: 0, recency: 0, T: 2.7142857142857144, monetaryValue: 0 },
 * // ]
 * ```
 *
 * @category Tables
 */
export function rfmSummary(transactions: Iterable<Transaction>, options?: RfmOptions): RfmRow[] {
  const fn = 'rfmSummary';
  const resolved = resolveRfmOptions(fn, options, RFM_OPTION_KEYS);
  return rfmRows(fn, prepareTransactions(fn, transactions, resolved), resolved);
}

/** The RFM rows of prepared columns whose dense customer numbers index `customerIds`. */
export function rfmRows(
  fn: string,
  prepared: PreparedColumns & { readonly customerIds: readonly CustomerId[] },
  resolved: ResolvedRfmOptions,
): RfmRow[] {
  const columns = summariseColumns(fn, prepared, resolved, prepared.customerIds);
  const rows: RfmRow[] = [];
  for (let j = 0; j < columns.customerIndex.length; j++) {
    rows.push({
      customerId: prepared.customerIds[columns.customerIndex[j] as number] as CustomerId,
      frequency: columns.frequency[j] as number,
      recency: columns.recency[j] as number,
      T: columns.T[j] as number,
      monetaryValue: columns.monetaryValue[j] as number,
    });
  }
  return rows;
}
