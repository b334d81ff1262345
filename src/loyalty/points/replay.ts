// The first-in-first-out replay every ledger function shares: read the entries, put them in canonical
// order (only when they are not already), and replay each customer's over a queue of lots.

import { PatronageError, type PatronageErrorCode } from '../../errors/PatronageError';
import { IdIndex } from '../../internal/perf/idIndex';
import { releaseScratch, type Scratch, type ScratchPool, takeScratch } from '../../internal/perf/scratch';
import { requireListInPlace } from '../../internal/validate';
import { MAX_EPOCH_MS } from '../../model/time';
import {
  CREDIT_RANK,
  compareRows,
  EARN_RANK,
  type EntryColumns,
  EXPIRE_RANK,
  isEntryObject,
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
  /**
   * Whose each rejected entry is, as read once from it: its customer, `''` for an object whose customerId
   * is no string, null for an entry that is not an object at all.
   */
  readonly rejectedOwners: (string | null)[];
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
  /** The ids met, over the id column. */
  readonly ids: IdIndex;
}

const REPLAY_SCRATCH: ScratchPool<ReplayScratch> = {
  spare: null,
  create: (capacity) => {
    const id = new Array<string | undefined>(capacity).fill(undefined);
    return {
      capacity,
      entries: {
        at: new Float64Array(capacity),
        points: new Float64Array(capacity),
        rank: new Int8Array(capacity),
        index: new Int32Array(capacity),
        customer: new Array<string>(capacity).fill(''),
        id,
      },
      lots: new LotQueue(capacity),
      ids: new IdIndex(capacity, id),
    };
  },
};

/**
 * The most points a total may hold: beyond 2^53 − 1 a number no longer counts whole points exactly.
 * A total beyond it is `OUT_OF_RANGE`.
 */
export const MAX_POINTS: number = Number.MAX_SAFE_INTEGER;

/**
 * Validates the ledger and replays it up to `options.at`: credits become lots, debits take points from the
 * oldest lots first (FIFO), and a lot expires at its expiry. Strict mode throws on the first entry that
 * cannot be applied (a malformed one in ledger order first, then in canonical order a duplicate or a debit
 * the balance does not cover); lenient mode records it and goes on without it. Every customer is always
 * replayed, so every ledger function reads the ledger the same way (which entry of a reused id counts,
 * where strict mode throws); `stepsFor` records every change of that customer's balance. A total beyond
 * {@link MAX_POINTS} or a lot expiring beyond the Date range throws `OUT_OF_RANGE` in both modes.
 */
export function replayLedger(
  fn: string,
  ledger: unknown,
  options: ResolvedLedgerOptions,
  stepsFor: string | null = null,
): LedgerReplay {
  // no copy of the list: every entry is read once, into the scratch's columns
  const { list, length } = requireListInPlace(fn, 'ledger', ledger);
  const scratch = takeScratch(REPLAY_SCRATCH, length);
  try {
    return replay(scratch, fn, list, length, options, stepsFor);
  } finally {
    releaseScratch(REPLAY_SCRATCH, scratch);
  }
}

/** A rejected entry and whose it is (see {@link LedgerReplay.rejectedOwners}). */
interface Rejection {
  readonly entry: RejectedEntry;
  readonly owner: string | null;
}

/** Throws the rejection of the entry `raw` at `index` in strict mode; records it in lenient mode. */
function reject(
  rejections: Rejection[],
  lenient: boolean,
  raw: unknown,
  owner: string | null,
  index: number,
  code: PatronageErrorCode,
  message: string,
): void {
  if (!lenient) {
    throw new PatronageError(code, message, { argument: `ledger[${index}]`, index, value: raw });
  }
  rejections.push({ entry: { index, code, message }, owner });
}

/** Whether `total` points are within the exact range {@link MAX_POINTS}. */
function isExact(total: number): boolean {
  return total <= MAX_POINTS && total >= -MAX_POINTS;
}

/** Throws `OUT_OF_RANGE` when `total` (points of `what`) is beyond the exact range {@link MAX_POINTS}. */
function requireExactPoints(fn: string, total: number, what: string): void {
  if (!isExact(total)) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${fn}: ${what} (${total}) is beyond ${MAX_POINTS} points, where whole points are no longer exact`,
      { argument: 'ledger', value: total, maximum: MAX_POINTS },
    );
  }
}

/** Throws `OUT_OF_RANGE` for a credit at `index` whose lots would expire at `expiresAt`, beyond the Date range. */
function throwExpiryBeyondDates(fn: string, index: number, expiresAt: number): never {
  throw new PatronageError(
    'OUT_OF_RANGE',
    `${fn}: ledger[${index}] credits points that would expire at ${expiresAt} ms, beyond the Date range (${MAX_EPOCH_MS} ms)`,
    { argument: `ledger[${index}]`, index, value: expiresAt, maximum: MAX_EPOCH_MS },
  );
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

/** How {@link readRows} found the ledger: the rows read, and whether they are in canonical order. */
interface RowsRead {
  readonly count: number;
  readonly sorted: boolean;
}

/**
 * Reads the entries into rows of `entries`, one per well-formed entry, in ledger order; a malformed entry is
 * rejected (strict mode: thrown) as it is met.
 */
function readRows(
  fn: string,
  list: readonly unknown[],
  length: number,
  entries: EntryColumns,
  rejections: Rejection[],
  lenient: boolean,
): RowsRead {
  const { at: atOf, customer: customerOf } = entries;
  let count = 0;
  let sorted = true;
  for (let index = 0; index < length; index++) {
    const raw = list[index];
    const problem = readEntry(fn, raw, index, entries, count);
    if (problem !== null) {
      const owner = isEntryObject(raw) ? (customerOf[count] as string) : null;
      reject(rejections, lenient, raw, owner, index, 'INVALID_LEDGER_ENTRY', problem);
      continue;
    }
    if (
      count > 0 &&
      sorted &&
      !(
        customerOf[count] === customerOf[count - 1] && (atOf[count - 1] as number) < (atOf[count] as number)
      ) &&
      compareRows(entries, count - 1, count) > 0
    ) {
      sorted = false;
    }
    count++;
  }
  return { count, sorted };
}

/**
 * Reads the ledger into rows and replays them in canonical order. The entries are read first, in ledger
 * order (so a malformed one is found before any other rejection), noting whether the rows come in canonical
 * order (ledgers usually arrive in time order: then nothing is sorted); then one loop replays the rows in
 * canonical order, customer by customer, over a queue of lots.
 *
 * A customer's totals are each a sum of some of the points it applied (expiries take only credited points),
 * so while the sum of those points' sizes (`volume`) is within {@link MAX_POINTS} every total is exact
 * and none is checked; above it each is checked at the same steps as always.
 */
function replay(
  scratch: ReplayScratch,
  fn: string,
  list: readonly unknown[],
  length: number,
  options: ResolvedLedgerOptions,
  stepsFor: string | null,
): LedgerReplay {
  const { entries, lots, ids } = scratch;
  const {
    at: atOf,
    points: pointsOf,
    rank: rankOf,
    index: indexOf,
    customer: customerOf,
    id: idOf,
  } = entries;
  const { lenient } = options;
  const asOf = options.at;
  const validity = options.validityMs ?? Number.POSITIVE_INFINITY;
  const expiring = options.validityMs !== null;
  const rejections: Rejection[] = [];
  const { count, sorted } = readRows(fn, list, length, entries, rejections, lenient);
  let order: number[] | null = null; // the canonical order of the rows, when they are not in it
  if (!sorted) {
    order = Array.from({ length: count }, (_, k) => k);
    order.sort((left, right) => compareRows(entries, left, right));
  }
  // replay: the customers done, and the customer being replayed
  const customers: CustomerReplay[] = [];
  let later = 0;
  let idsMet = false; // whether `ids` holds the ids met (it is emptied at the first id)
  let previous = -1; // the row replayed last
  let customerId = '';
  let started = false; // whether the customer has an entry that is no duplicate (else it is not listed)
  let earned = 0;
  let redeemed = 0;
  let expired = 0;
  let adjusted = 0;
  let balance = 0;
  let volume = 0; // the sum of the sizes of the points the customer applied
  let steps: ReplayStep[] | null = null;
  for (let position = 0; position <= count; position++) {
    // the next row to replay, or −1 at the end
    const row = position === count ? -1 : order === null ? position : (order[position] as number);
    if (row < 0 || customerOf[row] !== customerId) {
      // the customer replayed so far is done: what is left expires up to `at`
      if (started) {
        const gone = expireUntil(lots, asOf, steps);
        expired += gone;
        balance -= gone;
        if (volume > MAX_POINTS) {
          requireExactPoints(fn, expired, `points expired of customer ${JSON.stringify(customerId)}`);
        }
        customers.push({
          customerId,
          earned,
          redeemed,
          expired,
          adjusted,
          balance,
          lots: lots.open(),
          steps,
        });
      }
      if (row < 0) break;
      customerId = customerOf[row] as string;
      started = false;
      earned = 0;
      redeemed = 0;
      expired = 0;
      adjusted = 0;
      balance = 0;
      volume = 0;
      steps = customerId === stepsFor ? [] : null;
      lots.clear();
    }
    const id = idOf[row];
    const at = atOf[row] as number;
    const rank = rankOf[row] as number;
    const points = pointsOf[row] as number;
    const index = indexOf[row] as number;
    // a duplicate: a repeated id, or (entries without ids) the same customer, time, rank and points, which
    // the canonical order makes neighbours
    let duplicate: boolean;
    if (id !== undefined) {
      if (!idsMet) {
        ids.reset(count);
        idsMet = true;
      }
      duplicate = ids.seen(id, row);
    } else {
      duplicate =
        previous >= 0 &&
        idOf[previous] === undefined &&
        customerOf[previous] === customerId &&
        atOf[previous] === at &&
        rankOf[previous] === rank &&
        pointsOf[previous] === points;
    }
    previous = row;
    if (duplicate) {
      const what = id !== undefined ? `id ${JSON.stringify(id)}` : 'same customer, time, kind and points';
      reject(
        rejections,
        lenient,
        list[index],
        customerId,
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
    if (volume > MAX_POINTS) {
      requireExactPoints(fn, expired, `points expired of customer ${JSON.stringify(customerId)}`);
    }
    if (rank <= CREDIT_RANK) {
      const expiresAt = at + validity;
      if (expiring && expiresAt > MAX_EPOCH_MS) throwExpiryBeyondDates(fn, index, expiresAt);
      lots.credit(at, expiresAt, points);
      balance += points;
      volume += points;
      if (rank === EARN_RANK) earned += points;
      else adjusted += points;
      if (volume > MAX_POINTS) {
        requireExactPoints(fn, balance, `the balance of customer ${JSON.stringify(customerId)}`);
        requireExactPoints(fn, earned, `points earned by customer ${JSON.stringify(customerId)}`);
        requireExactPoints(fn, adjusted, `adjustments of customer ${JSON.stringify(customerId)}`);
      }
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
        rejections,
        lenient,
        list[index],
        customerId,
        index,
        code,
        `${fn}: ledger[${index}] takes ${debit} points from customer ${JSON.stringify(customerId)}, who has ${balance} available${note}`,
      );
      continue;
    }
    lots.spend(debit);
    balance -= debit;
    volume += debit;
    if (rank === REDEEM_RANK) redeemed += debit;
    else if (rank === EXPIRE_RANK) expired += debit;
    else adjusted -= debit;
    if (volume > MAX_POINTS) {
      requireExactPoints(fn, redeemed, `points redeemed by customer ${JSON.stringify(customerId)}`);
      requireExactPoints(fn, expired, `points expired of customer ${JSON.stringify(customerId)}`);
      requireExactPoints(fn, adjusted, `adjustments of customer ${JSON.stringify(customerId)}`);
    }
    steps?.push({ at, kind: kindOfRank(rank), change: -debit, index });
  }
  if (rejections.length > 1) rejections.sort((left, right) => left.entry.index - right.entry.index);
  const rejected = rejections.map((rejection) => rejection.entry);
  const rejectedOwners = rejections.map((rejection) => rejection.owner);
  return { at: asOf, customers, rejected, rejectedOwners, later };
}

/** Point totals over replayed customers; `balance` is what is on their open lots. */
export interface LedgerTotals {
  balance: number;
  earned: number;
  redeemed: number;
  expired: number;
  adjusted: number;
}

/** Sums the customers' running totals; a sum beyond {@link MAX_POINTS} throws `OUT_OF_RANGE` (`fn` names it). */
export function ledgerTotals(fn: string, customers: readonly CustomerReplay[]): LedgerTotals {
  const totals: LedgerTotals = { balance: 0, earned: 0, redeemed: 0, expired: 0, adjusted: 0 };
  // the signed adjustments are summed by sign, so that no partial sum can leave the exact range unseen
  let adjustedUp = 0;
  let adjustedDown = 0;
  for (const customer of customers) {
    totals.balance += customer.balance;
    totals.earned += customer.earned;
    totals.redeemed += customer.redeemed;
    totals.expired += customer.expired;
    if (customer.adjusted > 0) adjustedUp += customer.adjusted;
    else adjustedDown += customer.adjusted;
  }
  // every other sum only grows, so it is exact when it ends within the range
  requireExactPoints(fn, totals.balance, 'the total balance');
  requireExactPoints(fn, totals.earned, 'the points earned in all');
  requireExactPoints(fn, totals.redeemed, 'the points redeemed in all');
  requireExactPoints(fn, totals.expired, 'the points expired in all');
  requireExactPoints(fn, adjustedUp, 'the upward adjustments in all');
  requireExactPoints(fn, adjustedDown, 'the downward adjustments in all');
  totals.adjusted = adjustedUp + adjustedDown;
  return totals;
}

/** Throws `OUT_OF_RANGE` when a sum of points computed from the replay is beyond {@link MAX_POINTS}. */
export function requireExactTotal(fn: string, total: number, what: string): number {
  requireExactPoints(fn, total, what);
  return total;
}
