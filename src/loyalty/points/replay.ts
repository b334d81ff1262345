// The first-in-first-out replay every ledger function shares: each customer's entries in canonical order
// over a queue of lots, replayed as they are read while the ledger comes in that order, else read into
// rows, sorted and replayed.

import { PatronageError, type PatronageErrorCode } from '../../errors/PatronageError';
import { IdIndex } from '../../internal/perf/idIndex';
import { releaseScratch, type Scratch, type ScratchPool, takeScratch } from '../../internal/perf/scratch';
import { type ListInPlace, requireListInPlaceWithHoles, requireNoHoles } from '../../internal/validate';
import { MAX_EPOCH_MS } from '../../model/time';
import {
  compareRows,
  type EntryColumns,
  entryRank,
  isEntryObject,
  isEpochTime,
  kindOfRank,
  type LedgerEntryKind,
  Rank,
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
  const read = requireListInPlaceWithHoles(fn, 'ledger', ledger);
  const scratch = takeScratch(REPLAY_SCRATCH, read.length);
  try {
    return replay(scratch, fn, read, options, stepsFor);
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

/** How {@link readRows} found the ledger: the rows read, and whether they are in canonical order. */
interface RowsRead {
  readonly count: number;
  readonly sorted: boolean;
}

/**
 * Reads the entries from `start` on into rows of `entries` from row `count` on, one per well-formed entry,
 * in ledger order; a malformed entry is rejected (strict mode: thrown) as it is met. `first`, when given,
 * holds the fields of `ledger[start]` as already read from it (they are not read again). The order is
 * checked from the last row already read on.
 */
function readRows(
  fn: string,
  list: readonly unknown[],
  start: number,
  length: number,
  entries: EntryColumns,
  count: number,
  first: object | null,
  rejections: Rejection[],
  lenient: boolean,
): RowsRead {
  const { at: atOf, customer: customerOf } = entries;
  let rows = count;
  let sorted = true;
  for (let index = start; index < length; index++) {
    const raw = list[index];
    const problem = readEntry(fn, index === start && first !== null ? first : raw, index, entries, rows);
    if (problem !== null) {
      const owner = isEntryObject(raw) ? (customerOf[rows] as string) : null;
      reject(rejections, lenient, raw, owner, index, 'INVALID_LEDGER_ENTRY', problem);
      continue;
    }
    rows++;
  }
  for (let row = count > 1 ? count - 1 : 1; row < rows; row++) {
    if (
      !(customerOf[row] === customerOf[row - 1] && (atOf[row - 1] as number) < (atOf[row] as number)) &&
      compareRows(entries, row - 1, row) > 0
    ) {
      sorted = false;
      break;
    }
  }
  return { count: rows, sorted };
}

/** Where the replay as read stopped: the next entry to read, and its fields when they were read. */
interface Stop {
  next: number;
  fields: object | null;
}

/**
 * Replays the ledger in canonical order. The usual ledger is in canonical order already, and is replayed
 * as it is read: each entry is read into its row and applied at once. At the first entry that is not
 * well formed with a time (a hole in the list too: the list is searched for holes only then), that is out
 * of order, or that would be rejected or throw (a duplicate, an overdraft, an expiry beyond the Date
 * range), and at the end of a customer whose totals may have left the exact range of {@link MAX_POINTS},
 * that replay stops; the rest is read into rows (a malformed entry is rejected there, so before any other
 * rejection), the rows are sorted if they are not in canonical order, and the same replay runs again over
 * the rows from the start. No entry is read twice.
 */
function replay(
  scratch: ReplayScratch,
  fn: string,
  read: ListInPlace,
  options: ResolvedLedgerOptions,
  stepsFor: string | null,
): LedgerReplay {
  const { list, length } = read;
  const rejections: Rejection[] = [];
  const stop: Stop = { next: 0, fields: null };
  scratch.ids.reset(length);
  const asRead = replayRows(scratch, fn, list, length, null, options, stepsFor, rejections, stop);
  if (asRead !== null) return asRead;
  // a hole reads as undefined, which is no entry, so a ledger with one stopped the replay as read
  requireNoHoles(fn, 'ledger', read);
  const { entries } = scratch;
  const { count, sorted } = readRows(
    fn,
    list,
    stop.next,
    length,
    entries,
    stop.next,
    stop.fields,
    rejections,
    options.lenient,
  );
  let order: number[] | null = null; // the canonical order of the rows, when they are not in it
  if (!sorted) {
    order = Array.from({ length: count }, (_, k) => k);
    order.sort((left, right) => compareRows(entries, left, right));
  }
  scratch.ids.reset(count);
  return replayRows(scratch, fn, list, count, order, options, stepsFor, rejections, null) as LedgerReplay;
}

/**
 * The one replay: `count` rows in canonical order (`order`, or the rows' own order when null), customer by
 * customer, over a queue of lots. With `stop` the rows are the ledger's entries, each read as it is
 * replayed (row k is `ledger[k]`), and the replay returns null at the first one it cannot take as it comes,
 * saying where in `stop`; without, they are rows of the scratch read before.
 *
 * A customer's totals are each a sum of some of the points it applied (expiries take only credited points),
 * so while the sum of those points' sizes (`volume`) is within {@link MAX_POINTS} every total is exact
 * and none is checked; above it each is checked at the same steps as always, over the rows (as read, a
 * customer whose volume ends above it stops the replay).
 *
 * The customer's open lots are those from `head` to `tail` of the queue's columns: a credit is written at
 * `tail`, a debit and an expiry take from `head`. The expiries due by a row are dropped before it is looked
 * at (a duplicate or a row after `at` changes no lot, and the next applied row of the customer is no
 * earlier, so this drops the same lots at the same point of the statement as dropping them when a row is
 * applied). On the checkout ledger (100 entries of one customer, with ids) this shape of the loop counts
 * 64,979 instructions a `pointsBalance` call against 76,666 before it (−15.2%; docs/benchmarks.md,
 * "Session 34: pointsBalance").
 */
function replayRows(
  scratch: ReplayScratch,
  fn: string,
  list: readonly unknown[],
  count: number,
  order: readonly number[] | null,
  options: ResolvedLedgerOptions,
  stepsFor: string | null,
  rejections: Rejection[],
  stop: Stop | null,
): LedgerReplay | null {
  const { entries, lots, ids } = scratch;
  const {
    at: atOf,
    points: pointsOf,
    rank: rankOf,
    index: indexOf,
    customer: customerOf,
    id: idOf,
  } = entries;
  // the customer's lots are those from `head` to `tail` of the queue's columns (see LotQueue)
  const { creditedAt: lotAt, expiresAt: lotExpires, left: lotLeft } = lots;
  const { lenient } = options;
  const asOf = options.at;
  const validity = options.validityMs ?? Number.POSITIVE_INFINITY;
  // the latest expiry a credit may have: lots that never expire have none
  const expiryLimit = options.validityMs === null ? Number.POSITIVE_INFINITY : MAX_EPOCH_MS;
  const maxPoints = MAX_POINTS;
  const customers: CustomerReplay[] = [];
  let later = 0;
  let previous = -1; // the row replayed last
  let previousAt = Number.NEGATIVE_INFINITY; // as read: the time of the row read last
  let runStart = 0; // as read: the first row of the customer being replayed
  let customerId = '';
  let started = false; // whether the customer has an entry that is no duplicate (else it is not listed)
  let earned = 0;
  let redeemed = 0;
  let expired = 0;
  let adjusted = 0;
  let balance = 0;
  let volume = 0; // the sum of the sizes of the points the customer applied
  let head = 0;
  let tail = 0;
  let steps: ReplayStep[] | null = null;
  for (let position = 0; position <= count; position++) {
    // the next row to replay, or −1 at the end
    let row = -1;
    let customer = '';
    let id: string | undefined;
    let at = 0;
    let rank = 0;
    let points = 0;
    let index = 0;
    let ends = true; // whether the customer replayed so far is done
    if (position < count) {
      if (stop === null) {
        row = order === null ? position : (order[position] as number);
        customer = customerOf[row] as string;
        id = idOf[row];
        at = atOf[row] as number;
        rank = rankOf[row] as number;
        points = pointsOf[row] as number;
        index = indexOf[row] as number;
        ends = customer !== customerId;
      } else {
        // as read: ledger[position] becomes row `position` (its customer and position are written when
        // the replay stops, see stopAt)
        const raw = list[position];
        if (!isEntryObject(raw)) return stopAt(stop, entries, position, runStart, customerId, null);
        const fields = raw as Readonly<Record<string, unknown>>;
        const rawId = fields['id'];
        const rawCustomer = fields['customerId'];
        const kind = fields['kind'];
        const rawPoints = fields['points'];
        const rawAt = fields['at'];
        rank = entryRank(rawId, rawCustomer, kind, rawPoints);
        if (rank < 0 || !isEpochTime(rawAt)) {
          return stopAt(stop, entries, position, runStart, customerId, {
            id: rawId,
            customerId: rawCustomer,
            kind,
            points: rawPoints,
            at: rawAt,
          });
        }
        row = position;
        customer = rawCustomer as string;
        id = rawId as string | undefined;
        at = (rawAt as number) + 0; // −0 is read as 0 (−0 + 0 is 0)
        points = rawPoints as number;
        index = position;
        atOf[row] = at;
        pointsOf[row] = points;
        rankOf[row] = rank;
        idOf[row] = id;
        ends = customer !== customerId;
        if ((ends || !(previousAt < at)) && row > 0) {
          customerOf[row - 1] = customerId;
          customerOf[row] = customer;
          if (compareRows(entries, row - 1, row) > 0) {
            fillCustomer(entries, runStart, row, customerId);
            return stopAt(stop, entries, position + 1, row, customer, null);
          }
        }
        previousAt = at;
      }
    }
    // the lots that have expired by the row's time, or by `at` when the row is later or the customer ends
    // (an expiry at a time has happened by then)
    const until = ends || at > asOf ? asOf : at;
    while (head < tail && (lotExpires[head] as number) <= until) {
      const gone = lotLeft[head] as number;
      expired += gone;
      balance -= gone;
      steps?.push({ at: lotExpires[head] as number, kind: 'expire', change: -gone, index: null });
      head++;
    }
    if (stop === null && volume > maxPoints) {
      requireExactPoints(fn, expired, `points expired of customer ${JSON.stringify(customerId)}`);
    }
    if (ends) {
      if (volume > maxPoints && stop !== null) {
        // as read, the totals are not checked: replay the rows again, where each is (see above)
        if (row < 0) return stopAt(stop, entries, count, runStart, customerId, null);
        fillCustomer(entries, runStart, row, customerId);
        return stopAt(stop, entries, position + 1, row, customer, null);
      }
      if (started) {
        customers.push({
          customerId,
          earned,
          redeemed,
          expired,
          adjusted,
          balance,
          lots: lots.open(head, tail),
          steps,
        });
      }
      if (row < 0) break;
      if (stop !== null) {
        fillCustomer(entries, runStart, row, customerId);
        runStart = row;
      }
      customerId = customer;
      started = false;
      earned = 0;
      redeemed = 0;
      expired = 0;
      adjusted = 0;
      balance = 0;
      volume = 0;
      steps = customerId === stepsFor ? [] : null;
      head = 0;
      tail = 0;
    }
    // a duplicate: a repeated id, or (entries without ids) the same customer, time, rank and points, which
    // the canonical order makes neighbours
    let duplicate: boolean;
    if (id !== undefined) {
      duplicate = ids.seen(id, row);
    } else {
      // as read, the customers of two rows at the same time have been written (where the order is checked)
      duplicate =
        previous >= 0 &&
        idOf[previous] === undefined &&
        atOf[previous] === at &&
        customerOf[previous] === customerId &&
        rankOf[previous] === rank &&
        pointsOf[previous] === points;
    }
    previous = row;
    if (duplicate) {
      if (stop !== null) return stopAt(stop, entries, position + 1, runStart, customerId, null);
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
    if (rank <= Rank.Credit) {
      const expiresAt = at + validity;
      if (expiresAt > expiryLimit) {
        if (stop !== null) return stopAt(stop, entries, position + 1, runStart, customerId, null);
        throwExpiryBeyondDates(fn, index, expiresAt);
      }
      lotAt[tail] = at;
      lotExpires[tail] = expiresAt;
      lotLeft[tail] = points;
      tail++;
      balance += points;
      volume += points;
      if (rank === Rank.Earn) earned += points;
      else adjusted += points;
      if (stop === null && volume > maxPoints) {
        requireExactPoints(fn, balance, `the balance of customer ${JSON.stringify(customerId)}`);
        requireExactPoints(fn, earned, `points earned by customer ${JSON.stringify(customerId)}`);
        requireExactPoints(fn, adjusted, `adjustments of customer ${JSON.stringify(customerId)}`);
      }
      steps?.push({ at, kind: kindOfRank(rank), change: points, index });
      continue;
    }
    const debit = Math.abs(points);
    if (debit > balance) {
      if (stop !== null) return stopAt(stop, entries, position + 1, runStart, customerId, null);
      // redeeming points that have expired: the redemption would be covered had they not
      const code: PatronageErrorCode =
        rank === Rank.Redeem && debit <= balance + expired ? 'POINTS_EXPIRED' : 'INSUFFICIENT_POINTS';
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
    head = lots.spend(head, debit);
    balance -= debit;
    volume += debit;
    if (rank === Rank.Redeem) redeemed += debit;
    else if (rank === Rank.Expire) expired += debit;
    else adjusted -= debit;
    if (stop === null && volume > maxPoints) {
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

/**
 * Records where the replay as read stopped (see {@link Stop}), first writing what that replay leaves out
 * of the rows read (`next` of them): each row's position, and the customer of the rows from `runStart`
 * on, `customerId` (the rows before it are written as each customer ends). Returns null, its result.
 */
function stopAt(
  stop: Stop,
  entries: EntryColumns,
  next: number,
  runStart: number,
  customerId: string,
  fields: object | null,
): null {
  fillCustomer(entries, runStart, next, customerId);
  for (let row = 0; row < next; row++) entries.index[row] = row;
  stop.next = next;
  stop.fields = fields;
  return null;
}

/** Writes `customerId` as the customer of rows `start` to `end` (excluded). */
function fillCustomer(entries: EntryColumns, start: number, end: number, customerId: string): void {
  entries.customer.fill(customerId, start, end);
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
