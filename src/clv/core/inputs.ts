// Validation of discrete-time histories, bounded counts and results, for the fits and the predictions.
// Internal.

import { PatronageError } from '../../errors/PatronageError';
import { requireAtLeast, requireCount, requireObject } from '../../internal/validate';
import { requireHistory } from '../../model/customerSummary';
import type { TimeAxis } from './types';

/** The most transaction opportunities a BG/BB history may have (its likelihood sums over them). */
export const MAX_OPPORTUNITIES = 100_000;

function historyError(fn: string, name: string, message: string, value: unknown): PatronageError {
  return new PatronageError('INVALID_SUMMARY_ROW', `${fn}: ${name}: ${message}`, { argument: name, value });
}

/** A discrete-time (BG/BB) history (x, t_x, n). */
export function requireDiscreteHistory(
  fn: string,
  name: string,
  customer: unknown,
): { x: number; tx: number; n: number } {
  const record = requireObject(fn, name, customer);
  const x = requireCount(fn, `${name}.frequency`, record['frequency']);
  const tx = requireCount(fn, `${name}.recency`, record['recency']);
  const n = requireCount(fn, `${name}.periods`, record['periods']);
  checkDiscreteHistory(fn, name, x, tx, n);
  return { x, tx, n };
}

/**
 * A customer's history on a model's time axis, as (x, t_x, T): `{ frequency, recency, T }` in continuous
 * time, `{ frequency, recency, periods }` (T = n opportunities) in discrete time.
 */
export function requireCustomer(
  fn: string,
  name: string,
  customer: unknown,
  time: TimeAxis,
): { x: number; tx: number; T: number } {
  if (time === 'continuous') return requireHistory(fn, name, customer);
  const { x, tx, n } = requireDiscreteHistory(fn, name, customer);
  return { x, tx, T: n };
}

/** A window or horizon on a model's time axis: a time ≥ 0, or a whole number of opportunities. */
export function requireDuration(fn: string, name: string, value: unknown, time: TimeAxis): number {
  return time === 'continuous' ? requireAtLeast(fn, name, value, 0) : requireCount(fn, name, value);
}

/** A whole number up to `maximum` (counts that a prediction loops over). */
export function requireBoundedCount(fn: string, name: string, value: unknown, maximum: number): number {
  const count = requireCount(fn, name, value);
  if (count > maximum) {
    throw new PatronageError('OUT_OF_RANGE', `${fn}: ${name} (${count}) must be at most ${maximum}`, {
      argument: name,
      value: count,
      maximum,
    });
  }
  return count;
}

/** The consistency rules of a discrete-time (BG/BB) history. */
export function checkDiscreteHistory(fn: string, name: string, x: number, tx: number, n: number): void {
  if (n > MAX_OPPORTUNITIES) throw historyError(fn, name, `periods (${n}) exceeds ${MAX_OPPORTUNITIES}`, n);
  if (tx > n) throw historyError(fn, name, `recency (${tx}) exceeds periods (${n})`, tx);
  if (x > tx) throw historyError(fn, name, `frequency (${x}) exceeds recency (${tx})`, x);
  if (x > 0 !== tx > 0) {
    throw historyError(fn, name, `recency (${tx}) must be 0 exactly when frequency (${x}) is 0`, tx);
  }
}

/** A finite result, or NOT_FINITE naming what overflowed (never NaN out of the library). */
export function finiteResult(fn: string, what: string, value: number): number {
  if (!Number.isFinite(value)) {
    throw new PatronageError(
      'NOT_FINITE',
      `${fn}: ${what} cannot be computed in floating point for these values`,
      {
        argument: what,
        value,
      },
    );
  }
  return value === 0 ? 0 : value;
}

/** `value` when it is a finite number, else null (a criterion that overflows a double is not reported). */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
