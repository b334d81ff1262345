import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { requireList } from '../internal/validate';
import type { ResolvedRfmOptions } from './rfmOptions';
import type { PreparedColumns } from './rfmSummaryColumns';
import { type CheckedTransaction, type CustomerId, compareCustomerIds, readTransaction } from './transaction';

/** Prepared columns plus the customer ids behind the dense indexes, numbered in sorted id order. */
export interface PreparedTransactions extends PreparedColumns {
  readonly customerIds: readonly CustomerId[];
}

/**
 * Validates transaction rows (throwing a PatronageError that names the first bad row), counts a
 * transaction repeated under the same `eventId` once (a conflicting repeat throws CONFLICTING_EVENT_ID)
 * and returns them as prepared columns. Customers are numbered in sorted id order, so results come out
 * sorted by customer id whatever the input order.
 */
export function prepareTransactions(
  fn: string,
  transactions: unknown,
  resolved: ResolvedRfmOptions,
): PreparedTransactions {
  const rows = requireList(fn, 'transactions', transactions);
  const checked: CheckedTransaction[] = [];
  const byEventId = new Map<string, CheckedTransaction & { index: number }>();
  for (let index = 0; index < rows.length; index++) {
    const transaction = readTransaction(fn, index, rows[index], resolved.scale);
    if (transaction.eventId !== undefined) {
      const seen = byEventId.get(transaction.eventId);
      if (seen !== undefined) {
        if (
          seen.customerId !== transaction.customerId ||
          seen.at !== transaction.at ||
          seen.minor !== transaction.minor
        ) {
          throw new PatronageError(
            'CONFLICTING_EVENT_ID',
            `${fn}: row ${index}: eventId ${describeValue(transaction.eventId)} was used by row ${seen.index} for a different transaction`,
            { argument: 'transactions', index, eventId: transaction.eventId, firstIndex: seen.index },
          );
        }
        continue; // the same transaction delivered twice counts once
      }
      byEventId.set(transaction.eventId, { ...transaction, index });
    }
    checked.push(transaction);
  }
  const ids = [...new Set(checked.map((transaction) => transaction.customerId))].sort(compareCustomerIds);
  const indexOf = new Map(ids.map((id, position) => [id, position]));
  const count = checked.length;
  const customerIndex = new Uint32Array(count);
  const keys = new Int32Array(count);
  const minor = new Float64Array(count);
  let maxKey = Number.NEGATIVE_INFINITY;
  for (let row = 0; row < count; row++) {
    const transaction = checked[row] as CheckedTransaction;
    customerIndex[row] = indexOf.get(transaction.customerId) as number;
    const key = resolved.keyer.keyOf(transaction.at);
    keys[row] = key;
    minor[row] = transaction.minor;
    if (key > maxKey) maxKey = key;
  }
  return { customerCount: ids.length, customerIndex, keys, minor, maxKey, customerIds: ids };
}
