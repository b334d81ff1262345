import { PatronageError } from '../errors/PatronageError';
import { requireAtLeast } from '../internal/validate';

/**
 * Validates a days option such as `withinDays`: a finite number of days in [0, maximum] (fractions
 * allowed); OUT_OF_RANGE otherwise. Shared by the loyalty functions that look some days ahead.
 */
export function requireDays(fn: string, name: string, value: unknown, maximum: number): number {
  const days = requireAtLeast(fn, name, value, 0);
  if (days > maximum) {
    throw new PatronageError('OUT_OF_RANGE', `${fn}: ${name} (${days}) must be at most ${maximum}`, {
      argument: name,
      value: days,
      maximum,
    });
  }
  return days;
}
