import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { optionalObject, optionKeys, requireList } from '../internal/validate';

/**
 * How money amounts are read. patronage takes amounts in **major units** (dollars, euros, dong) as plain
 * numbers, because that is what order systems export, and computes every total in **integer minor units**
 * (cents), so totals of cent amounts are exact: `0.1 + 0.2` sums to `0.3`, not `0.30000000000000004`.
 *
 * @category Money
 */
export interface MoneyOptions {
  /**
   * Digits after the decimal point of the currency's minor unit: 2 (USD, EUR, the default), 0 (JPY, VND,
   * KRW), 3 (KWD, BHD). An amount with more digits than this is rejected with `MONEY_PRECISION`,
   * never rounded silently.
   */
  readonly fractionDigits?: number;
}

/** Largest magnitude of a total in minor units that stays exact in a double. */
export const MAX_MINOR: number = Number.MAX_SAFE_INTEGER;

/** 10^fractionDigits for a currency's minor unit, after checking fractionDigits is a whole number 0-6. */
export function scaleOfFractionDigits(fn: string, fractionDigits: unknown): number {
  if (
    typeof fractionDigits !== 'number' ||
    !Number.isInteger(fractionDigits) ||
    fractionDigits < 0 ||
    fractionDigits > 6
  ) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${fn}: fractionDigits must be a whole number from 0 to 6, got ${describeValue(fractionDigits)}`,
      { argument: 'fractionDigits', value: fractionDigits },
    );
  }
  return 10 ** fractionDigits;
}

const MONEY_OPTION_KEYS = /* @__PURE__ */ optionKeys<MoneyOptions>()(['fractionDigits']);

function scaleOf(fn: string, options: unknown): number {
  return scaleOfFractionDigits(
    fn,
    optionalObject(fn, 'options', options, MONEY_OPTION_KEYS)['fractionDigits'] ?? 2,
  );
}

/**
 * The one exactness rule of money: `amount × scale` must be a whole number of minor units, allowing only
 * the representation error of a decimal typed as a double (19.99 is stored as 19.989999999999998…, which
 * passes; 19.995 is a genuine fraction of a cent, which does not), and the result must stay within the
 * exact range of a double. Returns the minor units, or NaN when the amount breaks the rule. Arithmetic and
 * comparisons only, for the loops over millions of rows; {@link minorUnitsIn} says why an amount fails.
 * `amount` is a finite number (callers check that first); `scale` is 10^fractionDigits.
 */
export function exactMinorUnits(amount: number, scale: number): number {
  const scaled = amount * scale;
  const minor = Math.round(scaled);
  return Math.abs(scaled - minor) <= 1e-6 + Math.abs(scaled) * 4 * Number.EPSILON &&
    Math.abs(minor) <= MAX_MINOR
    ? minor
    : Number.NaN;
}

/** Converts one amount to integer minor units, rejecting sub-minor precision and unsafe magnitudes. */
export function minorUnitsIn(fn: string, name: string, amount: unknown, scale: number): number {
  if (typeof amount !== 'number') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: ${name} must be a number, got ${describeValue(amount)}`,
      {
        argument: name,
        value: amount,
      },
    );
  }
  if (!Number.isFinite(amount)) {
    throw new PatronageError('NOT_FINITE', `${fn}: ${name} must be finite, got ${describeValue(amount)}`, {
      argument: name,
      value: amount,
    });
  }
  const minor = exactMinorUnits(amount, scale);
  if (Number.isNaN(minor)) {
    if (Math.abs(Math.round(amount * scale)) > MAX_MINOR) {
      throw new PatronageError(
        'MONEY_PRECISION',
        `${fn}: ${name} (${describeValue(amount)}) is too large to total exactly in minor units`,
        { argument: name, value: amount },
      );
    }
    throw new PatronageError(
      'MONEY_PRECISION',
      `${fn}: ${name} (${describeValue(amount)}) has more decimals than the currency's ${Math.log10(scale)}`,
      { argument: name, value: amount, fractionDigits: Math.log10(scale) },
    );
  }
  return minor === 0 ? 0 : minor;
}

/**
 * Converts an amount in major units to integer minor units (`12.34` → `1234`).
 *
 * @param amount - the amount in major units; may be negative (an adjustment)
 * @param options - `fractionDigits` of the currency, default 2
 * @returns the amount in minor units, an exact integer
 * @throws PatronageError `INVALID_ARGUMENT` (not a number), `NOT_FINITE`, `MONEY_PRECISION` (more decimals
 *   than the currency has, or beyond ±9,007,199,254,740,991 minor units), `OUT_OF_RANGE` (fractionDigits).
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { toMinorUnits } from 'patronage';
 *
 * toMinorUnits(19.99); // => 1999
 * toMinorUnits(25000, { fractionDigits: 0 }); // => 25000
 * toMinorUnits(19.995); // => throws MONEY_PRECISION
 * ```
 *
 * @category Money
 */
export function toMinorUnits(amount: number, options?: MoneyOptions): number {
  return minorUnitsIn('toMinorUnits', 'amount', amount, scaleOf('toMinorUnits', options));
}

/**
 * Converts integer minor units back to major units (`1234` → `12.34`), the nearest double to the exact
 * decimal value.
 *
 * @param minorUnits - a safe integer
 * @param options - `fractionDigits` of the currency, default 2
 * @returns the amount in major units
 * @throws PatronageError `INVALID_ARGUMENT`, `NOT_FINITE`, `NOT_AN_INTEGER`, `OUT_OF_RANGE`.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { fromMinorUnits } from 'patronage';
 *
 * fromMinorUnits(1999); // => 19.99
 * fromMinorUnits(-5); // => -0.05
 * ```
 *
 * @category Money
 */
export function fromMinorUnits(minorUnits: number, options?: MoneyOptions): number {
  const fn = 'fromMinorUnits';
  const scale = scaleOf(fn, options);
  if (typeof minorUnits !== 'number') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: minorUnits must be a number, got ${describeValue(minorUnits)}`,
      {
        argument: 'minorUnits',
        value: minorUnits,
      },
    );
  }
  if (!Number.isFinite(minorUnits)) {
    throw new PatronageError(
      'NOT_FINITE',
      `${fn}: minorUnits must be finite, got ${describeValue(minorUnits)}`,
      {
        argument: 'minorUnits',
        value: minorUnits,
      },
    );
  }
  if (!Number.isSafeInteger(minorUnits)) {
    throw new PatronageError(
      'NOT_AN_INTEGER',
      `${fn}: minorUnits must be a safe whole number, got ${describeValue(minorUnits)}`,
      { argument: 'minorUnits', value: minorUnits },
    );
  }
  const major = minorUnits / scale;
  return major === 0 ? 0 : major;
}

/**
 * The exact total of money amounts, summed in integer minor units and returned in major units.
 *
 * @param amounts - amounts in major units (an array or any iterable); negatives allowed
 * @param options - `fractionDigits` of the currency, default 2
 * @returns the total in major units; `0` for no amounts
 * @throws PatronageError `INVALID_ARGUMENT` (not a list, or an entry not a number), `NOT_FINITE`,
 *   `MONEY_PRECISION` (an amount with sub-minor-unit decimals, or a total beyond the exact range),
 *   `OUT_OF_RANGE` (fractionDigits).
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { sumMoney } from 'patronage';
 *
 * sumMoney([0.1, 0.2]); // => 0.3
 * sumMoney([19.99, 5.01, -2.5]); // => 22.5
 * sumMoney([]); // => 0
 * ```
 *
 * @category Money
 */
export function sumMoney(amounts: Iterable<number>, options?: MoneyOptions): number {
  const fn = 'sumMoney';
  const scale = scaleOf(fn, options);
  const list = requireList(fn, 'amounts', amounts);
  let total = 0;
  for (let index = 0; index < list.length; index++) {
    total += minorUnitsIn(fn, `amounts[${index}]`, list[index], scale);
    if (Math.abs(total) > MAX_MINOR) {
      throw new PatronageError('MONEY_PRECISION', `${fn}: the total exceeds the exact range of minor units`, {
        argument: 'amounts',
        index,
      });
    }
  }
  const major = total / scale;
  return major === 0 ? 0 : major;
}
