// The first-in-first-out replay every ledger function shares: read the entries, put them in canonical
// order (only when they are not already), and replay each customer's over a queue of lots.

import { PatronageError, type PatronageErrorCode } from '../../errors/PatronageError';
import { releaseScratch, type Scratch, type ScratchPool, takeScratch } from '../../internal/perf/scratch';
import { requireList } from '../../internal/validate';
import {
  CREDIT_RANK,
  compareRows,
  EARN_RANK,
  type EntryColumns,
  EXPIRE_RANK,
  kindOfRank,
  type LedgerEntryKind,
  REDEEM_RANK,
  type RejectedEntry,
  readEntry,
} from './entries';
import type { ResolvedLedgerOptions } from './ledgerOptions';
import { LotQueue, type PointsLot } from './lotQueue';

/** One change of a balance, in the order applied: what a statement lists. */
export interface ReplayStep {
  readonly at: number;
  readonly kind: LedgerEntryKind;
  /** Signed change of the balance. */
  readonly change: number;
  /** The ledger position, or null for an automatic expiry. */
  readonly index: number | null;
}

/** One customer's replayed ledger. */
export interface CustomerReplay {
  readonly customerId: string;
  readonly earned: number;
  readonly redeemed: number;
  readonly expired: number;
  readonly adjusted: number;
  /** Points on the open lots. */
  readonly balance: number;
  /** Open lots, oldest first. */
  readonly lots: PointsLot[];
  /** Every applied change, when asked for. */
  readonly steps: ReplayStep[] | null;
}

/** The replay of a whole ledger at a time. */
export interface LedgerReplay {
  readonly at: number;
  /** The customers, by id. */
  readonly customers: CustomerReplay[];
  /** Entries not applied (lenient mode), by ledger position. */
  readonly rejected: RejectedEntry[];
  /** Valid entries dated after `at`, not yet in effect. */
  readonly later: number;
}

/** Room for one replay: the accepted entries and the lots of the customer being replayed. */
interface ReplayScratch extends Scratch {
  /**
   * The customer and id columns are not cleared after a replay: until the next one overwrites them they
   * hold strings of the last ledger (at most 65,536 of each, see `internal/perf/scratch.ts`).
   */
  readonly entries: EntryColumns;
  readonly lots: LotQueue;
}

const REPLAY_SCRATCH: ScratchPool<ReplayScratch> = {
  spare: null,
  create: (capacity) => ({
    capacity,
    entries: {
      at: new Float64Array(capacity),
      points: new Float64Array(capacity),
      rank: new Int8Array(capacity),
      index: new Int32Array(capacity),
      customer: new Array<string>(capacity).fill(''),
      id: new Array<string | undefined>(capacity).fill(undefined),
    },
    lots: new LotQueue(capacity),
  }),
};

/**
 * Validates the ledger and replays it up to `options.at`: credits become lots, debits take points from the
 * oldest lots first (FIFO), and a lot expires at its expiry. Strict mode throws on the first entry that
 * cannot be applied (a malformed one in ledger order first, then in canonical order a duplicate or a debit
 * the balance does not cover); lenient mode records it and goes on without it. `withSteps` records every
 * change; `onlyCustomer` replays that customer's entries alone.
 */
export function replayLedger(
  fn: string,
  ledger: unknown,
  options: ResolvedLedgerOptions,
  withSteps = false,
  onlyCustomer: string | null = null,
): LedgerReplay {
  const list = requireList(fn, 'ledger', ledger);
  const scratch = takeScratch(REPLAY_SCRATCH, list.length);
  try {
    return replay(scratch, fn, list, options, withSteps, onlyCustomer);
  } finally {
    releaseScratch(REPLAY_SCRATCH, scratch);
  }
}

/** Throws the rejection of `list[index]` in strict mode; records it in lenient mode. */
function reject(
  rejected: RejectedEntry[],
  lenient: boolean,
  list: readonly unknown[],
  index: number,
  code: PatronageErrorCode,
  message: string,
): void {
  if (!lenient) {
    throw new PatronageError(code, message, { argument: `ledger[${index}]`, index, value: list[index] });
  }
  rejected.push({ index, code, message });
}

/**
 * Drops the lots that have expired by `time` (an expiry at `time` has happened), recording each in `steps`
 * when given; returns the points they held.
 */
function expireUntil(lots: LotQueue, time: number, steps: ReplayStep[] | null): number {
  let expired = 0;
  for (let expiry = lots.firstExpiry(); expiry <= time; expiry = lots.firstExpiry()) {
    const points = lots.dropFirst();
    expired += points;
    steps?.push({ at: expiry, kind: 'expire', change: -points, index: null });
  }
  return expired;
}

function replay(
  scratch: ReplayScratch,
  fn: string,
  list: readonly unknown[],
  options: ResolvedLedgerOptions,
  withSteps: boolean,
  onlyCustomer: string | null,
): LedgerReplay {
  const { entries, lots } = scratch;
  const {
    at: atOf,
    points: pointsOf,
    rank: rankOf,
    index: indexOf,
    customer: customerOf,
    id: idOf,
  } = entries;
  const { lenient } = options;
  const rejected: RejectedEntry[] = [];
  // read every entry into a row; note on the way whether the rows are already in canonical order (ledgers
  // usually arrive in time order) and whether there is more than one customer and any id
  let count = 0;
  let sorted = true;
  let mixed = false;
  let withIds = false;
  for (let index = 0; index < list.length; index++) {
    const problem = readEntry(fn, list[index], index, entries, count);
    if (problem !== null) {
      reject(rejected, lenient, list, index, 'INVALID_LEDGER_ENTRY', problem);
      continue;
    }
    const customerId = customerOf[count] as string;
    if (onlyCustomer !== null && customerId !== onlyCustomer) continue;
    if (idOf[count] !== undefined) withIds = true;
    if (count > 0) {
      const sameCustomer = customerId === customerOf[count - 1];
      if (!sameCustomer) mixed = true;
      if (
        sorted &&
        !(sameCustomer && (atOf[count - 1] as number) < (atOf[count] as number)) &&
        compareRows(entries, count - 1, count) > 0
      ) {
        sorted = false;
      }
    }
    count++;
  }
  let order: number[] | null = null;
  if (!sorted) {
    order = Array.from({ length: count }, (_, row) => row);
    order.sort((left, right) => compareRows(entries, left, right));
  }
  // duplicates: a repeated id, or (entries without ids) the same customer, time, rank and points, which the
  // canonical order makes neighbours
  const idsMet = withIds ? new Set<string>() : null;
  const asOf = options.at;
  const validity = options.validityMs ?? Number.POSITIVE_INFINITY;
  const customers: CustomerReplay[] = [];
  let later = 0;
  let previous = -1;
  let k = 0;
  while (k < count) {
    const customerId = customerOf[order === null ? k : (order[k] as number)] as string;
    let started = false;
    let earned = 0;
    let redeemed = 0;
    let expired = 0;
    let adjusted = 0;
    let balance = 0;
    const steps: ReplayStep[] | null = withSteps ? [] : null;
    lots.clear();
    for (; k < count; k++) {
      const row = order === null ? k : (order[k] as number);
      if (mixed && customerOf[row] !== customerId) break;
      const id = idOf[row];
      const at = atOf[row] as number;
      const rank = rankOf[row] as number;
      const points = pointsOf[row] as number;
      let duplicate = false;
      if (id !== undefined) {
        const met = idsMet as Set<string>;
        duplicate = met.has(id);
        if (!duplicate) met.add(id);
      } else if (previous >= 0) {
        duplicate =
          idOf[previous] === undefined &&
          customerOf[previous] === customerId &&
          atOf[previous] === at &&
          rankOf[previous] === rank &&
          pointsOf[previous] === points;
      }
      previous = row;
      const index = indexOf[row] as number;
      if (duplicate) {
        const what = id !== undefined ? `id ${JSON.stringify(id)}` : 'same customer, time, kind and points';
        reject(
          rejected,
          lenient,
          list,
          index,
          'DUPLICATE_ENTRY',
          `${fn}: ledger[${index}] duplicates an earlier entry (${what})`,
        );
        continue;
      }
      started = true;
      if (at > asOf) {
        later++;
        continue;
      }
      const gone = expireUntil(lots, at, steps);
      expired += gone;
      balance -= gone;
      if (rank <= CREDIT_RANK) {
        lots.credit(at, at + validity, points);
        balance += points;
        if (rank === EARN_RANK) earned += points;
        else adjusted += points;
        steps?.push({ at, kind: kindOfRank(rank), change: points, index });
        continue;
      }
      const debit = Math.abs(points);
      if (debit > balance) {
        // redeeming points that have expired: the redemption would be covered had they not
        const code: PatronageErrorCode =
          rank === REDEEM_RANK && debit <= balance + expired ? 'POINTS_EXPIRED' : 'INSUFFICIENT_POINTS';
        const note = code === 'POINTS_EXPIRED' ? ` (${expired} expired earlier and cannot be redeemed)` : '';
        reject(
          rejected,
          lenient,
          list,
          index,
          code,
          `${fn}: ledger[${index}] takes ${debit} points from customer ${JSON.stringify(customerId)}, who has ${balance} available${note}`,
        );
        continue;
      }
      lots.spend(debit);
      balance -= debit;
      if (rank === REDEEM_RANK) redeemed += debit;
      else if (rank === EXPIRE_RANK) expired += debit;
      else adjusted -= debit;
      steps?.push({ at, kind: kindOfRank(rank), change: -debit, index });
    }
    if (!started) continue;
    const gone = expireUntil(lots, asOf, steps);
    expired += gone;
    balance -= gone;
    customers.push({ customerId, earned, redeemed, expired, adjusted, balance, lots: lots.open(), steps });
  }
  if (rejected.length > 1) rejected.sort((left, right) => left.index - right.index);
  return { at: asOf, customers, rejected, later };
}

/** Point totals over replayed customers; `balance` is what is on their open lots. */
export interface LedgerTotals {
  balance: number;
  earned: number;
  redeemed: number;
  expired: number;
  adjusted: number;
}

/** Sums the customers' running totals. */
export function ledgerTotals(customers: readonly CustomerReplay[]): LedgerTotals {
  const totals: LedgerTotals = { balance: 0, earned: 0, redeemed: 0, expired: 0, adjusted: 0 };
  for (const customer of customers) {
    totals.balance += customer.balance;
    totals.earned += customer.earned;
    totals.redeemed += customer.redeemed;
    totals.expired += customer.expired;
    totals.adjusted += customer.adjusted;
  }
  return totals;
}
