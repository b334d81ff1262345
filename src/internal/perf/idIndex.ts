// The ids met so far in one pass over a list: which of them were met before. Internal.
//
// What it earns (issue 13 A/B, 2026-12-01, 2 shared cores; median of the per-process medians of 7 timed runs;
// ratio = a `Set` of the ids made per replay ÷ this index, reused with the replay's scratch):
// checkout-points-balance at 100k (pointsBalance on a 100-entry ledger with ids, 10,000 times) 233 ms
// (190-258) vs 161 ms (76-175), 1.45x (-31%; per alternation 1.33, 2.50, 1.60; 19:56-20:04 UTC, load 3.5-7.7);
// an earlier A/B of the same two (19:12-19:15 UTC, load 5-8) gave 167 vs 127 ms, 1.32x (2.65, 0.91, 0.84).
// On loyalty-checkout-100 (50 entries, with tierHistory and loyaltyScore) no clear difference: 1.04 (0.55,
// 1.19, 1.80).
// docs/benchmarks.md (session 23) has the tables.
// Session 33 measured session 32's two changes here alone, in instructions per pointsBalance call on the
// checkout ledger (callgrind, scripts/bench/instructions.mjs points; docs/benchmarks.md, "Session 33"), and
// removed both: each slot's hash kept beside it saved 1.9% (76,177 -> 74,701), and murmur3's finaliser saved
// nothing over this plain hash (the same 26 extra probes; 76,992 with it against 76,177 without). Neither is
// the 15% a trick must earn.

/**
 * A hash of an id from its length, its last four code units (where sequential ids differ) and four more
 * spread over the rest: cheap for long ids such as UUIDs. Ids that differ only where it does not look
 * collide, which {@link IdIndex} notices and survives.
 */
export function sampleHash(id: string): number {
  const n = id.length;
  let hash = Math.imul(n, 0x9e3779b1);
  for (let i = n > 4 ? n - 4 : 0; i < n; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  const stride = n > 8 ? (n - 4) >> 2 : 1;
  for (let i = 0; i < n - 4; i += stride) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  // FNV-1a's low bits, which pick the slot, already depend on the low bits of every code unit read (the multiply
  // carries upwards only): folding the high bits in (hash ^ hash >>> 16, before session 33) gave the checkout's ids
  // 56 extra probes in a table of 256 instead of 26 (scripts/bench/checkout.mjs, 100 ids)
  return hash;
}

/**
 * The ids met so far in a pass over `ids`: open addressing over positions in `ids` (the table holds
 * position + 1), so no id is copied. When probing costs more than a few steps per id (ids alike where
 * {@link sampleHash} looks), it moves everything to a `Set` and goes on there, so no input makes it
 * quadratic. Made once with room for `capacity` ids and emptied with {@link IdIndex.reset} for each pass.
 */
export class IdIndex {
  private readonly table: Int32Array;
  private probes = 0;
  private set: Set<string> | null = null;
  private mask = 0;
  private budget = 0;

  constructor(
    capacity: number,
    private readonly ids: readonly (string | undefined)[],
  ) {
    this.table = new Int32Array(2 * capacity);
  }

  /** Empties the index for a pass over `count` ids (at most the capacity). */
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

  /** Whether `id` was met before; if not, it is recorded as met at `position` (where `ids` holds it). */
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
