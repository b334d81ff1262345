// The first-in-first-out replay every ledger function shares: read the entries, put them in canonical
// order (only when they are not already), and replay each customer's over a queue of lots.

import { PatronageError, type PatronageErrorCode } from '../../errors/PatronageError';
import { IdIndex } from '../../internal/perf/idIndex';
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

/** Room for one replay: the accepted entries, the lots of the customer being replayed, the ids met. */
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

/**
 * Reads the ledger into rows and replays them. While the rows come in canonical order (ledgers usually
 * arrive in time order) each is replayed as soon as it is read, trying: should a row be out of order or
 * one that cannot be applied (a duplicate, an overdraft, a total out of range), the trial stops, the rest is
 * only read, and the replay starts again from the first row in canonical order, this time rejecting what
 * cannot be applied. Either way the rows go through the same {@link FifoReplay.apply} in the same order, so
 * the result is the same; the second pass only puts a malformed entry (in ledger order) ahead of the
 * other rejections.
 */
function replay(
  scratch: ReplayScratch,
  fn: string,
  list: readonly unknown[],
  options: ResolvedLedgerOptions,
  stepsFor: string | null,
): LedgerReplay {
  const { entries } = scratch;
  const { at: atOf, customer: customerOf } = entries;
  const { lenient } = options;
  const rejections: Rejection[] = [];
  const fifo = new FifoReplay(scratch, fn, list, options, stepsFor, rejections);
  let count = 0;
  let sorted = true;
  let trying = true;
  for (let index = 0; index < list.length; index++) {
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
      trying = false;
    }
    if (trying) trying = fifo.apply(count, false);
    count++;
  }
  if (!trying) {
    fifo.restart();
    if (sorted) {
      for (let row = 0; row < count; row++) fifo.apply(row, true);
    } else {
      const order = Array.from({ length: count }, (_, row) => row);
      order.sort((left, right) => compareRows(entries, left, right));
      for (const row of order) fifo.apply(row, true);
    }
  }
  fifo.close(true);
  if (rejections.length > 1) rejections.sort((left, right) => left.entry.index - right.entry.index);
  const rejected = rejections.map((rejection) => rejection.entry);
  const rejectedOwners = rejections.map((rejection) => rejection.owner);
  return { at: options.at, customers: fifo.customers, rejected, rejectedOwners, later: fifo.later };
}

/**
 * The first-in-first-out replay of rows given one at a time in canonical order (customer, time, ...): the
 * running totals and lots of the customer being replayed, the customers done, the ids met.
 */
class FifoReplay {
  /** The customers replayed so far, in canonical order. */
  customers: CustomerReplay[] = [];
  /** Valid entries dated after `at`, not yet in effect. */
  later = 0;
  private readonly entries: EntryColumns;
  private readonly lots: LotQueue;
  private readonly ids: IdIndex;
  private readonly asOf: number;
  private readonly validityMs: number;
  private readonly expiring: boolean;
  private readonly lenient: boolean;
  private idsReady = false;
  /** The row applied last, or −1. */
  private previous = -1;
  private customerId = '';
  /** Whether the customer has an entry that is no duplicate (a customer without one is not listed). */
  private started = false;
  private earned = 0;
  private redeemed = 0;
  private expired = 0;
  private adjusted = 0;
  private balance = 0;
  private steps: ReplayStep[] | null = null;

  constructor(
    scratch: ReplayScratch,
    private readonly fn: string,
    private readonly list: readonly unknown[],
    options: ResolvedLedgerOptions,
    private readonly stepsFor: string | null,
    private readonly rejections: Rejection[],
  ) {
    this.entries = scratch.entries;
    this.lots = scratch.lots;
    this.ids = scratch.ids;
    this.asOf = options.at;
    this.validityMs = options.validityMs ?? Number.POSITIVE_INFINITY;
    this.expiring = options.validityMs !== null;
    this.lenient = options.lenient;
  }

  /** Forgets everything replayed, to replay from the first row again. */
  restart(): void {
    this.customers = [];
    this.later = 0;
    this.idsReady = false;
    this.previous = -1;
    this.customerId = '';
    this.started = false;
  }

  /**
   * Applies row `row`, the next in canonical order. A row that cannot be applied (a duplicate, a debit the
   * balance does not cover, a total out of range): with `report`, it is rejected (thrown in strict mode,
   * recorded in lenient mode; `OUT_OF_RANGE` is thrown in both) and the replay goes on without it; without
   * `report`, it returns false, and the replay so far is void (start it again with
   * {@link FifoReplay.restart}).
   */
  apply(row: number, report: boolean): boolean {
    const { entries, lots, fn } = this;
    const customerId = entries.customer[row] as string;
    if (customerId !== this.customerId && !this.next(customerId, report)) return false;
    const id = entries.id[row];
    const at = entries.at[row] as number;
    const rank = entries.rank[row] as number;
    const points = entries.points[row] as number;
    const previous = this.previous;
    this.previous = row;
    // a duplicate: a repeated id, or (entries without ids) the same customer, time, rank and points, which
    // the canonical order makes neighbours
    let duplicate: boolean;
    if (id !== undefined) {
      if (!this.idsReady) {
        this.ids.reset(this.list.length);
        this.idsReady = true;
      }
      duplicate = this.ids.seen(id, row);
    } else {
      duplicate =
        previous >= 0 &&
        entries.id[previous] === undefined &&
        entries.customer[previous] === customerId &&
        entries.at[previous] === at &&
        entries.rank[previous] === rank &&
        entries.points[previous] === points;
    }
    const index = entries.index[row] as number;
    if (duplicate) {
      if (!report) return false;
      const what = id !== undefined ? `id ${JSON.stringify(id)}` : 'same customer, time, kind and points';
      this.reject(index, 'DUPLICATE_ENTRY', `${fn}: ledger[${index}] duplicates an earlier entry (${what})`);
      return true;
    }
    this.started = true;
    if (at > this.asOf) {
      this.later++;
      return true;
    }
    if (!this.expireUntil(at, report)) return false;
    if (rank <= CREDIT_RANK) {
      const expiresAt = at + this.validityMs;
      if (this.expiring && expiresAt > MAX_EPOCH_MS) {
        if (!report) return false;
        throw new PatronageError(
          'OUT_OF_RANGE',
          `${fn}: ledger[${index}] credits points that would expire at ${expiresAt} ms, beyond the Date range (${MAX_EPOCH_MS} ms)`,
          { argument: `ledger[${index}]`, index, value: expiresAt, maximum: MAX_EPOCH_MS },
        );
      }
      lots.credit(at, expiresAt, points);
      this.balance += points;
      if (!isExact(this.balance)) return this.beyond(report, this.balance, 'the balance of');
      if (rank === EARN_RANK) {
        this.earned += points;
        if (!isExact(this.earned)) return this.beyond(report, this.earned, 'points earned by');
      } else {
        this.adjusted += points;
        if (!isExact(this.adjusted)) return this.beyond(report, this.adjusted, 'adjustments of');
      }
      this.steps?.push({ at, kind: kindOfRank(rank), change: points, index });
      return true;
    }
    const debit = Math.abs(points);
    if (debit > this.balance) {
      if (!report) return false;
      // redeeming points that have expired: the redemption would be covered had they not
      const { balance, expired } = this;
      const code: PatronageErrorCode =
        rank === REDEEM_RANK && debit <= balance + expired ? 'POINTS_EXPIRED' : 'INSUFFICIENT_POINTS';
      const note = code === 'POINTS_EXPIRED' ? ` (${expired} expired earlier and cannot be redeemed)` : '';
      this.reject(
        index,
        code,
        `${fn}: ledger[${index}] takes ${debit} points from customer ${JSON.stringify(customerId)}, who has ${balance} available${note}`,
      );
      return true;
    }
    lots.spend(debit);
    this.balance -= debit;
    if (rank === REDEEM_RANK) {
      this.redeemed += debit;
      if (!isExact(this.redeemed)) return this.beyond(report, this.redeemed, 'points redeemed by');
    } else if (rank === EXPIRE_RANK) {
      this.expired += debit;
      if (!isExact(this.expired)) return this.beyond(report, this.expired, 'points expired of');
    } else {
      this.adjusted -= debit;
      if (!isExact(this.adjusted)) return this.beyond(report, this.adjusted, 'adjustments of');
    }
    this.steps?.push({ at, kind: kindOfRank(rank), change: -debit, index });
    return true;
  }

  /**
   * Ends the customer being replayed (its lots expire up to `at`) and lists it when it has an entry; false
   * when a total goes out of range without `report` (see {@link FifoReplay.apply}).
   */
  close(report: boolean): boolean {
    if (!this.started) return true;
    if (!this.expireUntil(this.asOf, report)) return false;
    const { customerId, earned, redeemed, expired, adjusted, balance, steps } = this;
    this.customers.push({
      customerId,
      earned,
      redeemed,
      expired,
      adjusted,
      balance,
      lots: this.lots.open(),
      steps,
    });
    this.started = false;
    return true;
  }

  /** Closes the customer being replayed and starts on `customerId` (see {@link FifoReplay.close}). */
  private next(customerId: string, report: boolean): boolean {
    if (!this.close(report)) return false;
    this.customerId = customerId;
    this.earned = 0;
    this.redeemed = 0;
    this.expired = 0;
    this.adjusted = 0;
    this.balance = 0;
    this.steps = customerId === this.stepsFor ? [] : null;
    this.lots.clear();
    return true;
  }

  /**
   * Drops the lots that have expired by `time` (an expiry at `time` has happened), recording each step when
   * asked; false when the points expired go out of range without `report` (see {@link FifoReplay.apply}).
   */
  private expireUntil(time: number, report: boolean): boolean {
    const { lots, steps } = this;
    let gone = 0;
    for (let expiry = lots.firstExpiry(); expiry <= time; expiry = lots.firstExpiry()) {
      const points = lots.dropFirst();
      gone += points;
      steps?.push({ at: expiry, kind: 'expire', change: -points, index: null });
    }
    if (gone === 0) return true;
    this.balance -= gone;
    this.expired += gone;
    return isExact(this.expired) || this.beyond(report, this.expired, 'points expired of');
  }

  /**
   * A total of the customer beyond {@link MAX_POINTS}: `OUT_OF_RANGE` with `report`, else false (see
   * {@link FifoReplay.apply}). `what` names the total, ending before the customer.
   */
  private beyond(report: boolean, total: number, what: string): false {
    if (report) requireExactPoints(this.fn, total, `${what} customer ${JSON.stringify(this.customerId)}`);
    return false;
  }

  private reject(index: number, code: PatronageErrorCode, message: string): void {
    reject(this.rejections, this.lenient, this.list[index], this.customerId, index, code, message);
  }
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
