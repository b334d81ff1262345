// periodRetentionSql's definition of a customer's segment, for the tests that compare it with
// periodRetention's segmentOf: the smallest non-NULL segment on the customer's transactions up to the local
// day of observationEnd (all of them without one), null where every one is NULL. The segments the tests draw
// are lowercase ASCII words, which every engine's collation orders as JavaScript does.
import fc from 'fast-check';

export interface SegmentedRow {
  readonly customerId: string;
  readonly atMs: number;
  readonly cents: number;
  readonly segment: string | null;
}

const DAY = 86_400_000;

export function segmentOfRows(
  rows: readonly SegmentedRow[],
  options: { readonly utcOffsetMinutes?: number; readonly observationEnd?: number },
): (customerId: string | number) => string | null {
  const offset = (options.utcOffsetMinutes ?? 0) * 60_000;
  const day = (ms: number): number => Math.floor((ms + offset) / DAY);
  const endDay =
    options.observationEnd === undefined ? Number.POSITIVE_INFINITY : day(options.observationEnd);
  const smallest = new Map<string, string | null>();
  for (const row of rows) {
    if (day(row.atMs) > endDay) continue;
    const known = smallest.get(row.customerId) ?? null;
    if (row.segment !== null && (known === null || row.segment < known))
      smallest.set(row.customerId, row.segment);
    else if (!smallest.has(row.customerId)) smallest.set(row.customerId, null);
  }
  return (customerId) => smallest.get(String(customerId)) ?? null;
}

/** Customers a–g, each with a segment of its own (or none) that most of its transactions carry. */
export function segmentedTransactions(
  atMs: fc.Arbitrary<number>,
  maxLength = 60,
): fc.Arbitrary<SegmentedRow[]> {
  const word = fc.constantFrom('east', 'north', 'south', 'west');
  return fc
    .tuple(
      fc.array(fc.option(word, { nil: null }), { minLength: 7, maxLength: 7 }),
      fc.array(
        fc.record({
          customer: fc.integer({ min: 0, max: 6 }),
          atMs,
          cents: fc.integer({ min: 0, max: 50_000 }),
          // mostly the customer's own segment; sometimes another, or NULL, on one transaction
          own: fc.oneof(
            { weight: 4, arbitrary: fc.constant(true) },
            { weight: 1, arbitrary: fc.constant(false) },
          ),
          other: fc.option(word, { nil: null }),
        }),
        { minLength: 1, maxLength },
      ),
    )
    .map(([owned, drawn]) =>
      drawn.map((row) => ({
        customerId: 'abcdefg'[row.customer] as string,
        atMs: row.atMs,
        cents: row.cents,
        segment: row.own ? (owned[row.customer] ?? null) : row.other,
      })),
    );
}
