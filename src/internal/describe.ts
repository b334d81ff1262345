import { dateTime } from './dates';

/** Renders any value for an error message: numbers as written (NaN, -Infinity), strings quoted. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
  if (typeof value === 'string') return value.length > 40 ? `"${value.slice(0, 37)}..."` : `"${value}"`;
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  const time = dateTime(value);
  if (time !== null) return Number.isNaN(time) ? 'an invalid Date' : new Date(time).toISOString();
  return `a ${typeof value}`;
}
