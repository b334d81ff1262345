// How the report writes numbers: money from integer minor units (exact, never a float sum), shares and
// counts for sentences.

/** A whole number of minor units as a decimal string in major units: 11327078 with 2 digits → "113270.78". */
export function formatMinor(minor: number, fractionDigits: number): string {
  const sign = minor < 0 ? '-' : '';
  const magnitude = Math.abs(Math.round(minor));
  if (fractionDigits === 0) return `${sign}${magnitude}`;
  const scale = 10 ** fractionDigits;
  const whole = Math.floor(magnitude / scale);
  const fraction = magnitude - whole * scale;
  return `${sign}${whole}.${String(fraction).padStart(fractionDigits, '0')}`;
}

/** Major units (a library result that came from whole minor units) back to minor units. */
export function minorOf(major: number, fractionDigits: number): number {
  return Math.round(major * 10 ** fractionDigits);
}

/** A share as a percentage with one decimal: 0.2961 → "29.6%". */
export function share(value: number): string {
  return `${(100 * value).toFixed(1)}%`;
}

/** A number rounded to `digits` decimals, as a number (for table cells). */
export function rounded(value: number, digits = 3): number {
  const factor = 10 ** digits;
  const result = Math.round(value * factor) / factor;
  return result === 0 ? 0 : result;
}

/** An ISO calendar day of epoch ms, in UTC. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `n` with a noun, singular for 1: (1, 'customer') → "1 customer". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
