// The ids met so far in one pass over a list: which of them were met before. Internal.
//
// What it earns (issue 13 A/B, 2026-12-01, 2 shared cores; median of the per-process medians of 7 timed runs;
// ratio = a `Set` of the ids made per replay ÷ this index, reused with the replay's scratch):
// checkout-points-balance at 100k (pointsBalance on a 100-entry ledger with ids, 10,000 times) 233 ms
// (190-258) vs 161 ms (76-175), 1.45x (-31%; per alternation 1.33, 2.50, 1.60; 19:56-20:04 UTC, load 3.5-7.7);
// an earlier A/B of the same two (19:12-19:15 UTC, load 5-8) gave 167 vs 127 ms, 1.32x (2.65, 0.91, 0.84).
// On loyalty-checkout-100 (50 entries, with tierHistory and loyaltyScore) no clear difference: 1.04 (0.55,
// 1.19, 1.80).
// docs/benchmarks.md (session 23) has the tables. Session 32 keeps each slot's hash beside it and mixes the
// hash's bits before they pick a slot: on the checkout's 100 ids (`e0`, `r4`, ...) `StringEqual` fell from
// 2,288 instructions a call (52 calls on colliding ids) to under 90 (measured together with the replay as
// read, not alone: docs/benchmarks.md, "Session 32").

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
  // the low bits choose the slot: mix the high bits into them (murmur3's finaliser)
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

/**
 * The ids met so far in a pass over `ids`: open addressing over positions in `ids` (the table holds
 * position + 1), so no id is copied. When probing costs more than a few steps per id (ids alike where
 * {@link sampleHash} looks), it moves everything to a `Set` and goes on there, so no input makes it
 * quadratic. Made once with room for `capacity` ids and emptied with {@link IdIndex.reset} for each pass.
 */
export class IdIndex {
  private readonly table: Int32Array;
  /** The hash of the id each slot holds, so that a probe compares ids only when their hashes agree. */
  private readonly hashes: Int32Array;
  private probes = 0;
  private set: Set<string> | null = null;
  private mask = 0;
  private budget = 0;

  constructor(
    capacity: number,
    private readonly ids: readonly (string | undefined)[],
  ) {
    this.table = new Int32Array(2 * capacity);
    this.hashes = new Int32Array(2 * capacity);
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
    const { table, hashes, ids, mask } = this;
    const hash = sampleHash(id);
    let slot = hash & mask;
    for (;;) {
      const held = table[slot] as number;
      if (held === 0) {
        table[slot] = position + 1;
        hashes[slot] = hash;
        return false;
      }
      if (hashes[slot] === hash && ids[held - 1] === id) return true;
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
