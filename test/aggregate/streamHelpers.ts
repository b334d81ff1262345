// Random transaction logs as columns, in any order, and a way to cut them into batches, for the property
// tests of the streaming tables (RfmStream, CohortStream, RetentionStream).
import fc from 'fast-check';
import type { StreamColumns } from '../../src/aggregate/shared/disorderedRows';

export const DAY = 86_400_000;
const START = Date.UTC(2023, 10, 1);

export interface Log {
  readonly customerIndex: Uint32Array;
  readonly at: Float64Array;
  readonly amount: Float64Array;
}

/** Up to 80 rows of 7 customers over 500 days, with same-day repeats, in a random order. */
export const log: fc.Arbitrary<Log> = fc
  .array(
    fc.record({
      customer: fc.integer({ min: 0, max: 6 }),
      day: fc.integer({ min: 0, max: 500 }),
      ms: fc.integer({ min: 0, max: DAY - 1 }),
      cents: fc.integer({ min: 0, max: 50_000 }),
      repeat: fc.boolean(),
    }),
    { maxLength: 80 },
  )
  .chain((rows) => {
    // same-day repeats: a second row on a drawn row's day
    const all = rows.flatMap((row) => (row.repeat ? [row, { ...row, ms: (row.ms * 7) % DAY }] : [row]));
    return fc.oneof(
      fc.constant(all), // as drawn
      fc.constant([...all].sort((a, b) => a.day - b.day || a.ms - b.ms)), // time order
      fc.constant([...all].sort((a, b) => b.day - a.day)), // reverse time order
      fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }), // any order
    );
  })
  .map((rows) => ({
    customerIndex: Uint32Array.from(rows, (row) => row.customer),
    at: Float64Array.from(rows, (row) => START + row.day * DAY + row.ms),
    amount: Float64Array.from(rows, (row) => row.cents / 100),
  }));

/** Cut points for batches (sizes 1-30). */
export const batchSizes: fc.Arbitrary<number[]> = fc.array(fc.integer({ min: 1, max: 30 }), {
  minLength: 1,
  maxLength: 10,
});

/** The log cut into batches of the given sizes (cycling), as a reader would give them. */
export function batchesOf(columns: Log, sizes: readonly number[]): StreamColumns[] {
  const batches: StreamColumns[] = [];
  let from = 0;
  let k = 0;
  while (from < columns.at.length) {
    const to = Math.min(columns.at.length, from + (sizes[k++ % sizes.length] as number));
    batches.push({
      customerIndex: columns.customerIndex.subarray(from, to),
      at: columns.at.subarray(from, to),
      amount: columns.amount.subarray(from, to),
    });
    from = to;
  }
  return batches;
}

/** Feeds a streaming table every batch, then again while it asks for a second pass. */
export function streamAll(
  table: {
    add(columns: StreamColumns): void;
    readonly needsReplay: boolean;
    replay(columns: StreamColumns): void;
  },
  batches: readonly StreamColumns[],
): void {
  for (const batch of batches) table.add(batch);
  if (table.needsReplay) for (const batch of batches) table.replay(batch);
}

/** An observation end drawn from the log's range, or none. */
export const observationEnd: fc.Arbitrary<number | undefined> = fc.option(
  fc.integer({ min: 0, max: 520 }).map((day) => START + day * DAY + DAY / 2),
  { nil: undefined },
);

/** A time zone option, or none (UTC). */
export const timeZone: fc.Arbitrary<{ timeZone?: string }> = fc.constantFrom(
  {},
  { timeZone: 'America/New_York' },
  { timeZone: 'Asia/Kolkata' },
);
