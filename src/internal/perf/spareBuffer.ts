// A large working buffer kept between calls of a hot function behind a WeakRef, so back-to-back calls over
// millions of rows reuse one buffer instead of allocating a new one each time. V8 counts every new
// ArrayBuffer as external memory; a buffer that outlives a few scavenges (any call over millions of rows)
// is freed only by a full mark-compact, so each call's fresh buffers add up until V8 starts one for
// "external memory pressure", and a full collection walks the caller's whole heap: ~2 s for the 10M row
// objects of the rfm-rows-iso benchmark. A buffer held here is not pinned: the next full collection may
// free it, and the next call then allocates again.
//
// What it earns: measured in docs/benchmarks.md (issue 14, session 24), rfm-rows-iso at 1M customers.

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
