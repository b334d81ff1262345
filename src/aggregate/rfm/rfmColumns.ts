/**
 * The RFM summary as columns: entry j describes customer `customerIndex[j]`, in ascending customer order;
 * customers without a transaction in the window have no entry.
 *
 * @category Tables
 */
export interface RfmColumns {
  /** Customer numbers, ascending. */
  readonly customerIndex: Uint32Array;
  /** Repeat transactions (distinct merge periods minus one); with `includeFirst`, the distinct merge periods. */
  readonly frequency: Float64Array;
  /** First to last purchase, in the unit. */
  readonly recency: Float64Array;
  /** First purchase to the end of observation, in the unit. */
  readonly T: Float64Array;
  /** Mean value of the repeat transactions in major units, 0 without any; with `includeFirst`, of all of them. */
  readonly monetaryValue: Float64Array;
}

/** Empty summary columns for `size` customers. */
export function emptyRfmColumns(size: number): RfmColumns {
  return {
    customerIndex: new Uint32Array(size),
    frequency: new Float64Array(size),
    recency: new Float64Array(size),
    T: new Float64Array(size),
    monetaryValue: new Float64Array(size),
  };
}

/**
 * The per-customer RFM formula, the one every path (rows, columns, streaming, accumulators, calibration)
 * uses. A customer with `periods` distinct merge periods, the first starting at `firstStart` and the last at
 * `lastStart` (epoch ms), observed until the merge period starting at `endStart`, who spent `repeatMinor`
 * minor units in the periods after the first and `firstMinor` in the first, has frequency x = periods − 1,
 * recency t_x = (lastStart − firstStart) / unit, T = (endStart − firstStart) / unit and monetaryValue =
 * repeatMinor / x in major units (0 when x = 0). With `includeFirst` (lifetimes'
 * `include_first_transaction`), x = periods and monetaryValue = (firstMinor + repeatMinor) / x; recency and T
 * are the same. Writes entry `j` of `columns`, for customer `customer`.
 */
export function setRfmEntry(
  columns: RfmColumns,
  j: number,
  customer: number,
  periods: number,
  firstStart: number,
  lastStart: number,
  endStart: number,
  repeatMinor: number,
  firstMinor: number,
  units: { readonly unitMs: number; readonly scale: number; readonly includeFirst: boolean },
): void {
  const frequency = units.includeFirst ? periods : periods - 1;
  // both are whole numbers of minor units within 2^53 (the callers check the total), so the sum is exact
  const valueMinor = units.includeFirst ? firstMinor + repeatMinor : repeatMinor;
  const recency = (lastStart - firstStart) / units.unitMs;
  const T = (endStart - firstStart) / units.unitMs;
  columns.customerIndex[j] = customer;
  columns.frequency[j] = frequency;
  columns.recency[j] = recency === 0 ? 0 : recency;
  columns.T[j] = T === 0 ? 0 : T;
  columns.monetaryValue[j] = frequency === 0 ? 0 : valueMinor / frequency / units.scale;
}
