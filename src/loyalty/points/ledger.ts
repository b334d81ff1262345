// The points ledger: entry types, validation, the canonical order and the first-in-first-out replay that
// every ledger function shares. Internal apart from the exported types.

import { PatronageError, type PatronageErrorCode } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { releaseScratch, type Scratch, type ScratchPool, takeScratch } from '../../internal/perf/scratch';
import { requireAtLeast, requireList, requireObject } from '../../internal/validate';
import { DAY_MS, MAX_EPOCH_MS } from '../../model/time';
import { type TimestampInput, toEpochMsIn } from '../../model/timestamp';

/** Milliseconds in a day. */

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

/** A validated entry (the slow path's result; the replay keeps entries in parallel arrays). */
interface Entry {
  readonly id: string | undefined;
  readonly customerId: string;
  readonly at: number;
  readonly kind: LedgerEntryKind;
  readonly points: number;
}

/**
 * A credit still on a customer's balance.
 *
 * @category Loyalty
 */
export interface PointsLot {
  /** When the points were credited, epoch ms. */
  readonly creditedAt: number;
  /** When what is left of them expires, epoch ms, or null when points do not expire. */
  readonly expiresAt: number | null;
  /** Points left. */
  readonly points: number;
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

/**
 * Validates one entry the replay's fast path did not accept, returning a message that names what is wrong
 * instead of throwing, so lenient mode can record it.
 */
function readEntrySlowly(fn: string, raw: unknown, index: number): Entry | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return `${fn}: ledger[${index}] must be an object, got ${describeValue(raw)}`;
  }
  const record = raw as Readonly<Record<string, unknown>>;
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
  return { id: id as string | undefined, customerId, at, kind: kind as LedgerEntryKind, points };
}

/**
 * Working arrays for one replay: per entry its time, points, tie-break rank, ledger position, customer and
 * id; per open lot its credit time, expiry (Infinity for none) and points left; and an open-addressing
 * table of ids.
 */
interface ReplayScratch extends Scratch {
  readonly at: Float64Array;
  readonly points: Float64Array;
  readonly rank: Int8Array;
  readonly index: Int32Array;
  readonly lotAt: Float64Array;
  readonly lotExpires: Float64Array;
  readonly lotLeft: Float64Array;
  /**
   * Each entry's customer and id. Not cleared after a replay (that costs more than the rest of a small
   * one): they hold at most 65,536 strings of the last ledger until the next replay overwrites them.
   */
  readonly customerOf: string[];
  readonly idOf: (string | undefined)[];
  /** The ids met so far, over `idOf` (a table of 2 × capacity slots). */
  readonly ids: IdIndex;
}

const REPLAY_SCRATCH: ScratchPool<ReplayScratch> = {
  spare: null,
  create: (capacity) => {
    const idOf = new Array<string | undefined>(capacity).fill(undefined);
    return {
      capacity,
      at: new Float64Array(capacity),
      points: new Float64Array(capacity),
      rank: new Int8Array(capacity),
      index: new Int32Array(capacity),
      lotAt: new Float64Array(capacity),
      lotExpires: new Float64Array(capacity),
      lotLeft: new Float64Array(capacity),
      customerOf: new Array<string>(capacity).fill(''),
      idOf,
      ids: new IdIndex(new Int32Array(2 * capacity), idOf),
    };
  },
};

/**
 * A hash of an id from its length, its last four code units (where sequential ids differ) and four more
 * spread over the rest: cheap for long ids such as UUIDs. Ids that differ only where it does not look
 * collide, which {@link IdIndex} notices and survives.
 */
function sampleHash(id: string): number {
  const n = id.length;
  let hash = Math.imul(n, 0x9e3779b1);
  for (let i = n > 4 ? n - 4 : 0; i < n; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  const stride = n > 8 ? (n - 4) >> 2 : 1;
  for (let i = 0; i < n - 4; i += stride) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash ^ (hash >>> 16);
}

/**
 * The ids met so far in a replay: open addressing over entry positions (the table holds position + 1).
 * When probing costs more than a few steps per id (ids alike where {@link sampleHash} looks), it moves
 * everything to a `Set` and goes on there, so no input makes it quadratic.
 */
class IdIndex {
  private probes = 0;
  private set: Set<string> | null = null;
  private mask = 0;
  private budget = 0;

  constructor(
    private readonly table: Int32Array,
    private readonly ids: readonly (string | undefined)[],
  ) {}

  /**
   * Empties the index for a replay of `count` entries. One index lives with each scratch set and is reused,
   * not made per call (see `internal/perf/keepShape.ts` for why that matters to the optimised replay).
   */
  reset(count: number): this {
    let size = 1;
    while (size < 2 * count) size *= 2;
    this.mask = size - 1;
    this.budget = 4 * count + 64;
    this.probes = 0;
    this.set = null;
    this.table.fill(0, 0, size);
    return this;
  }

  /** Whether `id` was met before; if not, it is recorded as met at position `position`. */
  seen(id: string, position: number): boolean {
    if (this.set !== null) return this.seenInSet(id);
    const { table, ids, mask } = this;
    let slot = sampleHash(id) & mask;
    for (;;) {
      const held = table[slot] as number;
      if (held === 0) {
        table[slot] = position + 1;
        return false;
      }
      if (ids[held - 1] === id) return true;
      if (++this.probes > this.budget) return this.seenInSet(id);
      slot = (slot + 1) & mask;
    }
  }

  /** {@link IdIndex.seen} once probing has cost too much: a `Set` of every id met so far. */
  private seenInSet(id: string): boolean {
    if (this.set === null) {
      this.set = new Set();
      for (let slot = 0; slot <= this.mask; slot++) {
        const held = this.table[slot] as number;
        if (held > 0) this.set.add(this.ids[held - 1] as string);
      }
    }
    if (this.set.has(id)) return true;
    this.set.add(id);
    return false;
  }
}

/**
 * The canonical order of entries at positions `left` and `right`: customer, time, then at equal times
 * credits (earn, positive adjust) before redeems, debits (negative adjust) and expiries; then points, then
 * id. Every input order replays the same way.
 */
function comparePositions(
  customers: readonly string[],
  ids: readonly (string | undefined)[],
  scratch: ReplayScratch,
  left: number,
  right: number,
): number {
  const leftCustomer = customers[left] as string;
  const rightCustomer = customers[right] as string;
  if (leftCustomer !== rightCustomer) return leftCustomer < rightCustomer ? -1 : 1;
  const { at, rank, points } = scratch;
  if (at[left] !== at[right]) return (at[left] as number) - (at[right] as number);
  if (rank[left] !== rank[right]) return (rank[left] as number) - (rank[right] as number);
  if (points[left] !== points[right]) return (points[left] as number) - (points[right] as number);
  const leftId = ids[left] ?? '';
  const rightId = ids[right] ?? '';
  return leftId === rightId ? 0 : leftId < rightId ? -1 : 1;
}

/**
 * Validates the ledger and replays it up to `options.at`: credits become lots, debits take points from the
 * oldest lots first (FIFO), and a lot expires at its expiry. Strict mode throws on the first entry that
 * cannot be applied (in canonical order); lenient mode records it and goes on without it.
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
    return (
      (withSteps || onlyCustomer !== null || list.length === 0
        ? null
        : replayClean(scratch, list, options)) ??
      replayWith(scratch, fn, list, options, withSteps, onlyCustomer)
    );
  } finally {
    releaseScratch(REPLAY_SCRATCH, scratch);
  }
}

/**
 * The replay of the common checkout ledger in one pass: one customer's valid entries with numeric times,
 * already in canonical order, that all apply (no duplicate, no overdraft). It returns null the moment the
 * ledger is anything else, and {@link replayWith} then does the general work from the start, so the
 * result (or the error) is always the general path's.
 */
function replayClean(
  scratch: ReplayScratch,
  list: readonly unknown[],
  options: ResolvedLedgerOptions,
): LedgerReplay | null {
  const { lotAt, lotExpires, lotLeft, idOf } = scratch;
  const n = list.length;
  let idIndex: IdIndex | null = null;
  const asOf = options.at;
  const validity = options.validityMs ?? Number.POSITIVE_INFINITY;
  let customerId = '';
  let previousAt = Number.NEGATIVE_INFINITY;
  let previousRank = 0;
  let previousPoints = 0;
  let previousId: string | undefined;
  let earned = 0;
  let redeemed = 0;
  let expired = 0;
  let adjusted = 0;
  let balance = 0;
  let head = 0;
  let tail = 0;
  let later = 0;
  for (let index = 0; index < n; index++) {
    const raw = list[index];
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
    const record = raw as Readonly<Record<string, unknown>>;
    const id = record['id'];
    const customer = record['customerId'];
    const points = record['points'];
    const at = record['at'];
    const kind = record['kind'];
    if (
      !(id === undefined || (typeof id === 'string' && id !== '')) ||
      typeof customer !== 'string' ||
      typeof points !== 'number' ||
      !Number.isSafeInteger(points) ||
      typeof at !== 'number' ||
      !(Math.abs(at) <= MAX_EPOCH_MS)
    ) {
      return null;
    }
    const rank = rankOf(kind, points);
    if (rank < 0 || (kind === 'adjust' ? points === 0 : points <= 0)) return null;
    if (index === 0) {
      if (customer === '') return null;
      customerId = customer;
    } else if (customer !== customerId) {
      return null;
    }
    // canonical order, strictly: time, then rank, points and id at equal times (an equal neighbour
    // without ids is a duplicate, which the general path reports)
    if (at !== previousAt) {
      if (at < previousAt) return null;
    } else if (rank !== previousRank) {
      if (rank < previousRank) return null;
    } else if (points !== previousPoints) {
      if (points < previousPoints) return null;
    } else {
      const left = previousId ?? '';
      const right = (id as string | undefined) ?? '';
      if (!(left < right)) return null;
    }
    previousAt = at;
    previousRank = rank;
    previousPoints = points;
    previousId = id as string | undefined;
    if (id !== undefined) {
      idOf[index] = id as string;
      idIndex ??= scratch.ids.reset(n);
      if (idIndex.seen(id as string, index)) return null;
    }
    if (at > asOf) {
      later++;
      continue;
    }
    const time = at === 0 ? 0 : at;
    while (head < tail && (lotExpires[head] as number) <= time) {
      const left = lotLeft[head] as number;
      expired += left;
      balance -= left;
      head++;
    }
    if (rank <= 1) {
      lotAt[tail] = time;
      lotExpires[tail] = time + validity;
      lotLeft[tail] = points;
      tail++;
      balance += points;
      if (rank === 0) earned += points;
      else adjusted += points;
      continue;
    }
    const debit = Math.abs(points);
    if (debit > balance) return null;
    head = spendOldest(lotLeft, head, debit);
    balance -= debit;
    if (rank === 2) redeemed += debit;
    else if (rank === 4) expired += debit;
    else adjusted -= debit;
  }
  while (head < tail && (lotExpires[head] as number) <= asOf) {
    const left = lotLeft[head] as number;
    expired += left;
    balance -= left;
    head++;
  }
  const lots = openLots(scratch, head, tail);
  return {
    at: asOf,
    customers: [{ customerId, earned, redeemed, expired, adjusted, balance, lots, steps: null }],
    rejected: [],
    later,
  };
}

/**
 * Takes `debit` points from the open lots, oldest first (the caller has checked the balance covers it);
 * returns the new first open lot.
 */
function spendOldest(lotLeft: Float64Array, head: number, debit: number): number {
  let first = head;
  let left = debit;
  while (left > 0) {
    const take = Math.min(left, lotLeft[first] as number);
    lotLeft[first] = (lotLeft[first] as number) - take;
    left -= take;
    if (lotLeft[first] === 0) first++;
  }
  return first;
}

/** The open lots `head` to `tail` of the scratch as {@link PointsLot} objects, oldest first. */
function openLots(scratch: ReplayScratch, head: number, tail: number): PointsLot[] {
  const { lotAt, lotExpires, lotLeft } = scratch;
  const lots: PointsLot[] = new Array(tail - head);
  for (let lot = head; lot < tail; lot++) {
    const expiresAt = lotExpires[lot] as number;
    lots[lot - head] = {
      creditedAt: lotAt[lot] as number,
      expiresAt: expiresAt === Number.POSITIVE_INFINITY ? null : expiresAt,
      points: lotLeft[lot] as number,
    };
  }
  return lots;
}

function replayWith(
  scratch: ReplayScratch,
  fn: string,
  list: readonly unknown[],
  options: ResolvedLedgerOptions,
  withSteps: boolean,
  onlyCustomer: string | null,
): LedgerReplay {
  const rejected: RejectedEntry[] = [];
  const reject = (index: number, code: PatronageErrorCode, message: string): void => {
    if (!options.lenient) {
      throw new PatronageError(code, message, { argument: `ledger[${index}]`, index, value: list[index] });
    }
    rejected.push({ index, code, message });
  };
  const { at: atOf, points: pointsOf, rank: rankAt, index: indexOf, customerOf, idOf } = scratch;
  let withIds = false;
  // one customer's ledger (a checkout) needs no customer comparisons: `mixed` says whether it is more
  let mixed = false;
  let first = '';
  let count = 0;
  for (let index = 0; index < list.length; index++) {
    const raw = list[index];
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
      // fast path: a valid entry with a numeric time, no strings built
      const record = raw as Readonly<Record<string, unknown>>;
      const id = record['id'];
      const customerId = record['customerId'];
      const points = record['points'];
      const at = record['at'];
      const kind = record['kind'];
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
          if (onlyCustomer === null || customerId === onlyCustomer) {
            atOf[count] = at === 0 ? 0 : at;
            pointsOf[count] = points;
            rankAt[count] = rank;
            indexOf[count] = index;
            customerOf[count] = customerId;
            if (customerId !== first) {
              mixed = count > 0;
              first = customerId;
            }
            idOf[count] = id;
            if (id !== undefined) withIds = true;
            count++;
          }
          continue;
        }
      }
    }
    const entry = readEntrySlowly(fn, raw, index);
    if (typeof entry === 'string') reject(index, 'INVALID_LEDGER_ENTRY', entry);
    else if (onlyCustomer === null || entry.customerId === onlyCustomer) {
      atOf[count] = entry.at;
      pointsOf[count] = entry.points;
      rankAt[count] = rankOf(entry.kind, entry.points);
      indexOf[count] = index;
      customerOf[count] = entry.customerId;
      if (entry.customerId !== first) {
        mixed = count > 0;
        first = entry.customerId;
      }
      idOf[count] = entry.id;
      if (entry.id !== undefined) withIds = true;
      count++;
    }
  }
  // ledgers usually arrive in time order: check first (one comparison per entry) and sort only when
  // needed, since the built-in sort calls back into the comparator n log n times
  let order: number[] | null = null;
  for (let k = 1; k < count; k++) {
    if ((atOf[k - 1] as number) < (atOf[k] as number) && (!mixed || customerOf[k - 1] === customerOf[k])) {
      continue;
    }
    if (comparePositions(customerOf, idOf, scratch, k - 1, k) > 0) {
      order = Array.from({ length: count }, (_, position) => position);
      order.sort((left, right) => comparePositions(customerOf, idOf, scratch, left, right));
      break;
    }
  }
  // duplicates: a repeated id, or (entries without ids) the same customer, time, rank and points, which
  // the canonical order makes neighbours
  const idIndex = withIds ? scratch.ids.reset(count) : null;
  const { lotAt, lotExpires, lotLeft } = scratch;
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
    let head = 0;
    let tail = 0;
    const steps: ReplayStep[] | null = withSteps ? [] : null;
    for (; k < count; k++) {
      const p = order === null ? k : (order[k] as number);
      if (mixed && customerOf[p] !== customerId) break;
      const id = idOf[p];
      const at = atOf[p] as number;
      const rank = rankAt[p] as number;
      const points = pointsOf[p] as number;
      let duplicate = false;
      if (id !== undefined) {
        duplicate = (idIndex as IdIndex).seen(id, p);
      } else if (previous >= 0) {
        duplicate =
          idOf[previous] === undefined &&
          customerOf[previous] === customerId &&
          atOf[previous] === at &&
          rankAt[previous] === rank &&
          pointsOf[previous] === points;
      }
      previous = p;
      const index = indexOf[p] as number;
      if (duplicate) {
        reject(
          index,
          'DUPLICATE_ENTRY',
          `${fn}: ledger[${index}] duplicates an earlier entry (${id !== undefined ? `id ${JSON.stringify(id)}` : 'same customer, time, kind and points'})`,
        );
        continue;
      }
      started = true;
      if (at > asOf) {
        later++;
        continue;
      }
      while (head < tail && (lotExpires[head] as number) <= at) {
        const left = lotLeft[head] as number;
        expired += left;
        balance -= left;
        steps?.push({ at: lotExpires[head] as number, kind: 'expire', change: -left, index: null });
        head++;
      }
      const kind: LedgerEntryKind =
        rank === 0 ? 'earn' : rank === 2 ? 'redeem' : rank === 4 ? 'expire' : 'adjust';
      if (rank <= 1) {
        lotAt[tail] = at;
        lotExpires[tail] = at + validity;
        lotLeft[tail] = points;
        tail++;
        balance += points;
        if (rank === 0) earned += points;
        else adjusted += points;
        steps?.push({ at, kind, change: points, index });
        continue;
      }
      const debit = Math.abs(points);
      if (debit > balance) {
        // redeeming points that have expired: the redemption would be covered had they not
        const code: PatronageErrorCode =
          rank === 2 && debit <= balance + expired ? 'POINTS_EXPIRED' : 'INSUFFICIENT_POINTS';
        reject(
          index,
          code,
          `${fn}: ledger[${index}] takes ${debit} points from customer ${JSON.stringify(customerId)}, who has ${balance} available${
            code === 'POINTS_EXPIRED' ? ` (${expired} expired earlier and cannot be redeemed)` : ''
          }`,
        );
        continue;
      }
      head = spendOldest(lotLeft, head, debit);
      balance -= debit;
      if (rank === 2) redeemed += debit;
      else if (rank === 4) expired += debit;
      else adjusted -= debit;
      steps?.push({ at, kind, change: -debit, index });
    }
    if (!started) continue;
    while (head < tail && (lotExpires[head] as number) <= asOf) {
      const left = lotLeft[head] as number;
      expired += left;
      balance -= left;
      steps?.push({ at: lotExpires[head] as number, kind: 'expire', change: -left, index: null });
      head++;
    }
    const lots = openLots(scratch, head, tail);
    customers.push({ customerId, earned, redeemed, expired, adjusted, balance, lots, steps });
  }
  rejected.sort((left, right) => left.index - right.index);
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
