// Reading what a caller hands to a chart. Every value is read once into a local and the local is validated
// and used, so a getter that changes between reads, a Proxy or an Array subclass that overrides its
// iterator or `map` cannot make a chart draw one value and check another; lists are read by the library's
// requireList, which copies an array by index with a hole check, never through its own methods.

import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';

/** A string, already read into a local by the caller; anything else is `INVALID_ARGUMENT`. */
export function requireText(fn: string, name: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: ${name} must be a string, got ${describeValue(value)}`,
      { argument: name, value },
    );
  }
  return value;
}

/**
 * A fit read once: its `model` and a copy of its own enumerable `params`, so that a chart that calls a
 * prediction for every cell sees the same fit in every call. Whatever is not an object is passed on as it
 * is, for the prediction to reject with its own code.
 */
export function snapshotFit(fit: unknown): unknown {
  if (typeof fit !== 'object' || fit === null || Array.isArray(fit)) return fit;
  const record = fit as Readonly<Record<string, unknown>>;
  const model = record['model'];
  const params = record['params'];
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return { model, params };
  const copy: Record<string, unknown> = Object.create(null);
  const source = params as Readonly<Record<string, unknown>>;
  const names = Object.keys(source);
  for (let i = 0; i < names.length; i++) {
    const key = names[i] as string;
    copy[key] = source[key];
  }
  return { model, params: copy };
}
