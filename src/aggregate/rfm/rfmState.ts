import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { MAX_MINOR } from '../../model/money';
import { emptyRfmColumns, type RfmColumns, setRfmEntry } from './rfmColumns';
import type { ResolvedRfmOptions } from './rfmOptions';

/**
 * The per-customer state of the RFM folds (`streamRfm`, `RfmStream`), side by side: customer c's first merge
 * period's key at `c * RFM_STRIDE`, then its last period's key, the number of distinct periods (0: no row),
 * the total and the first period's total in minor units.
 */
export const RFM_STRIDE = 5;

/**
 * The summary columns of a folded state of `customerCount` customers (those with no period have no entry),
 * observed until the period of `endKey`, or of `maxKey`, the largest key seen, without an `observationEnd`.
 * A customer's total beyond {@link MAX_MINOR} is `MONEY_PRECISION` naming the customer by `idOf`; without
 * `idOf` the result is `undefined` (the caller's general path reports it).
 */
export function rfmColumnsOfState(
  fn: string,
  state: Float64Array,
  customerCount: number,
  maxKey: number,
  endKey: number,
  resolved: ResolvedRfmOptions,
  idOf: ((customer: number) => string | number) | null,
): RfmColumns | undefined {
  let present = 0;
  for (let c = 0; c < customerCount; c++) if ((state[c * RFM_STRIDE + 2] as number) > 0) present++;
  const result = emptyRfmColumns(present);
  const { keyer } = resolved;
  const endStart = present > 0 ? keyer.startOf(resolved.endMs === undefined ? maxKey : endKey) : 0;
  let j = 0;
  for (let c = 0; c < customerCount; c++) {
    const base = c * RFM_STRIDE;
    const periods = state[base + 2] as number;
    if (periods <= 0) continue;
    // amounts are never negative, so the computed total passes MAX_MINOR exactly when the true one does
    if ((state[base + 3] as number) > MAX_MINOR) {
      if (idOf === null) return undefined;
      throw new PatronageError(
        'MONEY_PRECISION',
        `${fn}: the purchases of customer ${describeValue(idOf(c))} total beyond the exact range of minor units (${MAX_MINOR})`,
        { argument: 'transactions', customer: idOf(c) },
      );
    }
    setRfmEntry(
      result,
      j++,
      c,
      periods,
      keyer.startOf(state[base] as number),
      keyer.startOf(state[base + 1] as number),
      endStart,
      (state[base + 3] as number) - (state[base + 4] as number),
      state[base + 4] as number,
      resolved,
    );
  }
  return result;
}
