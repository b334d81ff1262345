// The customer summary row: the (x, t_x, T) history that the RFM summaries produce and the models and the
// loyalty scores read, and its one validity rule, in a strict form (the models) and a lenient one (scores).

import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { requireCount, requireFinite, requireObject } from '../internal/validate';

/**
 * A customer's summary in continuous time, as {@link rfmSummary} gives it (x, t_x, T).
 *
 * @category CLV models
 */
export interface CustomerHistory {
  /** x: repeat purchases. */
  readonly frequency: number;
  /** t_x: time from the first to the last purchase (0 without repeat purchases), in the model's time unit. */
  readonly recency: number;
  /** Time from the first purchase to the end of observation, in the model's time unit. */
  readonly T: number;
  /**
   * Time-invariant covariates by name, for fits and predictions with covariates (see
   * `docs/model-covariates.md`); ignored by the others.
   */
  readonly covariates?: Readonly<Record<string, number>>;
}

/** The part both forms of the rule share: 0 ≤ t_x ≤ T < ∞ (false for anything that is not a number). */
function inWindow(tx: unknown, T: unknown): boolean {
  return (
    typeof tx === 'number' && typeof T === 'number' && tx >= 0 && tx <= T && T < Number.POSITIVE_INFINITY
  );
}

/**
 * The strict rule, for the models: x a whole number ≥ 0, 0 ≤ t_x ≤ T < ∞, and t_x > 0 exactly when
 * x > 0. Comparisons only, no names built, for the loops over millions of rows; where it says no,
 * {@link checkHistory} and the field checks say why.
 */
export function isHistory(x: unknown, tx: unknown, T: unknown): boolean {
  return (
    Number.isSafeInteger(x) &&
    (x as number) >= 0 &&
    inWindow(tx, T) &&
    (x === 0 ? tx === 0 : (tx as number) > 0)
  );
}

/**
 * The lenient rule, for the loyalty scores (which read rows users may have made themselves): frequency and
 * monetary value finite and ≥ 0, and 0 ≤ recency ≤ T < ∞. Comparisons only.
 */
export function isSummaryRow(
  frequency: unknown,
  recency: unknown,
  T: unknown,
  monetaryValue: unknown,
): boolean {
  return (
    typeof frequency === 'number' &&
    typeof monetaryValue === 'number' &&
    frequency >= 0 &&
    frequency < Number.POSITIVE_INFINITY &&
    monetaryValue >= 0 &&
    monetaryValue < Number.POSITIVE_INFINITY &&
    inWindow(recency, T)
  );
}

function historyError(fn: string, name: string, message: string, value: unknown): PatronageError {
  return new PatronageError('INVALID_SUMMARY_ROW', `${fn}: ${name}: ${message}`, { argument: name, value });
}

/** The consistency rules of a continuous-time history, as errors that say which one fails. */
export function checkHistory(fn: string, name: string, x: number, tx: number, T: number): void {
  if (tx < 0) throw historyError(fn, name, `recency (${describeValue(tx)}) must be at least 0`, tx);
  if (tx > T)
    throw historyError(fn, name, `recency (${describeValue(tx)}) exceeds T (${describeValue(T)})`, tx);
  if (x > 0 && tx === 0) throw historyError(fn, name, `frequency (${x}) is above 0 but recency is 0`, tx);
  if (x === 0 && tx !== 0)
    throw historyError(fn, name, `recency (${describeValue(tx)}) must be 0 when frequency is 0`, tx);
}

/** A continuous-time history (x, t_x, T) read from a record and checked by the strict rule. */
export function requireHistory(
  fn: string,
  name: string,
  customer: unknown,
): { x: number; tx: number; T: number } {
  const record = requireObject(fn, name, customer);
  const x = requireCount(fn, `${name}.frequency`, record['frequency']);
  const tx = requireFinite(fn, `${name}.recency`, record['recency']);
  const T = requireFinite(fn, `${name}.T`, record['T']);
  checkHistory(fn, name, x, tx, T);
  return { x, tx, T };
}
