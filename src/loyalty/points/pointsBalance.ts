import type { LedgerEntry, RejectedEntry } from './entries';
import { LEDGER_OPTION_KEYS, type LedgerOptions, resolveLedgerOptions } from './ledgerOptions';
import type { PointsLot } from './lotQueue';
import { ledgerTotals, replayLedger } from './replay';

/**
 * One customer's points at a time. `balance = earned − redeemed − expired + adjusted` always holds
 * (`adjusted` is the signed sum of adjustments).
 *
 * @category Loyalty
 */
export interface CustomerPoints {
  /** The customer. */
  readonly customerId: string;
  /** Points available. */
  readonly balance: number;
  /** Points earned so far. */
  readonly earned: number;
  /** Points redeemed so far. */
  readonly redeemed: number;
  /** Points expired so far, automatically (validity) or by `expire` entries. */
  readonly expired: number;
  /** Signed sum of adjustments. */
  readonly adjusted: number;
  /** The open credits, oldest (first to be spent and first to expire) first. */
  readonly lots: readonly PointsLot[];
}

/**
 * The result of {@link pointsBalance}: totals over the customers in the ledger, each customer, and every
 * entry that was not applied.
 *
 * @category Loyalty
 */
export interface PointsBalanceResult {
  /** The evaluation time, epoch ms. */
  readonly at: number;
  /** Sum of the customers' balances (for a one-customer ledger, that customer's balance). */
  readonly balance: number;
  /** Sum of points earned. */
  readonly earned: number;
  /** Sum of points redeemed. */
  readonly redeemed: number;
  /** Sum of points expired. */
  readonly expired: number;
  /** Signed sum of adjustments. */
  readonly adjusted: number;
  /** Each customer, by id. */
  readonly customers: readonly CustomerPoints[];
  /** Entries not applied (lenient mode only; strict mode throws instead), by ledger position. */
  readonly rejected: readonly RejectedEntry[];
  /** Valid entries dated after `at`: not yet in effect, so not counted. */
  readonly later: number;
}

export type { PointsLot };

const FN = 'pointsBalance';

/**
 * The points balance at a time, replaying the ledger first-in-first-out (docs/formulas.md §1.4): credits (`earn`,
 * positive `adjust`) become lots; `redeem`, negative `adjust` and `expire` take points from the oldest lots
 * first; with `validityDays`, what is left of a lot expires `validityDays` after it was credited, so
 * redeemed points never expire. At equal timestamps credits apply before redemptions, debits and
 * expiries (then by points and id), so the order of the entries does not change the result.
 *
 * Strict by default: an entry that redeems more than is available, redeems points that have expired, or
 * duplicates another (same `id`, or without ids the same customer, time, kind and points) throws. With
 * `mode: 'lenient'` such entries are left out and listed in `rejected` instead.
 *
 * @param ledger - ledger entries, in any order, of one or many customers
 * @param options - `at` (evaluation time), `validityDays` (omit: points never expire), `mode`
 * @returns totals, each customer's balance and open lots, and the rejected entries; an empty ledger gives
 *   zeros
 * Ids are unique across the ledger: of two entries with one id (of the same or of different customers) the
 * first in the canonical order (customer, time, ...) counts and the other is the duplicate.
 *
 * @throws PatronageError `INVALID_LEDGER_ENTRY`, `DUPLICATE_ENTRY`, `INSUFFICIENT_POINTS`, `POINTS_EXPIRED`
 *   (strict mode), `INVALID_TIMESTAMP`, `OUT_OF_RANGE` for `validityDays`, for a total of points (a
 *   customer's or the ledger's balance, earned, redeemed, expired or adjusted) beyond 2^53 − 1 and for a
 *   credit that would expire beyond the Date range (both in either mode), `INVALID_ARGUMENT`.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { pointsBalance } from 'patronage';
 *
 * const ledger = [
 *   { customerId: 'ann', at: '2025-01-10', kind: 'earn', points: 100 },
 *   { customerId: 'ann', at: '2025-03-01', kind: 'earn', points: 50 },
 *   { customerId: 'ann', at: '2025-06-01', kind: 'redeem', points: 80 },
 * ] as const;
 * // points are valid for 365 days: the 20 left of January's 100 expire on 2026-01-10
 * pointsBalance(ledger, { at: '2025-12-31', validityDays: 365 }).balance; // => 70
 * pointsBalance(ledger, { at: '2026-01-10', validityDays: 365 }).balance; // => 50
 * pointsBalance(ledger, { at: '2026-01-10', validityDays: 365 }).expired; // => 20
 * pointsBalance([{ customerId: 'bo', at: '2025-01-01', kind: 'redeem', points: 5 }], { at: '2025-02-01' }); // => throws INSUFFICIENT_POINTS
 * ```
 *
 * @category Loyalty
 */
export function pointsBalance(ledger: readonly LedgerEntry[], options: LedgerOptions): PointsBalanceResult {
  const replay = replayLedger(FN, ledger, resolveLedgerOptions(FN, options, LEDGER_OPTION_KEYS));
  const customers = replay.customers.map(
    (customer): CustomerPoints => ({
      customerId: customer.customerId,
      balance: customer.balance,
      earned: customer.earned,
      redeemed: customer.redeemed,
      expired: customer.expired,
      adjusted: customer.adjusted,
      lots: customer.lots,
    }),
  );
  const totals = ledgerTotals(FN, replay.customers);
  return {
    at: replay.at,
    balance: totals.balance,
    earned: totals.earned,
    redeemed: totals.redeemed,
    expired: totals.expired,
    adjusted: totals.adjusted,
    customers,
    rejected: replay.rejected,
    later: replay.later,
  };
}
