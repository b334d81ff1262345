// A memo of numbers keyed on two numbers, for bulk scoring. Internal.
//
// The memo is algorithmic (one expectation per distinct (x, T)); its open-addressing table is tuning.
// What the table earns (issue 13 A/B, 2026-12-01, 3 alternations of 5 timed runs, 2 shared cores under
// load; median of the per-process medians): score-customers at 1M customers with the memo as a
// Map<x, Map<T, value>> took 762 vs 362 ms without forced GC (2.11x, -53%) and 963 vs 563 ms with
// BENCH_FORCE_GC=1 (1.71x, -42%). Keeping a spare memo between calls saved nothing (1.07x and 0.92x) and
// was removed. Several values per key (`width`): bulk scoring keeps the three parts given alive of its
// outputs in one entry, so one lookup serves them all; against three memos of width 1, all four outputs of
// scoreCustomers at 1M customers took 265 vs 469 ms CPU (0.57, session 34, same run, 9 alternating rounds;
// 321 vs 482 ms, 0.67, with a forced GC before each call), docs/benchmarks.md.

import { HASH_SEED, mixNumber } from './numberHash';

/** Entries a {@link PairMemo} holds at most. */
const MEMO_ENTRIES = 1 << 17;

/**
 * A memo of values keyed on two numbers (their bits, hashed by {@link mixNumber}); grows as it fills.
 * Bulk scoring keeps in it the parts of a prediction that repeat across customers, `width` numbers per key
 * (one lookup then serves every column that needs them). It holds numbers only, and the caller computes a
 * missing value itself: a memo that held the function or its per-call inputs would let optimised code
 * embed short-lived objects, and V8 discards such code when they die.
 */
export class PairMemo {
  // open addressing with the keys and the values inline, [a, b, value × width] per slot (a = NaN: empty),
  // so a lookup reads one place in memory
  private readonly stride: number;
  private table: Float64Array;
  private mask = 1023;
  private size = 0;

  /** @param width - the numbers kept per key (default 1), a whole number ≥ 1 */
  constructor(width = 1) {
    this.stride = 2 + width;
    this.table = new Float64Array(this.stride * 1024).fill(Number.NaN);
  }

  /**
   * Where the first value of (a, b) sits in {@link PairMemo.values} (the others follow it), or −1 when it
   * is not there. Hot loops read the table themselves: an integer result is never boxed, a double returned
   * from a call the engine does not inline is.
   */
  find(a: number, b: number): number {
    const table = this.table;
    const mask = this.mask;
    const stride = this.stride;
    let slot = mixNumber(mixNumber(HASH_SEED, a), b) & mask;
    for (;;) {
      const at = slot * stride;
      const key = table[at] as number;
      if (key === a && table[at + 1] === b) return at + 2;
      if (Number.isNaN(key)) return -1;
      slot = (slot + 1) & mask;
    }
  }

  /**
   * Keeps `value` for (a, b), which {@link PairMemo.find} did not find (a memo of width 1); false when the
   * memo is full (data with few repeats gain little from more entries, so it stops growing at about 6 MB
   * for width 1). Keys must not be NaN.
   */
  insert(a: number, b: number, value: number): boolean {
    const at = this.reserve(a, b);
    if (at < 0) return false;
    this.table[at] = value;
    return true;
  }

  /**
   * Makes room for the values of (a, b), which {@link PairMemo.find} did not find, and returns where the
   * first of them goes in {@link PairMemo.values} (the caller writes all `width` of them there before the
   * next call); −1 when the memo is full. Keys must not be NaN.
   */
  reserve(a: number, b: number): number {
    if (this.size >= MEMO_ENTRIES) return -1;
    if (4 * (this.size + 1) > 3 * (this.mask + 1)) this.grow(); // at most three quarters full
    this.size++;
    return this.place(a, b);
  }

  /** The table, [a, b, value × width] per slot; read it at what {@link PairMemo.find} returns when that is ≥ 0. */
  get values(): Float64Array {
    return this.table;
  }

  /** Claims the free slot of (a, b) and writes its keys; returns where its values go. */
  private place(a: number, b: number): number {
    const table = this.table;
    const mask = this.mask;
    const stride = this.stride;
    let slot = mixNumber(mixNumber(HASH_SEED, a), b) & mask;
    while (!Number.isNaN(table[slot * stride] as number)) slot = (slot + 1) & mask;
    table[slot * stride] = a;
    table[slot * stride + 1] = b;
    return slot * stride + 2;
  }

  private grow(): void {
    const old = this.table;
    const stride = this.stride;
    this.table = new Float64Array(old.length * 2).fill(Number.NaN);
    this.mask = this.mask * 2 + 1;
    for (let at = 0; at < old.length; at += stride) {
      const a = old[at] as number;
      if (Number.isNaN(a)) continue;
      const to = this.place(a, old[at + 1] as number);
      for (let k = 2; k < stride; k++) this.table[to + k - 2] = old[at + k] as number;
    }
  }
}
