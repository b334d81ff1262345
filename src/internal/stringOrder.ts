// The order of many strings by UTF-16 code unit (the order of `<` on strings), by a radix sort of their
// first code units instead of comparisons. Internal.

/** Below this many strings the engine's comparison sort is as fast. */
const RADIX_MIN = 2048;
/** The radix: the 64-bit keys are sorted 16 bits at a time, in four passes. */
const DIGITS = 1 << 16;

/**
 * The positions `0 … count − 1` ordered by the strings `stringOf(position)`, ascending by UTF-16 code unit
 * (as `a < b` compares strings), equal strings in position order; `stringOf` is read once per position.
 *
 * After the units all the strings start with, each string's next eight code units, when all are at most
 * 0xff (else its next four), are packed into one 64-bit key whose numeric order is their order, a shorter
 * string's missing units counting as below every unit; the keys are ordered by a least-significant-digit
 * radix sort, 16 bits a pass (a pass over bits every key shares is skipped), and only runs of equal keys —
 * strings that agree in those units, or differ only by U+0000 against a shorter string — are then
 * compared in full. For a million ids such as `c123456` that is four sequential passes instead of some
 * twenty million string comparisons.
 */
export function stringOrder(count: number, stringOf: (position: number) => string): Uint32Array {
  const strings: string[] = new Array(count);
  for (let p = 0; p < count; p++) strings[p] = stringOf(p);
  let order = new Uint32Array(count);
  for (let p = 0; p < count; p++) order[p] = p;
  const byString = (a: number, b: number): number => {
    const left = strings[a] as string;
    const right = strings[b] as string;
    return left < right ? -1 : left > right ? 1 : a - b;
  };
  if (count < RADIX_MIN) return order.sort(byString);
  // the units every string starts with say nothing about the order: the keys begin after them
  const head = strings[0] as string;
  let skip = head.length;
  for (let p = 1; p < count && skip > 0; p++) {
    const text = strings[p] as string;
    let k = 0;
    while (k < skip && k < text.length && text.charCodeAt(k) === head.charCodeAt(k)) k++;
    skip = k;
  }
  let narrow = true;
  for (let p = 0; p < count && narrow; p++) {
    const text = strings[p] as string;
    const units = Math.min(text.length, skip + 8);
    for (let k = skip; k < units; k++) {
      if (text.charCodeAt(k) > 0xff) {
        narrow = false;
        break;
      }
    }
  }
  // high[p] holds the key's top 32 bits, low[p] the rest: eight units of 8 bits, or four of 16
  let high = new Uint32Array(count);
  let low = new Uint32Array(count);
  const bits = narrow ? 8 : 16;
  const perWord = 32 / bits;
  for (let p = 0; p < count; p++) {
    const text = strings[p] as string;
    const units = Math.min(text.length - skip, 2 * perWord);
    let top = 0;
    let rest = 0;
    for (let k = 0; k < units; k++) {
      const unit = text.charCodeAt(skip + k);
      if (k < perWord) top |= unit << (32 - bits * (k + 1));
      else rest |= unit << (32 - bits * (k - perWord + 1));
    }
    high[p] = top >>> 0;
    low[p] = rest >>> 0;
  }
  let nextOrder = new Uint32Array(count);
  let nextHigh = new Uint32Array(count);
  let nextLow = new Uint32Array(count);
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
  // runs of equal keys: the strings agree in their packed units, so they are compared in full
  let start = 0;
  for (let i = 1; i <= count; i++) {
    if (i < count && high[i] === high[start] && low[i] === low[start]) continue;
    if (i - start > 1) order.subarray(start, i).sort(byString);
    start = i;
  }
  return order;
}

/**
 * The first `k` positions of `0 … count − 1` ordered by `numberOf` descending, then by `stringOf` ascending
 * (as `a < b` compares strings): what a full comparison sort in that order gives in its first `k` places,
 * without sorting everything. The `k`-th largest value is found by the engine's numeric sort of the
 * values; only the positions above it, and those equal to it (ordered by {@link stringOrder}), are ordered.
 * `numberOf` must give numbers that are not NaN.
 */
export function topOrder(
  count: number,
  numberOf: (position: number) => number,
  stringOf: (position: number) => string,
  k: number,
): number[] {
  const take = Math.max(0, Math.min(k, count));
  if (take === 0) return [];
  const values = new Float64Array(count);
  for (let p = 0; p < count; p++) values[p] = numberOf(p);
  const threshold = values.slice().sort()[count - take] as number;
  const above: number[] = [];
  const tied: number[] = [];
  for (let p = 0; p < count; p++) {
    const value = values[p] as number;
    if (value > threshold) above.push(p);
    else if (value === threshold) tied.push(p);
  }
  above.sort((a, b) => {
    const difference = (values[b] as number) - (values[a] as number);
    if (difference !== 0) return difference;
    const left = stringOf(a);
    const right = stringOf(b);
    return left < right ? -1 : left > right ? 1 : a - b;
  });
  const tiedOrder = stringOrder(tied.length, (t) => stringOf(tied[t] as number));
  for (let t = 0; above.length < take; t++) above.push(tied[tiedOrder[t] as number] as number);
  return above;
}
