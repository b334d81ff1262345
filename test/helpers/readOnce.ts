/**
 * A copy of `base` whose `key` gives `first` on the first read and `then` on every later read: a caller's
 * value that changes between reads (a getter, a proxy). A function that reads each input once sees `first`.
 */
export function changingField<T extends object>(base: T, key: PropertyKey, first: unknown, then: unknown): T {
  let reads = 0;
  return Object.defineProperty(Array.isArray(base) ? ([...base] as T) : { ...base }, key, {
    get: () => (reads++ === 0 ? first : then),
    enumerable: true,
  });
}
