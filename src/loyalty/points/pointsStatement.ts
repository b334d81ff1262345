import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import type { LedgerEntry, LedgerEntryKind, RejectedEntry } from './entries';
import { LEDGER_OPTION_KEYS, type LedgerOptions, resolveLedgerOptions } from './ledgerOptions';
import { replayLedger } from './replay';

/**
 * One line of a points statement.
 *
 * @category Loyalty
 */
export interface StatementLine {
  /** When, epoch ms. */
  readonly at: number;
  /** What happened. */
  readonly kind: LedgerEntryKind;
  /** Whether this is an automatic expiry (from `validityDays`) rather than a ledger entry. */
  readonly automatic: boolean;
  /** Signed change of the balance. */
  readonly points: number;
  /** The balance after this line. */
  readonly balance: number;
  /** Position of the ledger entry, or null for an automatic expiry. */
  readonly entryIndex: number | null;
}

/**
 * The result of {@link pointsStatement}.
 *
 * @category Loyalty
 */
export interface PointsStatement {
  /** The customer. */
  readonly customerId: string;
  /** Every change up to `at`, in the order applied. */
  readonly lines: readonly StatementLine[];
  /** The closing balance. */
  readonly balance: number;
  /** This customer's entries that were not applied (lenient mode). */
  readonly rejected: readonly RejectedEntry[];
}

const FN = 'pointsStatement';

/**
 * One customer's points statement: each applied entry and each automatic expiry, in the order the
 * first-in-first-out replay of {@link pointsBalance} applies them, with the running balance. What a
 * support agent shows a customer who asks where their points went. The whole ledger is replayed as
 * {@link pointsBalance} replays it, so the closing balance is that customer's balance there (an id another
 * customer used first makes the entry a duplicate here too) and strict mode throws where it throws.
 *
 * @param ledger - ledger entries of all customers (only this customer's appear in the lines)
 * @param customerId - the customer
 * @param options - `at`, `validityDays`, `mode`
 * @returns the lines, the closing balance and the customer's rejected entries (with those that are not
 *   objects, which belong to no one known); no lines and 0 for a customer without applied entries
 * @throws PatronageError as {@link pointsBalance}; `INVALID_ARGUMENT` for an empty customer id.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { pointsStatement } from 'patronage';
 *
 * const ledger = [
 *   { customerId: 'ann', at: '2025-01-10', kind: 'earn', points: 100 },
 *   { customerId: 'ann', at: '2025-06-01', kind: 'redeem', points: 80 },
 * ] as const;
 * const statement = pointsStatement(ledger, 'ann', { at: '2026-02-01', validityDays: 365 });
 * statement.lines.map((line) => `${line.kind} ${line.points} → ${line.balance}`);
 * // => ['earn 100 → 100', 'redeem -80 → 20', 'expire -20 → 0']
 * ```
 *
 * @category Loyalty
 */
export function pointsStatement(
  ledger: readonly LedgerEntry[],
  customerId: string,
  options: LedgerOptions,
): PointsStatement {
  if (typeof customerId !== 'string' || customerId === '') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: customerId must be a non-empty string, got ${describeValue(customerId)}`,
      { argument: 'customerId', value: customerId },
    );
  }
  // the whole ledger is replayed, as pointsBalance replays it: which of two entries with one id counts, and
  // where strict mode throws, depends on every customer's entries, not this customer's alone
  const replay = replayLedger(FN, ledger, resolveLedgerOptions(FN, options, LEDGER_OPTION_KEYS), customerId);
  const customer = replay.customers.find((replayed) => replayed.customerId === customerId);
  let balance = 0;
  const lines = (customer?.steps ?? []).map((step): StatementLine => {
    balance += step.change;
    return {
      at: step.at,
      kind: step.kind,
      automatic: step.index === null,
      points: step.change,
      balance,
      entryIndex: step.index,
    };
  });
  // whose a rejected entry is was read once by the replay (an entry that is not an object is anyone's)
  const mine = replay.rejected.filter((_, k) => {
    const owner = replay.rejectedOwners[k];
    return owner === null || owner === customerId;
  });
  return { customerId, lines, balance, rejected: mine };
}
