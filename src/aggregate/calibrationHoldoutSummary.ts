import { PatronageError } from '../errors/PatronageError';
import { optionalObject, optionKeys } from '../internal/validate';
import type { TimestampInput } from '../model/timestamp';
import { toEpochMsIn } from '../model/timestamp';
import type { Transaction } from '../model/transaction';
import { emptyRfmColumns, setRfmEntry } from './rfm/rfmColumns';
import { RFM_WINDOW_OPTION_KEYS, type RfmOptions, resolveRfmOptions } from './rfm/rfmOptions';
import type { RfmRow } from './rfm/rfmSummary';
import { groupByCustomer } from './shared/groupByCustomer';
import { densify, endKeyOf } from './shared/prepareColumns';
import { prepareTransactions } from './shared/prepareTransactions';

/**
 * Options of {@link calibrationHoldoutSummary}: those of {@link rfmSummary}, where `observationEnd` ends
 * the holdout period, plus the end of calibration. `includeFirst` is not among them: a calibration summary
 * feeds the customer-base models, which count repeat transactions only (as lifetimes'
 * `calibration_and_holdout_data`, which has no such option).
 *
 * @category Tables
 */
export interface CalibrationHoldoutOptions extends Omit<RfmOptions, 'includeFirst'> {
  /** Last moment of the calibration period (its merge period included). Required. */
  readonly calibrationEnd: TimestampInput;
}

const CALIBRATION_HOLDOUT_OPTION_KEYS = /* @__PURE__ */ optionKeys<CalibrationHoldoutOptions>()(
  ['calibrationEnd'],
  [RFM_WINDOW_OPTION_KEYS],
);

/**
 * A customer's calibration summary with what happened in the holdout period, as lifetimes'
 * `calibration_and_holdout_data` gives it.
 *
 * @category Tables
 */
export interface CalibrationHoldoutRow extends RfmRow {
  /** Transactions (merge periods) in the holdout period. */
  readonly frequencyHoldout: number;
  /** Mean value of the holdout transactions, major units; 0 without any. */
  readonly monetaryValueHoldout: number;
  /** Length of the holdout period in the unit. */
  readonly durationHoldout: number;
}

/**
 * RFM summary for a calibration period plus each customer's holdout purchases: the data for fitting a
 * model on the calibration period and checking it on the holdout (docs/formulas.md §2; the CDNOW split uses
 * calibration to 1997-09-30 and holdout to 1998-06-30, in weeks).
 *
 * Calibration values are those {@link rfmSummary} gives with `observationEnd: calibrationEnd`. Only
 * customers whose first purchase falls in the calibration period are included. Holdout transactions are
 * those after the calibration end's merge period, up to `observationEnd` (default: the last transaction).
 *
 * @param transactions - `{ customerId, at, amount, eventId? }` rows
 * @param options - `calibrationEnd` (required), `observationEnd`, and the options of {@link rfmSummary}
 * @returns one row per calibration customer, sorted by customer id
 * @throws PatronageError as {@link rfmSummary}, plus `INVALID_ARGUMENT` when `calibrationEnd` is missing
 *   and `OUT_OF_RANGE` when `observationEnd` is before `calibrationEnd`.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { calibrationHoldoutSummary } from 'patronage';
 *
 * calibrationHoldoutSummary(
 *   [
 *     { customerId: 1, at: '2024-01-01', amount: 10 },
 *     { customerId: 1, at: '2024-01-08', amount: 20 },
 *     { customerId: 1, at: '2024-01-22', amount: 40 },
 *     { customerId: 2, at: '2024-01-20', amount: 5 },
 *   ],
 *   { unit: 'week', calibrationEnd: '2024-01-15', observationEnd: '2024-01-29' },
 * );
 * // => [{ customerId: '1', frequency: 1, recency: 1, T: 2, monetaryValue: 20, frequencyHoldout: 1, monetaryValueHoldout: 40, durationHoldout: 2 }]
 * ```
 *
 * @category Tables
 */
export function calibrationHoldoutSummary(
  transactions: Iterable<Transaction>,
  options: CalibrationHoldoutOptions,
): CalibrationHoldoutRow[] {
  const fn = 'calibrationHoldoutSummary';
  const record = optionalObject(fn, 'options', options, CALIBRATION_HOLDOUT_OPTION_KEYS);
  if (record['calibrationEnd'] === undefined) {
    throw new PatronageError('INVALID_ARGUMENT', `${fn}: options.calibrationEnd is required`, {
      argument: 'calibrationEnd',
      value: undefined,
    });
  }
  const calibrationEndMs = toEpochMsIn(fn, 'calibrationEnd', record['calibrationEnd']);
  const resolved = resolveRfmOptions(fn, record, CALIBRATION_HOLDOUT_OPTION_KEYS);
  const prepared = prepareTransactions(fn, transactions, resolved);
  const holdoutEndKey = endKeyOf(resolved, prepared.maxKey);
  const calibrationEndKey = resolved.keyer.keyOf(calibrationEndMs);
  if (holdoutEndKey < calibrationEndKey) {
    throw new PatronageError('OUT_OF_RANGE', `${fn}: observationEnd is before calibrationEnd`, {
      argument: 'observationEnd',
      value: resolved.endMs,
    });
  }
  const rows = prepared.keys.length;
  const keep = new Uint8Array(rows);
  for (let row = 0; row < rows; row++) keep[row] = (prepared.keys[row] as number) <= holdoutEndKey ? 1 : 0;
  const { dense, customerCount } = densify(prepared.customerIndex, prepared.customerCount);
  const grouped = groupByCustomer(customerCount, dense, prepared.keys, prepared.minor, keep);
  const { keyer, unitMs, scale } = resolved;
  const calibrationEndStart = keyer.startOf(calibrationEndKey);
  const durationHoldout = (keyer.startOf(holdoutEndKey) - calibrationEndStart) / unitMs;
  const calibration = emptyRfmColumns(1); // each customer's calibration summary, by the one RFM formula
  const result: CalibrationHoldoutRow[] = [];
  for (let c = 0; c < customerCount; c++) {
    const from = grouped.offsets[c] as number;
    const to = grouped.offsets[c + 1] as number;
    let split = from;
    while (split < to && (grouped.keys[split] as number) <= calibrationEndKey) split++;
    if (split === from) continue; // first purchase after calibration: not a calibration customer
    let repeatMinor = 0;
    for (let index = from + 1; index < split; index++) repeatMinor += grouped.minor[index] as number;
    setRfmEntry(
      calibration,
      0,
      c,
      split - from,
      keyer.startOf(grouped.keys[from] as number),
      keyer.startOf(grouped.keys[split - 1] as number),
      calibrationEndStart,
      repeatMinor,
      grouped.minor[from] as number,
      resolved,
    );
    let holdoutTotal = 0;
    for (let index = split; index < to; index++) holdoutTotal += grouped.minor[index] as number;
    const frequencyHoldout = to - split;
    result.push({
      customerId: prepared.customerIds[c] as string,
      frequency: calibration.frequency[0] as number,
      recency: calibration.recency[0] as number,
      T: calibration.T[0] as number,
      monetaryValue: calibration.monetaryValue[0] as number,
      frequencyHoldout,
      monetaryValueHoldout: frequencyHoldout === 0 ? 0 : holdoutTotal / frequencyHoldout / scale,
      durationHoldout: durationHoldout === 0 ? 0 : durationHoldout,
    });
  }
  return result;
}
