// The order of many strings by UTF-16 code unit (the order of `<` on strings), by a radix sort of their
// first code units instead of comparisons. Internal.

import { radixOrder } from './radixOrder';
import { selectInPlace } from './select';

/** Below this many strings the engine's comparison sort is as fast. */
const RADIX_MIN = 2048;

/**
 * The positions `0 … count − 1` ordered by the strings `stringOf(position)`, ascending by UTF-16 code unit
 * (as `a < b` compares strings), equal strings in position order; `stringOf` is read once per position.
 *
 * After the units all the strings start with, each string's next eight code units, when all are at most
 * 0xff (else its next four), are packed into one 64-bit key whose numeric order is their order, a shorter
 * string's missing units counting as below every unit; the keys are ordered by a least-significant-digit
 * radix sort, 16 bits a pass (a pass over bits every key shares is skipped), and only runs of equal keys —
 * strings that agree in those units, or differ only by U+0000 against a shorter string — are then
 * compared in full. For a million ids such as `c123456` that is four sequential passes instead of some
 * twenty million string comparisons.
 */
export function stringOrder(count: number, stringOf: (position: number) => string): Uint32Array {
  const strings: string[] = new Array(count);
  for (let p = 0; p < count; p++) strings[p] = stringOf(p);
  let order: Uint32Array = new Uint32Array(count);
  for (let p = 0; p < count; p++) order[p] = p;
  const byString = (a: number, b: number): number => {
    const left = strings[a] as string;
    const right = strings[b] as string;
    return left < right ? -1 : left > right ? 1 : a - b;
  };
  if (count < RADIX_MIN) return order.sort(byString);
  // the units every string starts with say nothing about the order: the keys begin after them
  const head = strings[0] as string;
  let skip = head.length;
  for (let p = 1; p < count && skip > 0; p++) {
    const text = strings[p] as string;
    let k = 0;
    while (k < skip && k < text.length && text.charCodeAt(k) === head.charCodeAt(k)) k++;
    skip = k;
  }
  let narrow = true;
  for (let p = 0; p < count && narrow; p++) {
    const text = strings[p] as string;
    const units = Math.min(text.length, skip + 8);
    for (let k = skip; k < units; k++) {
      if (text.charCodeAt(k) > 0xff) {
        narrow = false;
        break;
      }
    }
  }
  // high[p] holds the key's top 32 bits, low[p] the rest: eight units of 8 bits, or four of 16
  let high: Uint32Array = new Uint32Array(count);
  let low: Uint32Array = new Uint32Array(count);
  const bits = narrow ? 8 : 16;
  const perWord = 32 / bits;
  for (let p = 0; p < count; p++) {
    const text = strings[p] as string;
    const units = Math.min(text.length - skip, 2 * perWord);
    let top = 0;
    let rest = 0;
    for (let k = 0; k < units; k++) {
      const unit = text.charCodeAt(skip + k);
      if (k < perWord) top |= unit << (32 - bits * (k + 1));
      else rest |= unit << (32 - bits * (k - perWord + 1));
    }
    high[p] = top >>> 0;
    low[p] = rest >>> 0;
  }
  ({ order, high, low } = radixOrder(order, high, low));
  // runs of equal keys: the strings agree in their packed units, so they are compared in full
  let start = 0;
  for (let i = 1; i <= count; i++) {
    if (i < count && high[i] === high[start] && low[i] === low[start]) continue;
    if (i - start > 1) order.subarray(start, i).sort(byString);
    start = i;
  }
  return order;
}

/**
 * The first `k` positions of `0 … count − 1` ordered by `numberOf` descending, then by `stringOf` ascending
 * (as `a < b` compares strings): what a full comparison sort in that order gives in its first `k` places,
 * without sorting everything. The `k`-th largest value is selected ({@link selectInPlace}, without a sort
 * of the values); only the positions above it, and those equal to it (ordered by {@link stringOrder}), are ordered.
 * `numberOf` must give numbers that are not NaN.
 */
export function topOrder(
  count: number,
  numberOf: (position: number) => number,
  stringOf: (position: number) => string,
  k: number,
): number[] {
  const take = Math.max(0, Math.min(k, count));
  if (take === 0) return [];
  const values = new Float64Array(count);
  for (let p = 0; p < count; p++) values[p] = numberOf(p);
  const threshold = selectInPlace(values.slice(), count - take);
  const above: number[] = [];
  const tied: number[] = [];
  for (let p = 0; p < count; p++) {
    const value = values[p] as number;
    if (value > threshold) above.push(p);
    else if (value === threshold) tied.push(p);
  }
  above.sort((a, b) => {
    const difference = (values[b] as number) - (values[a] as number);
    if (difference !== 0) return difference;
    const left = stringOf(a);
    const right = stringOf(b);
    return left < right ? -1 : left > right ? 1 : a - b;
  });
  const tiedOrder = stringOrder(tied.length, (t) => stringOf(tied[t] as number));
  for (let t = 0; above.length < take; t++) above.push(tied[tiedOrder[t] as number] as number);
  return above;
}

/** Ids made of one prefix and then 1 to 7 digits (`c123`, `00042`), as order keys. */
export interface NumberedIds {
  /** The units every id starts with (the first id without its last digits). */
  readonly prefix: string;
  /**
   * Per id, its order key: its digits read as a number left-aligned to seven places, times 8, plus its
   * number of digits. The keys of two ids are in the order of the ids by code unit (the digits of a
   * shorter id that the longer one starts with count as the smaller), and ids with the same key are equal.
   */
  readonly keys: Uint32Array;
}

const NUMBERED_DIGITS = 7;
/** 10^k for k = 0 … 7. */
const POWERS_OF_TEN: readonly number[] = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7];

/** The order keys of `ids` (see {@link NumberedIds}), or null when one of them is not the prefix and 1-7 digits. */
export function numberedIds(ids: readonly string[]): NumberedIds | null {
  const head = ids[0];
  if (head === undefined) return null;
  let cut = head.length;
  while (cut > 0 && isDigitUnit(head.charCodeAt(cut - 1))) cut--;
  const prefix = head.slice(0, cut);
  const keys = new Uint32Array(ids.length);
  for (let c = 0; c < ids.length; c++) {
    const id = ids[c] as string;
    const digits = id.length - cut;
    if (digits < 1 || digits > NUMBERED_DIGITS) return null;
    for (let k = 0; k < cut; k++) if (id.charCodeAt(k) !== prefix.charCodeAt(k)) return null;
    let value = 0;
    for (let k = cut; k < id.length; k++) {
      const digit = id.charCodeAt(k) - 48;
      if (digit < 0 || digit > 9) return null;
      value = value * 10 + digit;
    }
    keys[c] = value * (POWERS_OF_TEN[NUMBERED_DIGITS - digits] as number) * 8 + digits;
  }
  return { prefix, keys };
}

/**
 * The order keys (see {@link NumberedIds}) of ids of one prefix and then the digits of `values` (1-7
 * digits): exactly `width` digits, zeros in front, when `width` is above 0; else without leading zeros.
 */
export function numberedKeys(values: ArrayLike<number>, width: number): Uint32Array {
  const keys = new Uint32Array(values.length);
  for (let c = 0; c < values.length; c++) {
    const value = values[c] as number;
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    if (width > 0) digits = width;
    keys[c] = value * (POWERS_OF_TEN[NUMBERED_DIGITS - digits] as number) * 8 + digits;
  }
  return keys;
}

/** The number of digits of the id with order key `key` (see {@link NumberedIds}). */
export function digitCountOfKey(key: number): number {
  return key & 7;
}

/** The value of the digits of the id with order key `key` (see {@link NumberedIds}). */
export function digitValueOfKey(key: number): number {
  return (key >>> 3) / (POWERS_OF_TEN[NUMBERED_DIGITS - (key & 7)] as number);
}

/**
 * The positions `0 … count − 1` ordered by `keyOf(position)`, whole numbers below 2^28 (order keys of
 * {@link NumberedIds}), equal keys in position order, with the keys in that order: a least-significant-
 * digit radix sort, 14 bits a pass.
 */
export function keyedOrder(
  count: number,
  keyOf: (position: number) => number,
): { readonly order: Uint32Array; readonly keys: Uint32Array } {
  let order = new Uint32Array(count);
  let keys = new Uint32Array(count);
  for (let p = 0; p < count; p++) {
    order[p] = p;
    keys[p] = keyOf(p);
  }
  let nextOrder = new Uint32Array(count);
  let nextKeys = new Uint32Array(count);
  const counts = new Uint32Array(1 << 14);
  for (let shift = 0; shift < 28; shift += 14) {
    counts.fill(0);
    for (let i = 0; i < count; i++) {
      const bucket = ((keys[i] as number) >>> shift) & 0x3fff;
      counts[bucket] = (counts[bucket] as number) + 1;
    }
    let sum = 0;
    for (let b = 0; b < counts.length; b++) {
      const size = counts[b] as number;
      counts[b] = sum;
      sum += size;
    }
    for (let i = 0; i < count; i++) {
      const key = keys[i] as number;
      const bucket = (key >>> shift) & 0x3fff;
      const to = counts[bucket] as number;
      counts[bucket] = to + 1;
      nextOrder[to] = order[i] as number;
      nextKeys[to] = key;
    }
    [order, nextOrder] = [nextOrder, order];
    [keys, nextKeys] = [nextKeys, keys];
  }
  return { order, keys };
}

function isDigitUnit(unit: number): boolean {
  return unit >= 48 && unit <= 57;
}
