// Short strings read as bytes, a batch at a time: the strings are concatenated (V8 makes a rope, one small
// object a string, without copying) and the rope is written once into a byte buffer by
// `TextEncoder.encodeInto`, so a reader then takes their characters from a typed array (a few instructions a
// byte, four bytes at a time through a DataView) instead of one `charCodeAt` each, which in optimised code
// dispatches again on the string's representation (sequential, cons, sliced, thin) at every call: ~30
// instructions a character on a flat string, ~40-48 on the template-literal strings callers build
// (docs/benchmarks.md, "Session 30: rows-iso").
//
// What it earns: see docs/benchmarks.md, "Session 32: rows-iso (issue 14)" (the figure is kept there and
// at the top of src/aggregate/shared/prepareTransactions.ts's row batch).

/** Most code units a batch holds (the buffer is this many bytes). */
const BATCH_BYTES = 1 << 16;

/** The part of the WHATWG `TextEncoder` used here (ES2022's lib, which the core compiles against, has none). */
interface Utf8Encoder {
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
}
declare const TextEncoder: (new () => Utf8Encoder) | undefined;

/** Browsers, Node, Deno, Bun and edge runtimes all have one; without it every batch is read from the strings. */
const ENCODER: Utf8Encoder | undefined = /* @__PURE__ */ (() =>
  typeof TextEncoder === 'function' ? new TextEncoder() : undefined)();

/**
 * Collects short strings (`add`), then writes them as bytes (`encode`): string k's code units are bytes
 * `start(k) .. start(k) + length - 1` of `bytes` (and of `view`), where the starts are the running sum of
 * the lengths added, when every string added was ASCII. `add` refuses a string once the batch is full.
 */
export class StringBatch {
  readonly bytes: Uint8Array = new Uint8Array(BATCH_BYTES);
  readonly view: DataView = new DataView(this.bytes.buffer);
  private joined = '';
  private used = 0;

  /** Empties the batch. */
  clear(): void {
    this.joined = '';
    this.used = 0;
  }

  /** Adds `text` (its bytes will follow the previous string's); false, adding nothing, when it does not fit. */
  add(text: string): boolean {
    const used = this.used + text.length;
    if (used > BATCH_BYTES) return false;
    this.joined += text;
    this.used = used;
    return true;
  }

  /**
   * Writes the strings added as bytes; true when they were all ASCII (one byte each, as UTF-8 writes
   * them), so that the bytes are their code units. False otherwise: the bytes are then not to be read.
   */
  encode(): boolean {
    const { joined } = this;
    this.joined = '';
    if (joined.length === 0) return true;
    if (ENCODER === undefined) return false;
    const { read, written } = ENCODER.encodeInto(joined, this.bytes);
    return read === this.used && written === this.used; // one byte per code unit: ASCII
  }
}
