import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { requireList } from '../../internal/validate';
import { type CustomerId, compareCustomerIds, readTransaction } from '../../model/transaction';
import type { ResolvedRfmOptions } from '../rfm/rfmOptions';
import type { PreparedColumns } from '../rfm/rfmSummaryColumns';

/** Prepared columns plus the customer ids behind the dense indexes, numbered in sorted id order. */
export interface PreparedTransactions extends PreparedColumns {
  readonly customerIds: readonly CustomerId[];
}

const MAX_EPOCH_MS = 8.64e15;

/**
 * Validates transaction rows (throwing a PatronageError that names the first bad row), counts a
 * transaction repeated under the same `eventId` once (a conflicting repeat throws CONFLICTING_EVENT_ID)
 * and returns them as prepared columns. Customers are numbered in sorted id order, so results come out
 * sorted by customer id whatever the input order.
 *
 * Rows are read straight into typed arrays; a row that is not plainly valid (anything but a finite
 * epoch-ms number or a string for `at`, say) goes through the full row validator, which either accepts
 * it or throws the precise error.
 */
export function prepareTransactions(
  fn: string,
  transactions: unknown,
  resolved: ResolvedRfmOptions,
): PreparedTransactions {
  const rows = requireList(fn, 'transactions', transactions);
  const { keyer, scale } = resolved;
  let capacity = Math.max(16, rows.length);
  let firstSeen = new Uint32Array(capacity);
  let keys = new Int32Array(capacity);
  let minor = new Float64Array(capacity);
  let count = 0;
  const indexOfId = new Map<CustomerId, number>();
  const ids: CustomerId[] = [];
  const byEventId = new Map<string, { index: number; customerId: CustomerId; at: number; minor: number }>();
  let maxKey = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] as {
      customerId?: unknown;
      at?: unknown;
      amount?: unknown;
      eventId?: unknown;
    } | null;
    let customerId: CustomerId;
    let at: number;
    let cents: number;
    let eventId: string | undefined;
    const plain =
      typeof row === 'object' &&
      row !== null &&
      (typeof row.customerId === 'string'
        ? row.customerId.length > 0
        : Number.isSafeInteger(row.customerId)) &&
      typeof row.at === 'number' &&
      Math.abs(row.at) <= MAX_EPOCH_MS &&
      typeof row.amount === 'number' &&
      row.amount >= 0 &&
      row.amount < Number.POSITIVE_INFINITY &&
      (row.eventId === undefined || (typeof row.eventId === 'string' && row.eventId.length > 0));
    if (plain) {
      const scaled = (row.amount as number) * scale;
      cents = Math.round(scaled);
      if (Math.abs(scaled - cents) > 1e-6 + scaled * 4 * Number.EPSILON || cents > Number.MAX_SAFE_INTEGER) {
        readTransaction(fn, index, row, scale); // throws the precise MONEY_PRECISION row error
      }
      customerId = row.customerId === 0 ? 0 : (row.customerId as CustomerId);
      at = row.at === 0 ? 0 : (row.at as number);
      eventId = row.eventId as string | undefined;
    } else {
      const checked = readTransaction(fn, index, row, scale); // converts other time forms, or throws
      customerId = checked.customerId;
      at = checked.at;
      cents = checked.minor;
      eventId = checked.eventId;
    }
    if (eventId !== undefined) {
      const seen = byEventId.get(eventId);
      if (seen !== undefined) {
        if (seen.customerId !== customerId || seen.at !== at || seen.minor !== cents) {
          throw new PatronageError(
            'CONFLICTING_EVENT_ID',
            `${fn}: row ${index}: eventId ${describeValue(eventId)} was used by row ${seen.index} for a different transaction`,
            { argument: 'transactions', index, eventId, firstIndex: seen.index },
          );
        }
        continue; // the same transaction delivered twice counts once
      }
      byEventId.set(eventId, { index, customerId, at, minor: cents });
    }
    let customer = indexOfId.get(customerId);
    if (customer === undefined) {
      customer = ids.length;
      indexOfId.set(customerId, customer);
      ids.push(customerId);
    }
    if (count === capacity) {
      capacity *= 2;
      const grow = <T extends Uint32Array | Int32Array | Float64Array>(
        array: T,
        make: (size: number) => T,
      ): T => {
        const next = make(capacity);
        next.set(array);
        return next;
      };
      firstSeen = grow(firstSeen, (size) => new Uint32Array(size));
      keys = grow(keys, (size) => new Int32Array(size));
      minor = grow(minor, (size) => new Float64Array(size));
    }
    const key = keyer.keyOf(at);
    firstSeen[count] = customer;
    keys[count] = key;
    minor[count] = cents;
    count++;
    if (key > maxKey) maxKey = key;
  }
  // renumber customers in sorted id order, so results are sorted and independent of row order
  const sortedIds = [...ids].sort(compareCustomerIds);
  const rank = new Uint32Array(ids.length);
  sortedIds.forEach((id, position) => {
    rank[indexOfId.get(id) as number] = position;
  });
  const customerIndex = new Uint32Array(count);
  for (let row = 0; row < count; row++) customerIndex[row] = rank[firstSeen[row] as number] as number;
  return {
    customerCount: ids.length,
    customerIndex,
    keys: keys.subarray(0, count),
    minor: minor.subarray(0, count),
    maxKey,
    customerIds: sortedIds,
  };
}
