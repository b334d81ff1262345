import { expect } from 'vitest';

/**
 * The one relative tolerance of the test suite: results computed along different floating-point paths
 * (for example churn directly versus 1 − retention) agree to 12 significant digits.
 */
export const RELATIVE_EPSILON = 1e-12;

/** Whether two numbers agree to RELATIVE_EPSILON, relative to the larger magnitude (exact at 0). */
export function closeTo(actual: number, expected: number, epsilon = RELATIVE_EPSILON): boolean {
  if (actual === expected) return true;
  return Math.abs(actual - expected) <= epsilon * Math.max(Math.abs(actual), Math.abs(expected));
}

/** Asserts relative closeness, with both numbers in the failure message. */
export function expectClose(actual: number, expected: number, epsilon = RELATIVE_EPSILON): void {
  expect(closeTo(actual, expected, epsilon), `${actual} ≉ ${expected} (relative ${epsilon})`).toBe(true);
}

/** Every number anywhere inside `value` (objects, arrays, Maps, Sets) is finite. */
export function isDeepFinite(value: unknown, seen: Set<unknown> = new Set()): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || value === null || seen.has(value)) return true;
  seen.add(value);
  if (value instanceof Map) return [...value.entries()].every((entry) => isDeepFinite(entry, seen));
  if (value instanceof Set) return [...value].every((entry) => isDeepFinite(entry, seen));
  return Object.values(value).every((entry) => isDeepFinite(entry, seen));
}

/** Freezes a value and everything inside it, so a mutation attempt throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const entry of Object.values(value)) deepFreeze(entry);
  }
  return value;
}
