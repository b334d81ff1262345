// Interning customer ids: each distinct id gets a dense number in first-seen order. Internal.
//
// What it earns (issue 14 A/B, 2026-12-01 17:02-17:05 UTC, 3 alternations of 3 timed runs, 2 shared cores,
// load 9-12; median of the per-process medians): rfm-rows-iso at 100k customers (980k rows, ids `c123`)
// with every id numbered through a Map took 3932 ms (3197-4951) against 2032 ms (1352-2231) with this
// table (1.94x, -48%; per alternation 2.44, 1.76, 2.36). Not measured with BENCH_FORCE_GC=1. Measured on
// da917b5, where the table kept the hash in a fourth word of each slot; it now recomputes it when growing.
//
// `sortedNumbers` (ids sorted as packed 64-bit keys by the typed-array sort; issue 14 A/B, 2026-12-01
// 20:07-20:12 UTC, 2 alternations of 3 timed runs, load 3.9-8.0): rfm-rows-iso at 100k took 766 and 1369 ms
// against 1505 and 2996 ms with the ids sorted by comparing strings (1.96x, 2.19x); for 1M ids alone, 252-316
// ms against 1722-3163 ms.
//
// Numbered ids in a direct array (issue 13/14, session 24, 2026-12-01 21:37 UTC, one alternation of 3 timed
// runs in one process each, load 7.7; 589c401 against main ce34ab6, which differ only here): rfm-rows at
// 100k (number ids, which went to the Map) 239 ms against 674 ms (2.8x, -65%); rfm-rows-iso (`c123` ids,
// which went to the table) 698 ms against 784 ms (-11%), where it also lets the ids be ordered without a
// sort.
//
// Numbering after the read (`numberedValueOf` per row, then `numberValues` over the column; issue 14,
// session 25, 2026-12-02 01:03-01:11 UTC, rfmSummary on the 9.8M ISO rows of 1M customers, 3 alternating
// processes of one warm-up and 3 calls, load 2.2-4.7; f04aac0 built with and without it, nothing else
// different): median of the process medians 4,095 ms (calls 3,630-4,625) against 4,985 ms (3,772-7,356)
// with one `numberOf` per row (-18%; per alternation 0.83, 0.91, 0.65). A look-up per row waits on a random
// read of the 4 MB direct array between the reads of the rows; the pass over the column does not. At 100k
// customers (a 400 KB array), 7 alternations of 5 calls, load 3.9-7: 352 ms against 415 ms (-15%; per
// alternation 1.82, 0.68, 0.60, 0.78, 1.25, 0.75, 0.93).

/** Slot layout: [number + 1 (0: empty), chars 0-3, chars 4-6 and the length]. */
const STRIDE = 3;
/** Longest id held in the table itself; longer ones (or ones with a code unit above 0xff) use a Map. */
const MAX_PACKED = 7;
/** The most digits of a numbered id (the limit is below 2^31), and the longest prefix. */
const MAX_DIGITS = 10;
const MAX_PREFIX = 8;
/** Whether a typed array's 64-bit element keeps its low 32 bits first (every platform Node runs on, today). */
const LITTLE_ENDIAN = /* @__PURE__ */ new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Dense numbers for ids, in first-seen order: `numberOf(id)` returns the id's number, giving the next one
 * to an id not seen before; `ids[n]` is the id of number n.
 *
 * A numbered id, a whole number `0 <= id < limit` or a string of a fixed prefix and the digits of such a
 * number without a leading zero (`c736`, `736`; the prefix, at most 8 code units, is the one of the first
 * string id of that shape), indexes a direct array by its value: no hashing, 4 bytes an id. Another short
 * id (at most 7 code units, each at most 0xff, as `ann` or `c007`) is packed into two 32-bit words kept in
 * one typed array (open addressing), so a lookup compares integers in one place in memory instead of
 * hashing the string and comparing it with another string somewhere on the heap; every other id (a
 * negative or fractional number, a long string) goes through a `Map`. The limit is fixed when the
 * numbering is made (four times the rows to number, and 65,536), so each id has one place; the direct
 * arrays grow with the largest value met.
 *
 * The figure that keeps it (at the top of this file) is in docs/benchmarks.md too.
 */
export class ShortIds {
  readonly ids: (string | number)[] = [];
  private table: Int32Array = new Int32Array(STRIDE * 1024);
  private mask = 1023;
  private readonly map = new Map<string | number, number>();
  /** The last id `pack` packed. */
  private low = 0;
  private high = 0;
  /** Values of numbered ids are below this. */
  private readonly limit: number;
  /** `numbers[v]`: the number + 1 of the id v (0: not seen); `strings[v]` that of prefix + digits of v. */
  private numbers = new Int32Array(1024);
  private strings = new Int32Array(1024);
  /** The prefix of numbered string ids; undefined until a string id of that shape is met. */
  private prefix: string | undefined;
  /** Ids in the direct arrays, and the largest value in each. */
  private direct = 0;
  private largestNumber = -1;
  private largestString = -1;

  /** `rows`: how many ids at most will be numbered (it sets the limit of numbered ids). */
  constructor(rows = 0) {
    this.limit = Math.min(4 * rows + 65_536, 0x7fff_ffff);
  }

  /** The number of `id` (a string or a number; compared as given, so `7` and `'7'` differ). */
  numberOf(id: string | number): number {
    const value = this.numberedValueOf(id);
    if (value >= 0) return this.numbered(value, id, typeof id === 'string');
    return this.pack(id) ? this.probe(this.low, this.high, id) : this.inMap(id);
  }

  /**
   * The value by which `numberOf(id)` would index a direct array (a numbered id), without looking it up:
   * the id itself for a whole number `0 <= id < limit`, the number its digits spell for a string of the
   * prefix and digits; -1 for any other id. A string id may fix the prefix, as `numberOf` would. Values of
   * number ids and of string ids overlap (`7` and `'7'`): a caller keeps the two kinds apart.
   *
   * With {@link ShortIds.numberValues}, a caller reading many rows stores each row's value and numbers them
   * all afterwards, in one tight pass over the direct array, instead of one random read of it per row
   * between the reads of the rows (what that earns is at the top of this file).
   */
  numberedValueOf(id: string | number): number {
    if (typeof id === 'number') return id >= 0 && id < this.limit && id % 1 === 0 ? id : -1;
    return this.numberedValue(id);
  }

  /**
   * Replaces `values[from..to)`, values of numbered ids as {@link ShortIds.numberedValueOf} gave them, by
   * the ids' numbers, taken in that order: exactly the numbers `numberOf` gives the ids one by one. `text`:
   * they are values of string ids (the prefix, then the digits), else of number ids.
   */
  numberValues(values: Uint32Array, from: number, to: number, text: boolean): void {
    for (let at = from; at < to; at++) values[at] = this.numbered(values[at] as number, undefined, text);
  }

  /**
   * The value of a numbered string id (the prefix, then the digits of a number below the limit without a
   * leading zero), or -1.
   */
  private numberedValue(id: string): number {
    const prefix = this.prefix ?? this.prefixOf(id);
    if (prefix === undefined) return -1;
    const start = prefix.length;
    const length = id.length;
    if (length <= start || length - start > MAX_DIGITS) return -1;
    for (let k = 0; k < start; k++) if (id.charCodeAt(k) !== prefix.charCodeAt(k)) return -1;
    let value = id.charCodeAt(start) - 48;
    if (!(value >= 0 && value <= 9) || (value === 0 && length > start + 1)) return -1;
    for (let k = start + 1; k < length; k++) {
      const digit = id.charCodeAt(k) - 48;
      if (!(digit >= 0 && digit <= 9)) return -1;
      value = value * 10 + digit;
    }
    return value < this.limit ? value : -1;
  }

  /** Takes the prefix of numbered string ids from `id` when it has that shape (else undefined). */
  private prefixOf(id: string): string | undefined {
    let digits = id.length;
    while (digits > 0 && isDigit(id.charCodeAt(digits - 1))) digits--;
    if (digits === id.length || id.length - digits > MAX_DIGITS || digits > MAX_PREFIX) return undefined;
    this.prefix = id.slice(0, digits);
    return this.prefix;
  }

  /**
   * The number of the numbered id `id` of value `value` (a string id when `text`); `id` undefined: the id
   * that value spells (for a string, the prefix and the digits, exactly as the id was read).
   */
  private numbered(value: number, id: string | number | undefined, text: boolean): number {
    let slots = text ? this.strings : this.numbers;
    if (value >= slots.length) {
      let size = slots.length;
      while (size <= value) size *= 2;
      const larger = new Int32Array(Math.min(size, this.limit));
      larger.set(slots);
      slots = larger;
      if (text) this.strings = slots;
      else this.numbers = slots;
    }
    const stored = slots[value] as number;
    if (stored !== 0) return stored - 1;
    const number = this.ids.length;
    this.ids.push(id ?? (text ? `${this.prefix}${value}` : value));
    slots[value] = number + 1;
    this.direct++;
    if (text) {
      if (value > this.largestString) this.largestString = value;
    } else if (value > this.largestNumber) this.largestNumber = value;
    return number;
  }

  /**
   * The numbers in the order of their ids (numbers ascending, then strings by UTF-16 code unit: the order
   * of `compareCustomerIds`), or `undefined` when the ids are neither all numbered nor all in the table
   * (some went to the Map, or numbered and packed ids are mixed) or the platform is big-endian.
   *
   * Numbered ids need no sort: number ids come in the order of their values; prefixed string ids in the
   * order of their digits as text, which visits the values as a depth-first walk of the decimal digit
   * tree (0, then 1, 10, 100, ..., 11, ...). Packed ids are each rewritten as one 64-bit key whose numeric
   * order is that order (the characters first to last from the top byte down, the length in the lowest
   * byte, so a prefix comes first), and the keys are sorted by the engine's typed-array sort instead of
   * comparing strings.
   */
  sortedNumbers(): Uint32Array | undefined {
    const { ids } = this;
    const count = ids.length;
    if (this.direct === count) return this.numberedOrder();
    if (this.direct > 0 || this.map.size > 0 || !LITTLE_ENDIAN) return undefined;
    const keys = new BigUint64Array(count);
    const words = new Uint32Array(keys.buffer); // words[2i] the low half of keys[i], words[2i + 1] the high
    for (let c = 0; c < count; c++) {
      const id = ids[c] as string; // only strings are packed
      let high = 0;
      let low = id.length;
      for (let k = 0; k < id.length; k++) {
        const code = id.charCodeAt(k);
        if (k < 4) high |= code << (24 - (k << 3));
        else low |= code << (24 - ((k - 4) << 3));
      }
      words[2 * c] = low;
      words[2 * c + 1] = high;
    }
    keys.sort();
    const order = new Uint32Array(count);
    for (let p = 0; p < count; p++) {
      const low = words[2 * p] as number;
      const high = words[2 * p + 1] as number;
      order[p] = this.find(
        (high >>> 24) | (((high >>> 16) & 0xff) << 8) | (((high >>> 8) & 0xff) << 16) | ((high & 0xff) << 24),
        ((low & 0xff) << 24) | (low >>> 24) | (((low >>> 16) & 0xff) << 8) | (((low >>> 8) & 0xff) << 16),
      );
    }
    return order;
  }

  /** The order of {@link ShortIds.sortedNumbers} when every id is numbered. */
  private numberedOrder(): Uint32Array {
    const order = new Uint32Array(this.ids.length);
    let position = 0;
    const { numbers, strings, largestNumber, largestString } = this;
    for (let value = 0; value <= largestNumber; value++) {
      const stored = numbers[value] as number;
      if (stored !== 0) order[position++] = stored - 1;
    }
    if (largestString < 0) return order;
    if (strings[0] !== 0) order[position++] = (strings[0] as number) - 1; // "0" comes before "1"
    let value = 1;
    for (let visited = 0; visited < largestString; visited++) {
      const stored = strings[value] as number;
      if (stored !== 0) order[position++] = stored - 1;
      if (value * 10 <= largestString) value *= 10;
      else {
        while (value % 10 === 9 || value + 1 > largestString) value = Math.floor(value / 10);
        value++;
      }
    }
    return order;
  }

  /** The number of the packed id `low`, `high`, which is in the table. */
  private find(low: number, high: number): number {
    const table = this.table;
    const mask = this.mask;
    let slot = slotOf(low, high, mask);
    // no empty slot lies between an id's first slot and its own (nothing is ever removed); an empty slot
    // reads as the packed empty string, so it is skipped by its number
    while (
      table[slot * STRIDE] === 0 ||
      table[slot * STRIDE + 1] !== low ||
      table[slot * STRIDE + 2] !== high
    ) {
      slot = (slot + 1) & mask;
    }
    return (table[slot * STRIDE] as number) - 1;
  }

  /** Packs `id` into `low` and `high`; false when it does not fit (it goes to the Map). */
  private pack(id: string | number): boolean {
    if (typeof id !== 'string' || id.length > MAX_PACKED) return false;
    const length = id.length;
    let low = 0;
    let high = length << 24;
    for (let k = 0; k < length; k++) {
      const code = id.charCodeAt(k);
      if (code > 0xff) return false;
      if (k < 4) low |= code << (k << 3);
      else high |= code << ((k - 4) << 3);
    }
    this.low = low;
    this.high = high;
    return true;
  }

  /** The number of the packed id `low`, `high` (which is `id`), given the next number if it is new. */
  private probe(low: number, high: number, id: string | number): number {
    const table = this.table;
    const mask = this.mask;
    let slot = slotOf(low, high, mask);
    for (;;) {
      const stored = table[slot * STRIDE] as number;
      if (stored === 0) break;
      if (table[slot * STRIDE + 1] === low && table[slot * STRIDE + 2] === high) return stored - 1;
      slot = (slot + 1) & mask;
    }
    const number = this.ids.length;
    this.ids.push(id);
    const at = slot * STRIDE;
    table[at] = number + 1;
    table[at + 1] = low;
    table[at + 2] = high;
    if (number * 2 > mask) this.grow();
    return number;
  }

  private inMap(id: string | number): number {
    let number = this.map.get(id);
    if (number === undefined) {
      number = this.ids.length;
      this.ids.push(id);
      this.map.set(id, number);
    }
    return number;
  }

  /** Doubles the table (kept at most half full). */
  private grow(): void {
    const old = this.table;
    const capacity = (this.mask + 1) * 2;
    const table = new Int32Array(STRIDE * capacity);
    const mask = capacity - 1;
    for (let at = 0; at < old.length; at += STRIDE) {
      if (old[at] === 0) continue;
      let slot = slotOf(old[at + 1] as number, old[at + 2] as number, mask);
      while (table[slot * STRIDE] !== 0) slot = (slot + 1) & mask;
      table.set(old.subarray(at, at + STRIDE), slot * STRIDE);
    }
    this.table = table;
    this.mask = mask;
  }
}

/** The first slot to probe for a packed id. */
function slotOf(low: number, high: number, mask: number): number {
  const hash = Math.imul(Math.imul(low ^ 0x9e3779b9, 0x85ebca6b) ^ high, 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) & mask;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
