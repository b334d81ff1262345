import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AccumulatorJSON,
  createCohortAccumulator,
  createPeriodAccumulator,
  createRfmAccumulator,
  type Transaction,
} from '../../../src/index';
import { codeOf } from '../../helpers/errors';

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

/** What the three accumulators have in common, for one law over all of them. */
interface Accumulator {
  add(transaction: Transaction): Accumulator;
  addAll(transactions: Iterable<Transaction>): Accumulator;
  merge(other: Accumulator | AccumulatorJSON): Accumulator;
  result(): unknown;
  toJSON(): AccumulatorJSON;
}

const kinds: [string, () => Accumulator][] = [
  ['RFM', () => createRfmAccumulator({ unit: 'week' }) as unknown as Accumulator],
  ['cohort', () => createCohortAccumulator({ period: 'week' }) as unknown as Accumulator],
  ['period', () => createPeriodAccumulator({ period: 'week', activeWithin: 14 }) as unknown as Accumulator],
];

// eventIds are drawn from a small pool so that repeats (which count once) and conflicts both happen
const transaction: fc.Arbitrary<Transaction> = fc
  .record({
    customerId: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constantFrom('ann', 'bao')),
    at: fc.integer({ min: START, max: START + 60 * DAY }),
    amount: fc.integer({ min: 0, max: 20_000 }).map((cents) => cents / 100),
    eventId: fc.option(fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5'), { nil: undefined }),
  })
  .map(({ eventId, ...rest }) => (eventId === undefined ? rest : { ...rest, eventId }));

/** A log whose identified transactions are consistent (one content per eventId): a valid history. */
function consistent(transactions: readonly Transaction[]): Transaction[] {
  const byId = new Map<string, Transaction>();
  return transactions.map((row) => {
    if (row.eventId === undefined) return row;
    const seen = byId.get(row.eventId);
    if (seen !== undefined) return seen;
    byId.set(row.eventId, row);
    return row;
  });
}

const history = fc.array(transaction, { maxLength: 25 }).map(consistent);
const batchAndPoison = fc.record({
  // fresh eventIds in the batch, so only the poison row conflicts with the history
  batch: fc
    .array(transaction, { maxLength: 15 })
    .map((rows) =>
      consistent(
        rows.map((row) => (row.eventId === undefined ? row : { ...row, eventId: `b-${row.eventId}` })),
      ),
    ),
  position: fc.nat(),
  poison: fc.constantFrom('negative amount', 'missing customer', 'bad timestamp', 'conflicting eventId'),
});

/** A row that makes the call throw: invalid, or a different transaction under an eventId of `past`. */
function poisonRow(kind: string, past: readonly Transaction[]): unknown {
  if (kind === 'negative amount') return { customerId: 1, at: START, amount: -1 };
  if (kind === 'missing customer') return { at: START, amount: 1 };
  if (kind === 'bad timestamp') return { customerId: 1, at: 'not a date', amount: 1 };
  const earlier = past.find((row) => row.eventId !== undefined) as Transaction;
  return { ...earlier, amount: earlier.amount + 0.01 };
}

const built = (make: () => Accumulator, ...logs: readonly Transaction[][]): Accumulator => {
  const accumulator = make();
  for (const log of logs) accumulator.addAll(log);
  return accumulator;
};
const view = (accumulator: Accumulator) => ({ json: accumulator.toJSON(), result: accumulator.result() });

describe.each(kinds)('%s accumulator: a call that throws changes nothing', (_name, make) => {
  it('a throwing addAll leaves toJSON() and result() as they were; the fixed retry equals one pass', () => {
    fc.assert(
      fc.property(history, batchAndPoison, (past, { batch, position, poison }) => {
        // a conflict needs an identified transaction in the history; without one, poison with a bad row
        const kind =
          poison === 'conflicting eventId' && !past.some((row) => row.eventId) ? 'negative amount' : poison;
        const at = position % (batch.length + 1);
        const bad = [...batch.slice(0, at), poisonRow(kind, past), ...batch.slice(at)];
        const accumulator = built(make, past);
        const before = view(accumulator);
        const code = codeOf(() => accumulator.addAll(bad as Transaction[]));
        expect(code).toBeDefined();
        expect(code).not.toMatch(/^not a PatronageError/);
        expect(view(accumulator)).toEqual(before);
        accumulator.addAll(batch);
        expect(view(accumulator)).toEqual(view(built(make, past, batch)));
      }),
      { numRuns: 100 },
    );
  });

  it('a merge that throws CONFLICTING_EVENT_ID leaves toJSON() and result() as they were; the fixed retry equals one pass', () => {
    fc.assert(
      fc.property(history, batchAndPoison, (past, { batch }) => {
        const identified = past.find((row) => row.eventId !== undefined);
        fc.pre(identified !== undefined);
        const conflicting = {
          ...(identified as Transaction),
          amount: (identified as Transaction).amount + 0.01,
        };
        const accumulator = built(make, past);
        const before = view(accumulator);
        // the other shard's customers come first in its state, the conflicting eventId after them
        const other = built(make, batch).add(conflicting);
        expect(codeOf(() => accumulator.merge(other))).toBe('CONFLICTING_EVENT_ID');
        expect(view(accumulator)).toEqual(before);
        expect(codeOf(() => accumulator.merge(other.toJSON()))).toBe('CONFLICTING_EVENT_ID');
        expect(view(accumulator)).toEqual(before);
        accumulator.merge(built(make, batch));
        expect(view(accumulator)).toEqual(view(built(make, past, batch)));
      }),
      { numRuns: 100 },
    );
  });
});

describe.each(kinds)(
  '%s accumulator: the options of a state in any key order (issue 18, item 3)',
  (_name, make) => {
    it('a state written by another tool with its options keys in another order revives and merges as the original', () => {
      fc.assert(
        fc.property(history, fc.double({ min: 0, max: 1, noNaN: true }), (log, seed) => {
          const left = log.slice(0, log.length >> 1);
          const right = log.slice(log.length >> 1);
          const state = make().addAll(left).toJSON();
          // the same options, keys in a shuffled order (as an engine or a hand-written state may list them)
          const keys = Object.keys(state.options);
          const shuffled = keys
            .map((key, i) => [key, Math.sin(seed * 1e4 + i)] as const)
            .sort((a, b) => a[1] - b[1])
            .map(([key]) => key);
          const reordered = {
            ...state,
            options: Object.fromEntries(shuffled.map((key) => [key, state.options[key as never]])),
          };
          const other = make().addAll(right);
          const viaOriginal = make().merge(state).merge(other);
          const viaReordered = make()
            .merge(JSON.parse(JSON.stringify(reordered)))
            .merge(other);
          expect(viaReordered.result()).toEqual(viaOriginal.result());
          expect(JSON.stringify(viaReordered.toJSON())).toBe(JSON.stringify(viaOriginal.toJSON()));
        }),
        { numRuns: 50 },
      );
    });
  },
);
