// Customer ids read from bytes: each distinct id becomes a string once, however often it appears.
//
// The reader numbers a block's rows in two steps. While it scans, each id gets a code: an id that is a
// number (`736`, `c736`, `00001`: the first id's prefix, then digits) is its own code, read from the digits
// with no table at all; any other id is looked up in an open-addressing table that hashes its bytes and
// compares them with the bytes kept for each id (a known customer, most rows, allocates nothing). Then
// `settle` turns a column of codes into customer numbers in order of first appearance, in one tight pass
// over two arrays. Customers arrive in random order in a log kept in time order, so each lookup is a miss
// in memory; made in their own pass they overlap, which a lookup in the middle of parsing a row cannot do.

import { Buffer, isUtf8 } from 'node:buffer';

const EMPTY = -1;
/** Codes below this are numbered ids (the value of their digits); `NUMBERED + k` is hashed id k. */
const NUMBERED = 1 << 23;
/** The longest prefix (bytes before the digits) a numbered id may have. */
const NUMBERED_PREFIX = 8;
const ENCODER = new TextEncoder();
// in a u-mode pattern a surrogate pair is one code point, so \p{Cs} matches only a lone surrogate
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The table of ids met so far, in order of first appearance. Each slot of the open-addressing table holds
 * four words: the hashed id's number, its length and its first 8 bytes, so a lookup of a short id reads one
 * slot and nothing else; the bytes past the eighth are compared in an arena.
 */
export class ByteIds {
  /** The ids made strings so far, in order of first appearance (index = customer number). */
  private readonly strings: string[] = [];
  /** Customers numbered so far, whether their ids were made strings or not. */
  private customers = 0;
  /** Customers whose ids were hashed. */
  private hashedCustomers = 0;
  /**
   * Per customer, the value of its numbered id: a numbered id is made a string only when the ids are asked
   * for (`ids`), and its bytes can be written from its value (`numberedBytes`) without one.
   */
  private values = new Int32Array(1 << 12);
  /** 4 words per slot: hashed id (or EMPTY), length, bytes 0-3, bytes 4-7 (little-endian). */
  private slots = new Int32Array(4 << 12).fill(EMPTY);
  private mask = (1 << 12) - 1;
  /** Per hashed id: its hash, where its bytes past the eighth are in the arena, its text, its number. */
  private hashes = new Int32Array(1 << 10);
  private starts = new Int32Array(1 << 10);
  private hashedNumbers = new Int32Array(1 << 10).fill(EMPTY);
  private readonly hashedIds: string[] = [];
  private arena = new Uint8Array(1 << 14);
  private used = 0;
  private probes = 0;
  /** Hashed ids by text, once the table handed over to a Map (or an id had a lone surrogate). */
  private fallback: Map<string, number> | null = null;
  /**
   * Numbered ids: `numbered[value]` is the customer number of the id `prefix` + the digits of `value`
   * (EMPTY before it is settled). `width` 0: the digits have no leading zero (`c7`, `c10`); above 0: exactly
   * that many digits (`00001`), as the first id has them. Either way one id has one value, and an id that is
   * not numbered (another prefix, a leading zero, a value past the limit) is hashed, so no id is both. Null
   * until the first id, and for good when the first id is not numbered.
   */
  private numbered: Int32Array | null = null;
  private prefix: Uint8Array | null = null;
  private prefixText = '';
  private width = 0;
  /** The largest numbered value coded so far (the size `numbered` needs when codes are settled). */
  private largest = -1;
  // ignoreBOM keeps a leading U+FEFF: an id is its bytes (without it "\uFEFFann" would read as "ann")
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });

  /** `probeBudget`: probes allowed per hashed id (and 4096 more) before the table hands over to a Map. */
  constructor(private readonly probeBudget = 16) {}

  /** The ids, in order of first appearance (index = customer number), as far as codes were settled. */
  get ids(): string[] {
    if (this.strings.length < this.customers) this.makeStrings();
    return this.strings;
  }

  /** The strings of the ids numbered but not made strings yet. */
  private makeStrings(): void {
    const { strings, values, prefixText, width } = this;
    for (let customer = strings.length; customer < this.customers; customer++) {
      const digits = String(values[customer] as number);
      strings.push(prefixText + (width > 0 ? digits.padStart(width, '0') : digits));
    }
  }

  /**
   * When every id numbered so far is a numbered one: its prefix, its width (0: digits without leading
   * zeros) and each customer's value (index = customer number); else null.
   */
  numberedIds(): { prefix: string; width: number; values: Int32Array } | null {
    if (this.numbered === null || this.hashedCustomers > 0) return null;
    return { prefix: this.prefixText, width: this.width, values: this.values.subarray(0, this.customers) };
  }

  /**
   * The UTF-8 bytes of the ids one after another, with each id's end, written from their values when every
   * id is a numbered one (null otherwise): what `Buffer.from(ids.join(''))` gives, without the strings.
   */
  numberedBytes(): { bytes: Uint8Array; ends: Uint32Array } | null {
    const numbered = this.numberedIds();
    if (numbered === null) return null;
    const { values, width } = numbered;
    const prefix = this.prefix as Uint8Array;
    const count = values.length;
    const ends = new Uint32Array(count);
    let end = 0;
    for (let customer = 0; customer < count; customer++) {
      const value = values[customer] as number;
      let digits = 1;
      for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
      end += prefix.length + Math.max(digits, width);
      ends[customer] = end;
    }
    const bytes = new Uint8Array(end);
    let start = 0;
    for (let customer = 0; customer < count; customer++) {
      bytes.set(prefix, start);
      let rest = values[customer] as number;
      const idEnd = ends[customer] as number;
      for (let at = idEnd - 1; at >= start + prefix.length; at--) {
        const next = Math.floor(rest / 10);
        bytes[at] = 48 + rest - 10 * next;
        rest = next;
      }
      start = idEnd;
    }
    return { bytes, ends };
  }

  /** The customer number of the id in `bytes[start, end)`, adding it when new. */
  number(bytes: Uint8Array, start: number, end: number): number {
    return this.settled(this.code(bytes, start, end));
  }

  /** The customer number of an id given as a string (JSONL), adding it when new. */
  numberOf(id: string): number {
    return this.settled(this.codeOf(id));
  }

  /** The code of an id given as a string (see {@link ByteIds.code}). */
  codeOf(id: string): number {
    // a string with a lone surrogate has no UTF-8 bytes of its own (it would meet another id's U+FFFD):
    // it is looked up by its text, as every hashed id is from then on
    if (LONE_SURROGATE.test(id)) {
      this.handOver();
      return NUMBERED + this.hashedByText(id);
    }
    const bytes = ENCODER.encode(id);
    return this.code(bytes, 0, bytes.length);
  }

  /**
   * The code of the id in `bytes[start, end)` (its digits' value for a numbered id, else a hashed id's
   * number past {@link NUMBERED}), adding a hashed id when new; {@link ByteIds.settle} makes codes customer
   * numbers.
   */
  code(bytes: Uint8Array, start: number, end: number): number {
    if (this.prefix === null) this.numberIdsLike(bytes, start, end);
    if (this.numbered !== null) {
      const value = this.valueOf(bytes, start, end);
      if (value >= 0) {
        if (value > this.largest) this.largest = value;
        return value;
      }
    }
    if (this.fallback !== null)
      return NUMBERED + this.hashedByText(this.decoder.decode(bytes.subarray(start, end)));
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
      if (held === EMPTY) return NUMBERED + this.add(bytes, start, end, hash, low, high, slot);
      if (
        slots[at + 1] === length &&
        slots[at + 2] === low &&
        slots[at + 3] === high &&
        (length <= 8 || this.sameTail(held, bytes, start, length))
      )
        return NUMBERED + held;
      slot = (slot + 1) & mask;
      // ids built to collide (the hash is not keyed) would make every lookup a long walk: past a budget of
      // probes per id, the table hands over to a Map, so no input makes reading quadratic
      if (++this.probes > this.probeBudget * this.hashedIds.length + 4096) {
        this.handOver();
        return NUMBERED + this.hashedByText(this.decoder.decode(bytes.subarray(start, end)));
      }
    }
  }

  /**
   * Turns the codes in `column[from, to)` into customer numbers, in place, numbering the ids not met before
   * in the order of the rows.
   */
  settle(column: Uint32Array, from: number, to: number): void {
    if (this.largest >= 0) this.reach(this.largest);
    const numbered = this.numbered;
    const hashedNumbers = this.hashedNumbers;
    for (let i = from; i < to; i++) {
      const code = column[i] as number;
      let customer = code < NUMBERED ? (numbered as Int32Array)[code] : hashedNumbers[code - NUMBERED];
      if (customer === EMPTY) customer = this.first(code);
      column[i] = customer as number;
    }
  }

  /** The customer number of one code. */
  private settled(code: number): number {
    if (code < NUMBERED) {
      this.reach(code);
      const customer = (this.numbered as Int32Array)[code] as number;
      return customer === EMPTY ? this.first(code) : customer;
    }
    const customer = this.hashedNumbers[code - NUMBERED] as number;
    return customer === EMPTY ? this.first(code) : customer;
  }

  /** Numbers the id of a code met for the first time. */
  private first(code: number): number {
    const customer = this.customers;
    if (customer === this.values.length) {
      const values = new Int32Array(2 * customer);
      values.set(this.values);
      this.values = values;
    }
    if (code < NUMBERED) {
      (this.numbered as Int32Array)[code] = customer;
      this.values[customer] = code;
    } else {
      // the strings stay in customer order: those of the numbered ids before this one are made first
      if (this.strings.length < customer) this.makeStrings();
      this.hashedNumbers[code - NUMBERED] = customer;
      this.values[customer] = EMPTY;
      this.strings.push(this.hashedIds[code - NUMBERED] as string);
      this.hashedCustomers++;
    }
    this.customers = customer + 1;
    return customer;
  }

  /** Makes `numbered` long enough to hold `value`. */
  private reach(value: number): void {
    const old = this.numbered as Int32Array;
    if (value < old.length) return;
    let size = old.length;
    while (size <= value) size *= 2;
    const numbered = new Int32Array(Math.min(size, NUMBERED)).fill(EMPTY);
    numbered.set(old);
    this.numbered = numbered;
  }

  /**
   * Decides from the first id whether ids are numbered: a prefix of at most 8 bytes of UTF-8 that are not
   * digits, then 1 to 7 digits (a leading zero fixes the width, as in `00001`).
   */
  private numberIdsLike(bytes: Uint8Array, start: number, end: number): void {
    let digits = end;
    while (digits > start && isDigit(bytes[digits - 1])) digits--;
    const count = end - digits;
    const prefix = Uint8Array.from(bytes.subarray(start, digits)); // a copy (a Buffer's slice is a view)
    this.prefix = prefix; // decided once, numbered or not
    if (count < 1 || count > 7 || prefix.length > NUMBERED_PREFIX || prefix.some(isDigit) || !isUtf8(prefix))
      return;
    this.prefixText = this.decoder.decode(prefix);
    this.width = bytes[digits] === 48 && count > 1 ? count : 0;
    this.numbered = new Int32Array(1 << 12).fill(EMPTY);
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
    return value < NUMBERED ? value : -1;
  }

  /** Hashed ids are looked up by their text from now on. */
  private handOver(): void {
    if (this.fallback === null) this.fallback = new Map(this.hashedIds.map((id, index) => [id, index]));
  }

  /** The hashed id number of an id's text (once handed over), adding it when new. */
  private hashedByText(id: string): number {
    const map = this.fallback as Map<string, number>;
    let index = map.get(id);
    if (index === undefined) {
      index = this.hashedIds.length;
      this.reserveHashed(index);
      this.hashedIds.push(id);
      map.set(id, index);
    }
    return index;
  }

  /** Whether the bytes past the eighth of hashed id `held` (kept in the arena) are those of `bytes`. */
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
    const index = this.hashedIds.length;
    const length = end - start;
    this.reserveHashed(index);
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
    this.hashedIds.push(
      bytes instanceof Buffer
        ? bytes.toString('utf8', start, end)
        : this.decoder.decode(bytes.subarray(start, end)),
    );
    if (2 * this.hashedIds.length > this.mask + 1) this.rehash();
    return index;
  }

  /** Makes the per-hashed-id arrays long enough for hashed id `index`. */
  private reserveHashed(index: number): void {
    if (index < this.hashes.length) return;
    const size = 2 * this.hashes.length;
    const grow = (old: Int32Array<ArrayBuffer>, fill: number): Int32Array<ArrayBuffer> => {
      const next = new Int32Array(size).fill(fill);
      next.set(old);
      return next;
    };
    this.hashes = grow(this.hashes, 0);
    this.starts = grow(this.starts, 0);
    this.hashedNumbers = grow(this.hashedNumbers, EMPTY);
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
