// Interning customer ids: each distinct id gets a dense number in first-seen order. Internal.
//
// What it earns (issue 14 A/B, 2026-12-01 17:02-17:05 UTC, 3 alternations of 3 timed runs, 2 shared cores,
// load 9-12; median of the per-process medians): rfm-rows-iso at 100k customers (980k rows, ids `c123`)
// with every id numbered through a Map took 3932 ms (3197-4951) against 2032 ms (1352-2231) with this
// table (1.94x, -48%; per alternation 2.44, 1.76, 2.36). Not measured with BENCH_FORCE_GC=1. Measured on
// da917b5, where the table kept the hash in a fourth word of each slot; it now recomputes it when growing.

/** Slot layout: [number + 1 (0: empty), chars 0-3, chars 4-6 and the length]. */
const STRIDE = 3;
/** Longest id held in the table itself; longer ones (or ones with a code unit above 0xff) use a Map. */
const MAX_PACKED = 7;

/**
 * Dense numbers for ids, in first-seen order: `numberOf(id)` returns the id's number, giving the next one
 * to an id not seen before; `ids[n]` is the id of number n. A short id (at most 7 code units, each at most
 * 0xff, as `c123456` or `10042`) is packed into two 32-bit words kept in one typed array
 * (open addressing), so a lookup compares integers in one place in memory instead of hashing the string
 * and comparing it with another string somewhere on the heap; every other id (a number, a long string)
 * goes through a `Map`.
 *
 * The figure that keeps it (at the top of this file) is in docs/benchmarks.md too.
 */
export class ShortIds {
  readonly ids: (string | number)[] = [];
  private table: Int32Array = new Int32Array(STRIDE * 1024);
  private mask = 1023;
  private readonly map = new Map<string | number, number>();

  /** The number of `id` (a string or a number; compared as given, so `7` and `'7'` differ). */
  numberOf(id: string | number): number {
    if (typeof id !== 'string' || id.length > MAX_PACKED) return this.inMap(id);
    const length = id.length;
    let low = 0;
    let high = length << 24;
    for (let k = 0; k < length; k++) {
      const code = id.charCodeAt(k);
      if (code > 0xff) return this.inMap(id);
      if (k < 4) low |= code << (k << 3);
      else high |= code << ((k - 4) << 3);
    }
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
