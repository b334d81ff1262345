// Customer ids read from bytes: each distinct id becomes a string once, however often it appears. An
// open-addressing table hashes the id's bytes and compares them with the bytes kept for each id, so the
// rows of a known customer (most rows of a log) allocate nothing.

const EMPTY = -1;
const ENCODER = new TextEncoder();
// in a u-mode pattern a surrogate pair is one code point, so \p{Cs} matches only a lone surrogate
const LONE_SURROGATE = /\p{Cs}/u;

/** The table of ids met so far, in order of first appearance. */
export class ByteIds {
  /** The ids, in order of first appearance (index = customer number). */
  readonly ids: string[] = [];
  private slots = new Int32Array(1 << 12).fill(EMPTY);
  private hashes = new Int32Array(1 << 10);
  private starts = new Int32Array(1 << 10);
  private lengths = new Int32Array(1 << 10);
  private arena = new Uint8Array(1 << 14);
  private used = 0;
  private probes = 0;
  private fallback: Map<string, number> | null = null;
  private readonly decoder = new TextDecoder();

  /** `probeBudget`: probes allowed per id (and 4096 more) before the table hands over to a Map. */
  constructor(private readonly probeBudget = 16) {}

  /** The customer number of the id in `bytes[start, end)`, adding it when new. */
  number(bytes: Uint8Array, start: number, end: number): number {
    if (this.fallback !== null) return this.numberOf(this.decoder.decode(bytes.subarray(start, end)));
    let hash = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
    const mask = this.slots.length - 1;
    let slot = (hash ^ (hash >>> 15)) & mask;
    const length = end - start;
    for (;;) {
      const held = this.slots[slot] as number;
      if (held === EMPTY) return this.add(bytes, start, end, hash, slot);
      if (
        this.hashes[held] === hash &&
        this.lengths[held] === length &&
        this.same(held, bytes, start, length)
      )
        return held;
      slot = (slot + 1) & mask;
      // ids built to collide (the hash is not keyed) would make every lookup a long walk: past a budget of
      // probes per id, the table hands over to a Map, so no input makes reading quadratic
      if (++this.probes > this.probeBudget * this.ids.length + 4096) {
        this.fallback = new Map(this.ids.map((id, index) => [id, index]));
        return this.numberOf(this.decoder.decode(bytes.subarray(start, end)));
      }
    }
  }

  /** The customer number of an id given as a string (JSONL), adding it when new. */
  numberOf(id: string): number {
    // a string with a lone surrogate has no UTF-8 bytes of its own (it would meet another id's U+FFFD)
    if (this.fallback === null && LONE_SURROGATE.test(id))
      this.fallback = new Map(this.ids.map((known, index) => [known, index]));
    if (this.fallback === null) {
      const bytes = ENCODER.encode(id);
      return this.number(bytes, 0, bytes.length);
    }
    let index = this.fallback.get(id);
    if (index === undefined) {
      index = this.ids.length;
      this.ids.push(id);
      this.fallback.set(id, index);
    }
    return index;
  }

  private same(held: number, bytes: Uint8Array, start: number, length: number): boolean {
    const { arena } = this;
    const from = this.starts[held] as number;
    for (let k = 0; k < length; k++) if (arena[from + k] !== bytes[start + k]) return false;
    return true;
  }

  private add(bytes: Uint8Array, start: number, end: number, hash: number, slot: number): number {
    const index = this.ids.length;
    const length = end - start;
    if (index === this.hashes.length) this.growEntries();
    if (this.used + length > this.arena.length) {
      const arena = new Uint8Array(Math.max(2 * this.arena.length, this.used + length));
      arena.set(this.arena.subarray(0, this.used));
      this.arena = arena;
    }
    this.arena.set(bytes.subarray(start, end), this.used);
    this.hashes[index] = hash;
    this.starts[index] = this.used;
    this.lengths[index] = length;
    this.used += length;
    this.slots[slot] = index;
    this.ids.push(this.decoder.decode(bytes.subarray(start, end)));
    if (2 * this.ids.length > this.slots.length) this.rehash();
    return index;
  }

  private growEntries(): void {
    const size = 2 * this.hashes.length;
    const grow = (old: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const next = new Int32Array(size);
      next.set(old);
      return next;
    };
    this.hashes = grow(this.hashes);
    this.starts = grow(this.starts);
    this.lengths = grow(this.lengths);
  }

  private rehash(): void {
    const slots = new Int32Array(2 * this.slots.length).fill(EMPTY);
    const mask = slots.length - 1;
    for (let index = 0; index < this.ids.length; index++) {
      const hash = this.hashes[index] as number;
      let slot = (hash ^ (hash >>> 15)) & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = index;
    }
    this.slots = slots;
  }
}
