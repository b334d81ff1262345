// The points ledger: entry types, validation, the canonical order and the first-in-first-out replay that
// every ledger function shares. Internal apart from the exported types.

import { PatronageError, type PatronageErrorCode } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { requireAtLeast, requireList, requireObject } from '../internal/validate';
import { MAX_EPOCH_MS, type TimestampInput, toEpochMsIn } from '../model/timestamp';

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/**
 * What a ledger entry does: `earn` credits points (they expire after `validityDays` when that is set),
 * `redeem` spends them, `adjust` corrects the balance up (a credit that expires like earned points) or
 * down (a debit), `expire` removes points explicitly (an operator's expiry).
 *
 * @category Loyalty
 */
export type LedgerEntryKind = 'earn' | 'redeem' | 'adjust' | 'expire';

/**
 * One entry of a points ledger.
 *
 * @category Loyalty
 */
export interface LedgerEntry {
  /** Optional unique id; two entries with the same id are duplicates. */
  readonly id?: string;
  /** The customer whose points these are. */
  readonly customerId: string;
  /** When the entry takes effect. */
  readonly at: TimestampInput;
  /** What it does. */
  readonly kind: LedgerEntryKind;
  /** Whole points: positive for `earn`, `redeem` and `expire`; non-zero and signed for `adjust`. */
  readonly points: number;
}

/**
 * How a ledger function treats entries it cannot apply. `'strict'` (the default) throws a
 * {@link PatronageError}; `'lenient'` leaves them out and lists them in `rejected`, so nothing is lost.
 *
 * @category Loyalty
 */
export type LedgerMode = 'strict' | 'lenient';

/**
 * Options shared by the ledger functions.
 *
 * @category Loyalty
 */
export interface LedgerOptions {
  /** The time to evaluate at; entries after it are not yet in effect. */
  readonly at: TimestampInput;
  /**
   * Days a credit stays valid: points earned at t expire at t + validityDays (at that instant they are
   * gone). Omit for points that never expire.
   */
  readonly validityDays?: number | undefined;
  /** `'strict'` (default) or `'lenient'`. */
  readonly mode?: LedgerMode | undefined;
}

/**
 * A ledger entry that was not applied, with why.
 *
 * @category Loyalty
 */
export interface RejectedEntry {
  /** Position of the entry in the ledger as given. */
  readonly index: number;
  /** `INVALID_LEDGER_ENTRY`, `DUPLICATE_ENTRY`, `INSUFFICIENT_POINTS` or `POINTS_EXPIRED`. */
  readonly code: PatronageErrorCode;
  /** What is wrong, naming the entry. */
  readonly message: string;
}

/** A validated entry. */
export interface Entry {
  readonly index: number;
  readonly id: string | undefined;
  readonly customerId: string;
  readonly at: number;
  readonly kind: LedgerEntryKind;
  readonly points: number;
  /** Tie-break rank at equal timestamps: credits first, then redeems, debits and expiries. */
  readonly rank: number;
}

/** A credit still (partly) on the balance. */
export interface Lot {
  /** When it was credited. */
  readonly at: number;
  /** When it expires, or null. */
  readonly expiresAt: number | null;
  /** Points left. */
  remaining: number;
}

/** What happened, in order, for a statement. */
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
  earned: number;
  redeemed: number;
  expired: number;
  adjusted: number;
  /** Open lots, oldest first (after the replay; during it, from `head` on). */
  lots: Lot[];
  /** During the replay: the first open lot (spent and expired lots before it are skipped, not shifted). */
  head: number;
  /** Points on the open lots. */
  balance: number;
  /** Every applied change, when asked for. */
  readonly steps: ReplayStep[] | null;
}

/** The replay of a whole ledger at a time. */
export interface LedgerReplay {
  readonly at: number;
  readonly customers: CustomerReplay[];
  readonly rejected: RejectedEntry[];
  /** Valid entries dated after `at`, not yet in effect. */
  readonly later: number;
}

/**
 * The tie-break rank at equal timestamps: earn 0, positive adjust 1, redeem 2, negative adjust 3, expire
 * 4; −1 for an unknown kind.
 */
function rankOf(kind: unknown, points: number): number {
  return kind === 'earn'
    ? 0
    : kind === 'redeem'
      ? 2
      : kind === 'expire'
        ? 4
        : kind === 'adjust'
          ? points > 0
            ? 1
            : 3
          : -1;
}

/** Options validated once. */
export interface ResolvedLedgerOptions {
  readonly at: number;
  readonly validityMs: number | null;
  readonly lenient: boolean;
}

/** Validates `{ at, validityDays?, mode? }`. */
export function resolveLedgerOptions(fn: string, options: unknown): ResolvedLedgerOptions {
  const record = requireObject(fn, 'options', options);
  const at = toEpochMsIn(fn, 'options.at', record['at']);
  const validity = record['validityDays'];
  let validityMs: number | null = null;
  if (validity !== undefined) {
    const days = requireAtLeast(fn, 'options.validityDays', validity, 0);
    if (!(days > 0) || days > 100_000) {
      throw new PatronageError(
        'OUT_OF_RANGE',
        `${fn}: options.validityDays (${describeValue(days)}) must be above 0 and at most 100000`,
        { argument: 'options.validityDays', value: days },
      );
    }
    validityMs = days * DAY_MS;
  }
  const mode = record['mode'] ?? 'strict';
  if (mode !== 'strict' && mode !== 'lenient') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: options.mode must be 'strict' or 'lenient', got ${describeValue(mode)}`,
      { argument: 'options.mode', value: mode },
    );
  }
  return { at, validityMs, lenient: mode === 'lenient' };
}

/** Validates one entry; returns a message instead of throwing, so lenient mode can record it. */
function readEntry(fn: string, raw: unknown, index: number): Entry | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return `${fn}: ledger[${index}] must be an object, got ${describeValue(raw)}`;
  }
  const record = raw as Readonly<Record<string, unknown>>;
  const { id, customerId, kind, points, at } = record;
  // fast path: a valid entry with a numeric time, no strings built
  if (
    (id === undefined || (typeof id === 'string' && id !== '')) &&
    typeof customerId === 'string' &&
    customerId !== '' &&
    typeof points === 'number' &&
    Number.isSafeInteger(points) &&
    typeof at === 'number' &&
    Math.abs(at) <= MAX_EPOCH_MS
  ) {
    const rank = rankOf(kind, points);
    if (rank >= 0 && (kind === 'adjust' ? points !== 0 : points > 0)) {
      return {
        index,
        id: id as string | undefined,
        customerId,
        at: at === 0 ? 0 : at,
        kind: kind as LedgerEntryKind,
        points,
        rank,
      };
    }
  }
  return readEntrySlowly(fn, record, index);
}

/** {@link readEntry} for everything the fast path did not accept: the checks that name what is wrong. */
function readEntrySlowly(
  fn: string,
  record: Readonly<Record<string, unknown>>,
  index: number,
): Entry | string {
  const name = `ledger[${index}]`;
  const { id, customerId, kind, points } = record;
  if (id !== undefined && (typeof id !== 'string' || id === '')) {
    return `${fn}: ${name}.id must be a non-empty string when given, got ${describeValue(id)}`;
  }
  if (typeof customerId !== 'string' || customerId === '') {
    return `${fn}: ${name}.customerId must be a non-empty string, got ${describeValue(customerId)}`;
  }
  if (rankOf(kind, 1) < 0) {
    return `${fn}: ${name}.kind must be 'earn', 'redeem', 'adjust' or 'expire', got ${describeValue(kind)}`;
  }
  if (typeof points !== 'number' || !Number.isSafeInteger(points)) {
    return `${fn}: ${name}.points must be a whole number of points, got ${describeValue(points)}`;
  }
  if (kind === 'adjust' ? points === 0 : points <= 0) {
    return kind === 'adjust'
      ? `${fn}: ${name}.points of an adjustment must not be 0`
      : `${fn}: ${name}.points of '${kind}' must be positive, got ${points}`;
  }
  let at: number;
  try {
    at = toEpochMsIn(fn, `${name}.at`, record['at']);
  } catch (error) {
    return (error as Error).message;
  }
  const rank = rankOf(kind, points);
  return {
    index,
    id: id as string | undefined,
    customerId,
    at,
    kind: kind as LedgerEntryKind,
    points: points === 0 ? 0 : points,
    rank,
  };
}

/**
 * The canonical order: customer, time, then at equal times credits (earn, positive adjust) before redeems,
 * debits (negative adjust) and expiries; then points, then id. Every input order replays the same way.
 */
function compareEntries(left: Entry, right: Entry): number {
  if (left.customerId !== right.customerId) return left.customerId < right.customerId ? -1 : 1;
  if (left.at !== right.at) return left.at - right.at;
  if (left.rank !== right.rank) return left.rank - right.rank;
  if (left.points !== right.points) return left.points - right.points;
  const leftId = left.id ?? '';
  const rightId = right.id ?? '';
  return leftId === rightId ? 0 : leftId < rightId ? -1 : 1;
}

/**
 * Validates the ledger and replays it up to `options.at`: credits become lots, debits take points from the
 * oldest lots first (FIFO), and a lot expires at its `expiresAt`. Strict mode throws on the first entry
 * that cannot be applied (in canonical order); lenient mode records it and goes on without it.
 */
export function replayLedger(
  fn: string,
  ledger: unknown,
  options: ResolvedLedgerOptions,
  withSteps = false,
  onlyCustomer: string | null = null,
): LedgerReplay {
  const list = requireList(fn, 'ledger', ledger);
  const rejected: RejectedEntry[] = [];
  const reject = (index: number, code: PatronageErrorCode, message: string, value: unknown): void => {
    if (!options.lenient) {
      throw new PatronageError(code, message, { argument: `ledger[${index}]`, index, value });
    }
    rejected.push({ index, code, message });
  };
  const entries: Entry[] = [];
  for (let index = 0; index < list.length; index++) {
    const entry = readEntry(fn, list[index], index);
    if (typeof entry === 'string') reject(index, 'INVALID_LEDGER_ENTRY', entry, list[index]);
    else if (onlyCustomer === null || entry.customerId === onlyCustomer) entries.push(entry);
  }
  // ledgers usually arrive in time order: check first (one comparison per entry, inlined) and sort only
  // when needed, since the built-in sort calls back into the comparator n log n times
  let ordered = true;
  for (let i = 1; i < entries.length && ordered; i++) {
    ordered = compareEntries(entries[i - 1] as Entry, entries[i] as Entry) <= 0;
  }
  if (!ordered) entries.sort(compareEntries);
  // duplicates: a repeated id, or (entries without ids) the same customer, time, kind and points, which
  // the canonical order makes neighbours
  let seenIds: Set<string> | null = null;
  let previous: Entry | null = null;
  const customers: CustomerReplay[] = [];
  let later = 0;
  let current: CustomerReplay | null = null;
  const expireUntil = (replay: CustomerReplay, time: number): void => {
    const lots = replay.lots;
    while (replay.head < lots.length) {
      const lot = lots[replay.head] as Lot;
      if (lot.expiresAt === null || lot.expiresAt > time) break;
      replay.head++;
      replay.expired += lot.remaining;
      replay.balance -= lot.remaining;
      replay.steps?.push({ at: lot.expiresAt, kind: 'expire', change: -lot.remaining, index: null });
    }
  };
  const finish = (replay: CustomerReplay): void => {
    expireUntil(replay, options.at);
    replay.lots = replay.lots.slice(replay.head);
    replay.head = 0;
  };
  for (const entry of entries) {
    const duplicate =
      entry.id !== undefined
        ? seenIds?.has(entry.id) === true
        : previous !== null &&
          previous.id === undefined &&
          previous.customerId === entry.customerId &&
          previous.at === entry.at &&
          previous.rank === entry.rank &&
          previous.points === entry.points;
    previous = entry;
    if (duplicate) {
      reject(
        entry.index,
        'DUPLICATE_ENTRY',
        `${fn}: ledger[${entry.index}] duplicates an earlier entry (${entry.id !== undefined ? `id ${JSON.stringify(entry.id)}` : 'same customer, time, kind and points'})`,
        list[entry.index],
      );
      continue;
    }
    if (entry.id !== undefined) {
      if (seenIds === null) seenIds = new Set<string>();
      seenIds.add(entry.id);
    }
    if (current === null || current.customerId !== entry.customerId) {
      if (current !== null) finish(current);
      current = {
        customerId: entry.customerId,
        earned: 0,
        redeemed: 0,
        expired: 0,
        adjusted: 0,
        lots: [],
        head: 0,
        balance: 0,
        steps: withSteps ? [] : null,
      };
      customers.push(current);
    }
    if (entry.at > options.at) {
      later++;
      continue;
    }
    expireUntil(current, entry.at);
    const replay = current;
    if (entry.rank <= 1) {
      replay.lots.push({
        at: entry.at,
        expiresAt: options.validityMs === null ? null : entry.at + options.validityMs,
        remaining: entry.points,
      });
      replay.balance += entry.points;
      if (entry.kind === 'earn') replay.earned += entry.points;
      else replay.adjusted += entry.points;
      replay.steps?.push({ at: entry.at, kind: entry.kind, change: entry.points, index: entry.index });
      continue;
    }
    const debit = Math.abs(entry.points);
    const available = replay.balance;
    if (debit > available) {
      // redeeming points that have expired: the redemption would be covered had they not
      const expiredBefore = replay.expired;
      const code: PatronageErrorCode =
        entry.kind === 'redeem' && debit <= available + expiredBefore
          ? 'POINTS_EXPIRED'
          : 'INSUFFICIENT_POINTS';
      reject(
        entry.index,
        code,
        `${fn}: ledger[${entry.index}] takes ${debit} points from customer ${JSON.stringify(entry.customerId)}, who has ${available} available${
          code === 'POINTS_EXPIRED' ? ` (${expiredBefore} expired earlier and cannot be redeemed)` : ''
        }`,
        list[entry.index],
      );
      continue;
    }
    let left = debit;
    const lots = replay.lots;
    while (left > 0) {
      const lot = lots[replay.head] as Lot;
      const take = Math.min(left, lot.remaining);
      lot.remaining -= take;
      left -= take;
      if (lot.remaining === 0) replay.head++;
    }
    replay.balance -= debit;
    if (entry.kind === 'redeem') replay.redeemed += debit;
    else if (entry.kind === 'expire') replay.expired += debit;
    else replay.adjusted -= debit;
    replay.steps?.push({ at: entry.at, kind: entry.kind, change: -debit, index: entry.index });
  }
  if (current !== null) finish(current);
  rejected.sort((left, right) => left.index - right.index);
  return { at: options.at, customers, rejected, later };
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

/** Validates an optional `withinDays`-style whole number of days in [0, maximum]. */
export function requireDays(fn: string, name: string, value: unknown, maximum: number): number {
  const days = requireAtLeast(fn, name, value, 0);
  if (days > maximum) {
    throw new PatronageError('OUT_OF_RANGE', `${fn}: ${name} (${days}) must be at most ${maximum}`, {
      argument: name,
      value: days,
      maximum,
    });
  }
  return days;
}
