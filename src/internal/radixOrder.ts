// A stable order of positions by 64-bit keys, without comparisons. Internal.

/** The radix: 16 bits a pass, four passes for a 64-bit key. */
const DIGITS = 1 << 16;

/** Positions and their keys, in the order sorted. */
export interface KeyedPositions {
  readonly order: Uint32Array;
  /** The keys' top 32 bits, per place of `order`. */
  readonly high: Uint32Array;
  /** The keys' low 32 bits, per place of `order`. */
  readonly low: Uint32Array;
}

/**
 * `order` sorted stably by the 64-bit keys `high[i]`·2^32 + `low[i]` (given per place of `order`, and moved
 * with it): a least-significant-digit radix sort, 16 bits a pass, that skips a pass whose digit every key
 * shares. The inputs serve as scratch: use only what is returned.
 */
export function radixOrder(order: Uint32Array, high: Uint32Array, low: Uint32Array): KeyedPositions {
  const count = order.length;
  let nextOrder: Uint32Array = new Uint32Array(count);
  let nextHigh: Uint32Array = new Uint32Array(count);
  let nextLow: Uint32Array = new Uint32Array(count);
  const counts = new Uint32Array(DIGITS);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? low : high;
    const shift = (pass & 1) * 16;
    counts.fill(0);
    for (let i = 0; i < count; i++) {
      const bucket = ((word[i] as number) >>> shift) & 0xffff;
      counts[bucket] = (counts[bucket] as number) + 1;
    }
    if (counts[((word[0] as number) >>> shift) & 0xffff] === count) continue; // every key shares this digit
    let sum = 0;
    for (let b = 0; b < DIGITS; b++) {
      const size = counts[b] as number;
      counts[b] = sum;
      sum += size;
    }
    for (let i = 0; i < count; i++) {
      const bucket = ((word[i] as number) >>> shift) & 0xffff;
      const to = counts[bucket] as number;
      counts[bucket] = to + 1;
      nextOrder[to] = order[i] as number;
      nextHigh[to] = high[i] as number;
      nextLow[to] = low[i] as number;
    }
    [order, nextOrder] = [nextOrder, order];
    [high, nextHigh] = [nextHigh, high];
    [low, nextLow] = [nextLow, low];
  }
  return { order, high, low };
}
