// The first-in-first-out replay every ledger function shares: read the entries, put them in canonical
// order (only when they are not already), and replay each customer's over a queue of lots.

import { PatronageError, type PatronageErrorCode } from '../../errors/PatronageError';
import { releaseScratch, type Scratch, type ScratchPool, takeScratch } from '../../internal/perf/scratch';
import { requireList } from '../../internal/validate';
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
  const list = requireList(fn, 'ledger', ledger);
  const scratch = takeScratch(REPLAY_SCRATCH, list.length);
  try {
    return replay(scratch, fn, list, options, stepsFor);
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

/**
 * Reads the ledger into rows and replays them in canonical order, in one loop with two passes. The first
 * pass reads the entries, and while the rows come in canonical order (ledgers usually arrive in time order)
 * it replays each as soon as it is read, trying: should a row be out of order or one that cannot be applied
 * (a duplicate, an overdraft, a total out of range), the try ends, the rest is only read, and the second
 * pass replays every row again from the first, in canonical order, now rejecting what cannot be applied.
 * Either way every row goes through the same steps in the same order, so the result is the same; the
 * second pass only lets a malformed entry (found in ledger order) come before the other rejections.
 */
function replay(
  scratch: ReplayScratch,
  fn: string,
  list: readonly unknown[],
  options: ResolvedLedgerOptions,
  stepsFor: string | null,
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
  const asOf = options.at;
  const validity = options.validityMs ?? Number.POSITIVE_INFINITY;
  const expiring = options.validityMs !== null;
  const rejections: Rejection[] = [];
  const rejectRow = (index: number, customerId: string, code: PatronageErrorCode, message: string): void =>
    reject(rejections, lenient, list[index], customerId, index, code, message);
  // the passes: `reading` the entries (the first), `trying` to replay them as they are read
  let reading = true;
  let trying = true;
  let sorted = true;
  let next = 0; // the next entry to read
  let count = 0; // rows read
  let position = 0; // the next row of the second pass, in canonical order
  let order: number[] | null = null; // the canonical order of the rows, when they are not in it
  // the replay: the customers done, and the customer being replayed
  let customers: CustomerReplay[] = [];
  let later = 0;
  let idsMet: Set<string> | null = null; // the ids met, made at the first id
  let previous = -1; // the row replayed last
  let customerId = '';
  let started = false; // whether the customer has an entry that is no duplicate (else it is not listed)
  let earned = 0;
  let redeemed = 0;
  let expired = 0;
  let adjusted = 0;
  let balance = 0;
  let steps: ReplayStep[] | null = null;
  for (;;) {
    // the next row to replay, or −1 at the end
    let row = -1;
    if (reading) {
      if (next < list.length) {
        const index = next++;
        const raw = list[index];
        const problem = readEntry(fn, raw, index, entries, count);
        if (problem !== null) {
          const owner = isEntryObject(raw) ? (customerOf[count] as string) : null;
          reject(rejections, lenient, raw, owner, index, 'INVALID_LEDGER_ENTRY', problem);
          continue;
        }
        row = count++;
        if (
          row > 0 &&
          sorted &&
          !(customerOf[row] === customerOf[row - 1] && (atOf[row - 1] as number) < (atOf[row] as number)) &&
          compareRows(entries, row - 1, row) > 0
        ) {
          sorted = false;
          trying = false;
        }
        if (!trying) continue;
      } else {
        reading = false;
        if (!trying) {
          // the second pass: start the replay again
          if (!sorted) {
            order = Array.from({ length: count }, (_, k) => k);
            order.sort((left, right) => compareRows(entries, left, right));
          }
          customers = [];
          later = 0;
          idsMet = null;
          previous = -1;
          customerId = '';
          started = false;
          continue;
        }
      }
    } else if (position < count) {
      row = order === null ? position : (order[position] as number);
      position++;
    }
    // rejections are made only in the second pass (and at the end); the first pass stops trying instead
    const report = !reading;
    if (row < 0 || customerOf[row] !== customerId) {
      // the customer replayed so far is done: what is left expires up to `at`
      if (started) {
        const gone = expireUntil(lots, asOf, steps);
        expired += gone;
        balance -= gone;
        if (!isExact(expired)) {
          if (report)
            requireExactPoints(fn, expired, `points expired of customer ${JSON.stringify(customerId)}`);
          trying = false;
          continue;
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
      idsMet ??= new Set();
      duplicate = idsMet.has(id);
      if (!duplicate) idsMet.add(id);
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
      if (!report) {
        trying = false;
        continue;
      }
      const what = id !== undefined ? `id ${JSON.stringify(id)}` : 'same customer, time, kind and points';
      rejectRow(
        index,
        customerId,
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
    // a total out of range throws in the second pass; in the first it ends the try (`report` is false)
    if (!isExact(expired)) {
      if (report) requireExactPoints(fn, expired, `points expired of customer ${JSON.stringify(customerId)}`);
      trying = false;
      continue;
    }
    if (rank <= CREDIT_RANK) {
      const expiresAt = at + validity;
      if (expiring && expiresAt > MAX_EPOCH_MS) {
        if (report) throwExpiryBeyondDates(fn, index, expiresAt);
        trying = false;
        continue;
      }
      lots.credit(at, expiresAt, points);
      balance += points;
      if (rank === EARN_RANK) earned += points;
      else adjusted += points;
      if (!isExact(balance) || !isExact(earned) || !isExact(adjusted)) {
        if (report) {
          requireExactPoints(fn, balance, `the balance of customer ${JSON.stringify(customerId)}`);
          requireExactPoints(fn, earned, `points earned by customer ${JSON.stringify(customerId)}`);
          requireExactPoints(fn, adjusted, `adjustments of customer ${JSON.stringify(customerId)}`);
        }
        trying = false;
        continue;
      }
      steps?.push({ at, kind: kindOfRank(rank), change: points, index });
      continue;
    }
    const debit = Math.abs(points);
    if (debit > balance) {
      if (!report) {
        trying = false;
        continue;
      }
      // redeeming points that have expired: the redemption would be covered had they not
      const code: PatronageErrorCode =
        rank === REDEEM_RANK && debit <= balance + expired ? 'POINTS_EXPIRED' : 'INSUFFICIENT_POINTS';
      const note = code === 'POINTS_EXPIRED' ? ` (${expired} expired earlier and cannot be redeemed)` : '';
      rejectRow(
        index,
        customerId,
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
    if (!isExact(redeemed) || !isExact(expired) || !isExact(adjusted)) {
      if (report) {
        requireExactPoints(fn, redeemed, `points redeemed by customer ${JSON.stringify(customerId)}`);
        requireExactPoints(fn, expired, `points expired of customer ${JSON.stringify(customerId)}`);
        requireExactPoints(fn, adjusted, `adjustments of customer ${JSON.stringify(customerId)}`);
      }
      trying = false;
      continue;
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
