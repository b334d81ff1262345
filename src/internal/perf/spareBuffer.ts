// A large working buffer kept between calls of a hot function behind a WeakRef, so back-to-back calls over
// millions of rows reuse one buffer instead of allocating a new one each time. V8 counts every new
// ArrayBuffer as external memory; a buffer that outlives a few scavenges (any call over millions of rows)
// is freed only by a full mark-compact, so each call's fresh buffers add up until V8 starts one for
// "external memory pressure", and a full collection walks the caller's whole heap: ~2 s for the 10M row
// objects of the rfm-rows-iso benchmark. A buffer held here is not pinned: the next full collection may
// free it, and the next call then allocates again.
//
// What it earns (issue 14 A/B, 2026-12-01 21:58-22:21 UTC, rfm-rows-iso at 1M customers = 9.8M rows,
// 3 alternations of one process each, 2-3 timed runs, 2 shared cores, load 3.0-7.5; fee62e1 against its
// parent 12411d9, which differ only in this buffer): 4,688 ms (4,100-5,059), 10,760 (10,243-11,276) and
// 6,217 (6,021-6,414) with it against 9,504 (8,786-12,711), 14,588 (11,190-17,986) and 10,921
// (10,290-11,551) without (per alternation 2.03, 1.36, 1.76; medians 6,217 vs 10,921 ms, -43%). Every
// full collection there was started for "external memory pressure" (--trace-incremental-marking).
// Peak RSS 2,820-3,043 MB against 2,811-2,948 MB.

/** One spare buffer. `take` hands it out (or a new one) and forgets it; `give` keeps it for the next call. */
export class SpareBuffer {
  private spare: WeakRef<ArrayBuffer> | undefined;

  /** A buffer of at least `bytes` bytes (its contents are not cleared). */
  take(bytes: number): ArrayBuffer {
    const held = this.spare?.deref();
    this.spare = undefined; // a call re-entered meanwhile gets a buffer of its own
    return held !== undefined && held.byteLength >= bytes ? held : new ArrayBuffer(bytes);
  }

  /** Keeps `buffer` (no longer used by its caller) for the next `take`. */
  give(buffer: ArrayBuffer): void {
    this.spare = new WeakRef(buffer);
  }
}
