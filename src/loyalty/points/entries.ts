// A ledger entry: its public type, the one reader that accepts it or says why not, and the canonical order
// in which entries replay.

import type { PatronageErrorCode } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { MAX_EPOCH_MS } from '../../model/time';
import { type TimestampInput, toEpochMsIn } from '../../model/timestamp';

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

/**
 * The rank of an entry among entries at the same time: credits first (earn, then a positive adjustment),
 * then redeem, a negative adjustment (a debit) and expire. An enum, so that the bundle writes each rank as
 * its number where it is used (part of the replay's −15.2%, docs/benchmarks.md, "Session 34: pointsBalance").
 */
export enum Rank {
  Earn = 0,
  Credit = 1,
  Redeem = 2,
  Debit = 3,
  Expire = 4,
}

/** The kind of an entry of rank `rank`. */
export function kindOfRank(rank: number): LedgerEntryKind {
  return rank === Rank.Earn
    ? 'earn'
    : rank === Rank.Redeem
      ? 'redeem'
      : rank === Rank.Expire
        ? 'expire'
        : 'adjust';
}

/**
 * Accepted entries, one row each, column by column: the time (epoch ms), the signed points, the rank, the
 * position in the ledger as given, the customer and the id.
 */
export interface EntryColumns {
  readonly at: Float64Array;
  readonly points: Float64Array;
  readonly rank: Int8Array;
  readonly index: Int32Array;
  readonly customer: string[];
  readonly id: (string | undefined)[];
}

/** The first part of an entry found wrong, in the order {@link readEntry} checks them. */
type Fault = 'entry' | 'id' | 'customerId' | 'kind' | 'points' | 'sign';

/**
 * Reads `raw` (`ledger[index]`) into row `row` of `columns`, each field once. Returns null when the entry is
 * well formed, or else the message saying what is wrong with it (the entry is then `INVALID_LEDGER_ENTRY`);
 * for a malformed object the row's customer still says whose it is (`''` when its customerId is no string).
 */
export function readEntry(
  fn: string,
  raw: unknown,
  index: number,
  columns: EntryColumns,
  row: number,
): string | null {
  if (!isEntryObject(raw)) return faultIn(fn, index, 'entry', raw);
  // each field is read once: a getter that changes between reads cannot make the checks and the row differ
  const { id, customerId, kind, points, at } = raw as Readonly<Record<string, unknown>>;
  // the customer is written first, so that the caller knows whose a malformed entry is ('' when unknown)
  columns.customer[row] = typeof customerId === 'string' ? customerId : '';
  const rank = entryRank(id, customerId, kind, points);
  if (rank < 0) return faultIn(fn, index, FAULTS[-1 - rank] as Fault, { id, customerId, kind, points });
  const time = entryTime(fn, index, at);
  if (typeof time === 'string') return time;
  writeRow(columns, row, time, points as number, rank, index, id as string | undefined);
  return null;
}

/** The first fault of an entry's fields other than its time, as {@link entryRank} gives it: −1 to −5. */
const FAULTS: readonly Fault[] = ['id', 'customerId', 'kind', 'points', 'sign'];

/**
 * The rank of an entry with these fields (its time aside) when they make a well-formed entry, else the
 * first fault in a fixed order as a negative number: −1 the id (none, or a non-empty string), −2 the
 * customer (a non-empty string), −3 the kind, −4 the points (whole), −5 their sign (positive, or for an
 * adjustment non-zero: a credit when positive, a debit when negative). The one validity rule of an
 * entry's fields: {@link readEntry} and the replay that reads as it goes both use it.
 */
export function entryRank(id: unknown, customerId: unknown, kind: unknown, points: unknown): number {
  if (id !== undefined && (typeof id !== 'string' || id === '')) return -1;
  if (typeof customerId !== 'string' || customerId === '') return -2;
  const rank =
    kind === 'earn'
      ? Rank.Earn
      : kind === 'redeem'
        ? Rank.Redeem
        : kind === 'expire'
          ? Rank.Expire
          : kind === 'adjust'
            ? Rank.Credit
            : -3;
  if (rank < 0) return -3;
  if (typeof points !== 'number' || !Number.isSafeInteger(points)) return -4;
  if (rank === Rank.Credit) return points > 0 ? Rank.Credit : points < 0 ? Rank.Debit : -5;
  return points > 0 ? rank : -5;
}

/** An entry's time `at` in epoch ms (−0 read as 0), or the message saying why it is no time. */
export function entryTime(fn: string, index: number, at: unknown): number | string {
  if (isEpochTime(at)) return at === 0 ? 0 : at;
  return readTime(fn, index, at);
}

/** Whether `at` is a time in epoch ms within the Date range (else {@link entryTime} reads it or says why not). */
export function isEpochTime(at: unknown): at is number {
  return typeof at === 'number' && Math.abs(at) <= MAX_EPOCH_MS;
}

/** Writes row `row` of `columns`: a well-formed entry's time (epoch ms), signed points, rank, position and id. */
export function writeRow(
  columns: EntryColumns,
  row: number,
  at: number,
  points: number,
  rank: number,
  index: number,
  id: string | undefined,
): void {
  columns.at[row] = at;
  columns.points[row] = points;
  columns.rank[row] = rank;
  columns.index[row] = index;
  columns.id[row] = id;
}

/** Whether `raw` is an object that can be an entry (not null, not an array). */
export function isEntryObject(raw: unknown): raw is object {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}

/** An entry's time that is not plain epoch ms, in epoch ms; or the message saying why it is no time. */
function readTime(fn: string, index: number, at: unknown): number | string {
  try {
    const time = toEpochMsIn(fn, `ledger[${index}].at`, at);
    return time === 0 ? 0 : time; // −0 is read as 0
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * The message for an entry whose first fault {@link readEntry} found is `fault`: `read` is the entry itself
 * for `'entry'`, else the fields as {@link readEntry} read them (never read again from the entry).
 */
function faultIn(fn: string, index: number, fault: Fault, read: unknown): string {
  const name = `${fn}: ledger[${index}]`;
  if (fault === 'entry') return `${name} must be an object, got ${describeValue(read)}`;
  const { id, customerId, kind, points } = read as Readonly<Record<string, unknown>>;
  switch (fault) {
    case 'id':
      return `${name}.id must be a non-empty string when given, got ${describeValue(id)}`;
    case 'customerId':
      return `${name}.customerId must be a non-empty string, got ${describeValue(customerId)}`;
    case 'kind':
      return `${name}.kind must be 'earn', 'redeem', 'adjust' or 'expire', got ${describeValue(kind)}`;
    case 'points':
      return `${name}.points must be a whole number of points, got ${describeValue(points)}`;
    case 'sign':
      return kind === 'adjust'
        ? `${name}.points of an adjustment must not be 0`
        : `${name}.points of '${kind}' must be positive, got ${points}`;
  }
}

/**
 * The canonical order of rows `left` and `right`: customer, time, then at equal times credits (earn,
 * positive adjust) before redeems, debits (negative adjust) and expiries; then points, then id (none first).
 * Every input order replays the same way.
 */
export function compareRows(columns: EntryColumns, left: number, right: number): number {
  const leftCustomer = columns.customer[left] as string;
  const rightCustomer = columns.customer[right] as string;
  if (leftCustomer !== rightCustomer) return leftCustomer < rightCustomer ? -1 : 1;
  const { at, rank, points } = columns;
  if (at[left] !== at[right]) return (at[left] as number) - (at[right] as number);
  if (rank[left] !== rank[right]) return (rank[left] as number) - (rank[right] as number);
  if (points[left] !== points[right]) return (points[left] as number) - (points[right] as number);
  const leftId = columns.id[left] ?? '';
  const rightId = columns.id[right] ?? '';
  return leftId === rightId ? 0 : leftId < rightId ? -1 : 1;
}
