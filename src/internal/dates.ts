/**
 * The time of a `Date` from any realm (an iframe, `node:vm`), or null for anything else: a brand check
 * (`Date.prototype.getTime` accepts only real Dates), not `instanceof`, which fails across realms and is
 * fooled by `Object.create(Date.prototype)`.
 */
export function dateTime(value: unknown): number | null {
  if (typeof value !== 'object' || value === null) return null;
  try {
    return Date.prototype.getTime.call(value as Date);
  } catch {
    return null;
  }
}
