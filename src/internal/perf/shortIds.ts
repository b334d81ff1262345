// Interning customer ids: each distinct id gets a dense number in first-seen order. Internal.
//
// What it earns (issue 14 A/B, 2026-12-01 17:02-17:05 UTC, 3 alternations of 3 timed runs, 2 shared cores,
// load 9-12; median of the per-process medians): rfm-rows-iso at 100k customers (980k rows, ids `c123`)
// with every id numbered through a Map took 3932 ms (3197-4951) against 2032 ms (1352-2231) with this
// table (1.94x, -48%; per alternation 2.44, 1.76, 2.36). Not measured with BENCH_FORCE_GC=1.

/** Slot layout: [number + 1 (0: empty), hash, chars 0-3, chars 4-6 and the length]. */
const STRIDE = 4;
/** Longest id held in the table itself; longer ones (or ones with a code unit above 0xff) use a Map. */
const MAX_PACKED = 7;

/**
 * Dense numbers for ids, in first-seen order: `numberOf(id)` returns the id's number, giving the next one
 * to an id not seen before; `ids[n]` is the id of number n. A short id (at most 7 code units, each at most
 * 0xff, as `c123456` or `10042`) is packed into two 32-bit words and kept with its hash in one typed array
 * (open addressing), so a lookup compares integers in one place in memory instead of hashing the string
 * and comparing it with another string somewhere on the heap; every other id (a number, a long string)
 * goes through a `Map`.
 *
 * The figure that keeps it (at the top of this file) is in docs/benchmarks.md too.
 */
export class ShortIds {
  readonly ids: (string | number)[] = [];
  /** Per number, the id's order key ({@link asciiOrderKey}) or the id itself when it is a number. */
  private readonly orderKeys: number[] = [];
  /** Ids that are strings without an order key. */
  private unordered = 0;
  private table: Int32Array = new Int32Array(STRIDE * 1024);
  private mask = 1023;
  private readonly other = new Map<string | number, number>();

  /** The number of `id` (a string or a number; compared as given, so `7` and `'7'` differ). */
  numberOf(id: string | number): number {
    if (typeof id !== 'string' || id.length > MAX_PACKED) return this.viaMap(id);
    const length = id.length;
    let low = 0;
    let high = length << 24;
    for (let k = 0; k < length; k++) {
      const code = id.charCodeAt(k);
      if (code > 0xff) return this.viaMap(id);
      if (k < 4) low |= code << (k << 3);
      else high |= code << ((k - 4) << 3);
    }
    let hash = Math.imul(low ^ 0x9e3779b9, 0x85ebca6b);
    hash = Math.imul(hash ^ (hash >>> 13) ^ high, 0xc2b2ae35);
    hash ^= hash >>> 16;
    const table = this.table;
    const mask = this.mask;
    let slot = hash & mask;
    for (;;) {
      const at = slot * STRIDE;
      const stored = table[at] as number;
      if (stored === 0) break;
      if (table[at + 1] === hash && table[at + 2] === low && table[at + 3] === high) return stored - 1;
      slot = (slot + 1) & mask;
    }
    const number = this.ids.length;
    this.ids.push(id);
    this.pushOrderKey(id);
    const at = slot * STRIDE;
    table[at] = number + 1;
    table[at + 1] = hash;
    table[at + 2] = low;
    table[at + 3] = high;
    if (number * 2 > mask) this.grow();
    return number;
  }

  private viaMap(id: string | number): number {
    let number = this.other.get(id);
    if (number === undefined) {
      number = this.ids.length;
      this.ids.push(id);
      this.pushOrderKey(id);
      this.other.set(id, number);
    }
    return number;
  }

  private pushOrderKey(id: string | number): void {
    const key = typeof id === 'number' ? id : asciiOrderKey(id);
    if (Number.isNaN(key)) this.unordered++;
    this.orderKeys.push(key);
  }

  /**
   * Each number's position among the ids sorted as `compareCustomerIds` orders them (numbers ascending,
   * then strings by code unit), when every string id has an order key; else `undefined` (the caller then
   * sorts the ids themselves). Two numeric sorts and a binary search per id, no string comparisons.
   */
  ranks(): Uint32Array | undefined {
    if (this.unordered > 0) return undefined;
    const { ids, orderKeys } = this;
    const numbers: number[] = [];
    const strings: number[] = [];
    for (let n = 0; n < ids.length; n++) {
      if (typeof ids[n] === 'number') numbers.push(orderKeys[n] as number);
      else strings.push(orderKeys[n] as number);
    }
    const sortedNumbers = Float64Array.from(numbers).sort();
    const sortedStrings = Float64Array.from(strings).sort();
    const ranks = new Uint32Array(ids.length);
    for (let n = 0; n < ids.length; n++) {
      const key = orderKeys[n] as number;
      ranks[n] =
        typeof ids[n] === 'number'
          ? lowerBound(sortedNumbers, key)
          : sortedNumbers.length + lowerBound(sortedStrings, key);
    }
    return ranks;
  }

  /** Doubles the table (kept at most half full). */
  private grow(): void {
    const old = this.table;
    const capacity = (this.mask + 1) * 2;
    const table = new Int32Array(STRIDE * capacity);
    const mask = capacity - 1;
    for (let at = 0; at < old.length; at += STRIDE) {
      if (old[at] === 0) continue;
      let slot = (old[at + 1] as number) & mask;
      while (table[slot * STRIDE] !== 0) slot = (slot + 1) & mask;
      table.set(old.subarray(at, at + STRIDE), slot * STRIDE);
    }
    this.table = table;
    this.mask = mask;
  }
}

/**
 * A number that orders short ASCII strings as their code units do: at most 7 code units below 0x80, read
 * as base-128 digits padded on the right with zeros, then times 8 plus the length (so a string comes
 * just before its extensions, `'a'` < `'a\0'` < `'aa'`): 52 bits, exact in a double. NaN for any other
 * string.
 */
export function asciiOrderKey(id: string): number {
  const length = id.length;
  if (length > MAX_PACKED) return Number.NaN;
  let key = 0;
  for (let k = 0; k < MAX_PACKED; k++) {
    const code = k < length ? id.charCodeAt(k) : 0;
    if (code > 0x7f) return Number.NaN;
    key = key * 128 + code;
  }
  return key * 8 + length;
}

/** The first index of the ascending `sorted` holding `value` (which it holds). */
function lowerBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
