// Customer ids read from bytes: each distinct id becomes a string once, however often it appears. An
// open-addressing table hashes the id's bytes and compares them with the bytes kept for each id, so the
// rows of a known customer (most rows of a log) allocate nothing. Ids that are a number (`736`, `c736`,
// `00001`: the same prefix as the first id, then digits) skip the hash: the number indexes an array of
// customer numbers directly (4 bytes per possible id, so 1M customers take 4 MB instead of a 32 MB table).

import { Buffer } from 'node:buffer';

const EMPTY = -1;
/** Numbered ids index the direct array below this value (so that array stays under 32 MB). */
const DENSE_LIMIT = 1 << 23;
/** The longest prefix (bytes before the digits) a numbered id may have. */
const DENSE_PREFIX = 8;
const ENCODER = new TextEncoder();
// in a u-mode pattern a surrogate pair is one code point, so \p{Cs} matches only a lone surrogate
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The table of ids met so far, in order of first appearance. Each slot of the open-addressing table holds
 * four words: the id's number, its length and its first 8 bytes, so a lookup of a short id (most customer
 * ids) reads one slot and nothing else; the bytes past the eighth are compared in an arena.
 */
export class ByteIds {
  /** The ids, in order of first appearance (index = customer number). */
  readonly ids: string[] = [];
  /** 4 words per slot: number (or EMPTY), length, bytes 0-3, bytes 4-7 (little-endian). */
  private slots = new Int32Array(4 << 12).fill(EMPTY);
  private mask = (1 << 12) - 1;
  private hashes = new Int32Array(1 << 10);
  private starts = new Int32Array(1 << 10);
  private arena = new Uint8Array(1 << 14);
  private used = 0;
  private probes = 0;
  /** Ids in the hash table (the numbered ones are in `dense`). */
  private hashed = 0;
  /**
   * The numbered ids: `dense[value]` is the customer number of the id `prefix` + the digits of `value`
   * (null until the first id, and for good when the first id is not numbered). `width` 0: the digits have no
   * leading zero (`c7`, `c10`); above 0: exactly that many digits (`00001`), as the first id has them. Either
   * way one id has one value, and an id that is not numbered (another prefix, a leading zero, a value past
   * the limit) is in the hash table, so no id is in both.
   */
  private dense: Int32Array | null = null;
  private prefix: Uint8Array | null = null;
  private width = 0;
  private asciiPrefix = false;
  private fallback: Map<string, number> | null = null;
  // ignoreBOM keeps a leading U+FEFF: an id is its bytes (without it "\uFEFFann" would read as "ann")
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });

  /** `probeBudget`: probes allowed per id (and 4096 more) before the table hands over to a Map. */
  constructor(private readonly probeBudget = 16) {}

  /** The customer number of the id in `bytes[start, end)`, adding it when new. */
  number(bytes: Uint8Array, start: number, end: number): number {
    if (this.fallback !== null) return this.numberOf(this.decoder.decode(bytes.subarray(start, end)));
    if (this.prefix === null) this.numberIdsLike(bytes, start, end);
    if (this.dense !== null) {
      const value = this.valueOf(bytes, start, end);
      if (value >= 0) {
        if (value >= this.dense.length) this.growDense(value);
        const held = this.dense[value] as number;
        return held !== EMPTY ? held : this.addNumbered(bytes, start, end, value);
      }
    }
    const length = end - start;
    let low = 0;
    let high = 0;
    const head = Math.min(length, 8);
    for (let k = 0; k < head; k++) {
      const byte = bytes[start + k] as number;
      if (k < 4) low |= byte << (8 * k);
      else high |= byte << (8 * (k - 4));
    }
    let hash = Math.imul(low ^ Math.imul(length, 0x9e3779b1), 0x85ebca6b);
    hash = Math.imul(hash ^ (hash >>> 13) ^ high, 0xc2b2ae35);
    for (let i = start + 8; i < end; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
    hash ^= hash >>> 16;
    const { slots, mask } = this;
    let slot = hash & mask;
    for (;;) {
      const at = slot << 2;
      const held = slots[at] as number;
      if (held === EMPTY) return this.add(bytes, start, end, hash, low, high, slot);
      if (
        slots[at + 1] === length &&
        slots[at + 2] === low &&
        slots[at + 3] === high &&
        (length <= 8 || this.sameTail(held, bytes, start, length))
      )
        return held;
      slot = (slot + 1) & mask;
      // ids built to collide (the hash is not keyed) would make every lookup a long walk: past a budget of
      // probes per id, the table hands over to a Map, so no input makes reading quadratic
      if (++this.probes > this.probeBudget * this.hashed + 4096) {
        this.fallback = new Map(this.ids.map((id, index) => [id, index]));
        return this.numberOf(this.decoder.decode(bytes.subarray(start, end)));
      }
    }
  }

  /**
   * Decides from the first id whether ids are numbered: a prefix of at most 8 bytes that are not digits, then
   * 1 to 7 digits (a leading zero fixes the width, as in `00001`).
   */
  private numberIdsLike(bytes: Uint8Array, start: number, end: number): void {
    let digits = end;
    while (digits > start && isDigit(bytes[digits - 1])) digits--;
    const count = end - digits;
    const prefix = Uint8Array.from(bytes.subarray(start, digits)); // a copy (a Buffer's slice is a view)
    this.prefix = prefix; // decided once, numbered or not
    if (count < 1 || count > 7 || prefix.length > DENSE_PREFIX || prefix.some(isDigit)) return;
    this.width = bytes[digits] === 48 && count > 1 ? count : 0;
    this.asciiPrefix = prefix.every((byte) => byte < 128);
    this.dense = new Int32Array(1 << 12).fill(EMPTY);
  }

  /** The value of a numbered id, or -1 when the id is not one. */
  private valueOf(bytes: Uint8Array, start: number, end: number): number {
    const prefix = this.prefix as Uint8Array;
    const from = start + prefix.length;
    const count = end - from;
    if (this.width > 0 ? count !== this.width : count < 1 || count > 7 || (bytes[from] === 48 && count > 1))
      return -1;
    for (let k = 0; k < prefix.length; k++) if (bytes[start + k] !== prefix[k]) return -1;
    let value = 0;
    for (let i = from; i < end; i++) {
      const digit = (bytes[i] as number) - 48;
      if (digit < 0 || digit > 9) return -1;
      value = value * 10 + digit;
    }
    return value < DENSE_LIMIT ? value : -1;
  }

  private growDense(value: number): void {
    const old = this.dense as Int32Array;
    let size = old.length;
    while (size <= value) size *= 2;
    const dense = new Int32Array(Math.min(size, DENSE_LIMIT)).fill(EMPTY);
    dense.set(old);
    this.dense = dense;
  }

  private addNumbered(bytes: Uint8Array, start: number, end: number, value: number): number {
    const index = this.ids.length;
    (this.dense as Int32Array)[value] = index;
    // numbered ids are ASCII unless the prefix is not: latin1 is their text only then
    this.ids.push(
      bytes instanceof Buffer && this.asciiPrefix
        ? bytes.toString('latin1', start, end)
        : this.decoder.decode(bytes.subarray(start, end)),
    );
    return index;
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

  /** Whether the bytes past the eighth of id `held` (kept in the arena) are those of `bytes`. */
  private sameTail(held: number, bytes: Uint8Array, start: number, length: number): boolean {
    const { arena } = this;
    const from = this.starts[held] as number;
    for (let k = 8; k < length; k++) if (arena[from + k - 8] !== bytes[start + k]) return false;
    return true;
  }

  private add(
    bytes: Uint8Array,
    start: number,
    end: number,
    hash: number,
    low: number,
    high: number,
    slot: number,
  ): number {
    const index = this.ids.length;
    const length = end - start;
    while (index >= this.hashes.length) this.growEntries();
    const tail = length > 8 ? length - 8 : 0;
    if (this.used + tail > this.arena.length) {
      const arena = new Uint8Array(Math.max(2 * this.arena.length, this.used + tail));
      arena.set(this.arena.subarray(0, this.used));
      this.arena = arena;
    }
    if (tail > 0) this.arena.set(bytes.subarray(start + 8, end), this.used);
    this.hashes[index] = hash;
    this.starts[index] = this.used;
    this.used += tail;
    const at = slot << 2;
    this.slots[at] = index;
    this.slots[at + 1] = length;
    this.slots[at + 2] = low;
    this.slots[at + 3] = high;
    // a Buffer (the reader's blocks) decodes in place; other bytes through a view
    this.ids.push(
      bytes instanceof Buffer
        ? bytes.toString('utf8', start, end)
        : this.decoder.decode(bytes.subarray(start, end)),
    );
    this.hashed++;
    if (2 * this.hashed > this.mask + 1) this.rehash();
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
  }

  private rehash(): void {
    const old = this.slots;
    const size = 2 * (this.mask + 1);
    const slots = new Int32Array(4 * size).fill(EMPTY);
    const mask = size - 1;
    for (let from = 0; from < old.length; from += 4) {
      const index = old[from] as number;
      if (index === EMPTY) continue;
      let slot = (this.hashes[index] as number) & mask;
      while (slots[slot << 2] !== EMPTY) slot = (slot + 1) & mask;
      slots.set(old.subarray(from, from + 4), slot << 2);
    }
    this.slots = slots;
    this.mask = mask;
  }
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 48 && byte <= 57;
}
