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

/** Slot layout: [number + 1 (0: empty), chars 0-3, chars 4-6 and the length]. */
const STRIDE = 3;
/** Longest id held in the table itself; longer ones (or ones with a code unit above 0xff) use a Map. */
const MAX_PACKED = 7;
/** Whether a typed array's 64-bit element keeps its low 32 bits first (every platform Node runs on, today). */
const LITTLE_ENDIAN = /* @__PURE__ */ new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Dense numbers for ids, in first-seen order: `numberOf(id)` returns the id's number, giving the next one
 * to an id not seen before; `ids[n]` is the id of number n. A short id (at most 7 code units, each at most
 * 0xff, as `c123456` or `10042`) is packed into two 32-bit words kept in one typed array (open
 * addressing), so a lookup compares integers in one place in memory instead of hashing the string and
 * comparing it with another string somewhere on the heap; every other id (a number, a long string) goes
 * through a `Map`. (Number ids in the table were tried, issue 14, session 23: rfm-rows at 100k took 2470
 * and 393 ms against 348 and 315 ms with the Map, 2 alternations, so they stay in the Map.)
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

  /** The number of `id` (a string or a number; compared as given, so `7` and `'7'` differ). */
  numberOf(id: string | number): number {
    return this.pack(id) ? this.probe(this.low, this.high, id) : this.inMap(id);
  }

  /**
   * The numbers in the order of their ids (by UTF-16 code unit, the order of `compareCustomerIds` for
   * strings), or `undefined` when some id is not in the table (it went to the Map) or the platform is
   * big-endian. Each id's packed form is rewritten as one 64-bit key whose numeric order is that order (the
   * characters first to last from the top byte down, the length in the lowest byte, so a prefix comes
   * first), and the keys are sorted by the engine's typed-array sort instead of comparing strings.
   */
  sortedNumbers(): Uint32Array | undefined {
    const { ids } = this;
    const count = ids.length;
    if (this.map.size > 0 || !LITTLE_ENDIAN) return undefined;
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
