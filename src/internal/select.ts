// Selection of order statistics without a full sort. Internal.

/** Rounds of partitioning after which a range still wide is sorted instead (so no input makes it quadratic). */
const MAX_ROUNDS = 64;

/**
 * The value at position `k` of `values[from..to)` in ascending order, the one `sort()` would put there
 * (up to the sign of a zero: −0 and 0 count as equal), rearranging that range so that every element before
 * position `k` is at most it and every element after it at least it. Expected linear time (quickselect with
 * a median of three); a range that is still wide after {@link MAX_ROUNDS} rounds is sorted instead. The
 * values must not be NaN.
 */
export function selectInPlace(values: Float64Array, k: number, from = 0, to: number = values.length): number {
  let low = from;
  let high = to - 1;
  for (let round = 0; high > low; round++) {
    if (round === MAX_ROUNDS) {
      values.subarray(low, high + 1).sort();
      break;
    }
    const middle = low + ((high - low) >> 1);
    // the median of the first, middle and last elements as the pivot
    const a = values[low] as number;
    const b = values[middle] as number;
    const c = values[high] as number;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = low;
    let j = high;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const swap = values[i] as number;
        values[i] = values[j] as number;
        values[j] = swap;
        i++;
        j--;
      }
    }
    // now values[low..j] ≤ pivot ≤ values[i..high], and values[j+1..i-1] equal the pivot
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else break;
  }
  return values[k] as number;
}
