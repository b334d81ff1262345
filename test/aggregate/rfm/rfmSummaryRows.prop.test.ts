import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RFM_OPTION_KEYS, resolveRfmOptions } from '../../../src/aggregate/rfm/rfmOptions';
import { foldRfm, rfmOfRows, rfmRows } from '../../../src/aggregate/rfm/rfmSummary';
import { prepareTransactions, readTransactionRows } from '../../../src/aggregate/shared/prepareTransactions';
import { type RfmOptions, rfmSummary, type Transaction } from '../../../src/index';

const DAY = 86_400_000;
// from before the leap day of 2024 to after the autumn DST change, so local days cross both
const START = Date.UTC(2024, 1, 20);
const SPAN = 260 * DAY;
const fn = 'rfmSummary';

/** The grouped path alone (what rfmSummary gave before the one-pass fold): rows, or the error it throws. */
function grouped(rows: readonly unknown[], options: RfmOptions): unknown {
  try {
    const resolved = resolveRfmOptions(fn, options, RFM_OPTION_KEYS);
    return rfmRows(fn, prepareTransactions(fn, rows, resolved), resolved);
  } catch (error) {
    return describeError(error);
  }
}

function describeError(error: unknown): unknown {
  const { code, message, details } = error as { code: unknown; message: unknown; details: unknown };
  return { code, message, details };
}

/** The fold alone over the read rows (undefined: it hands over to the grouped path). */
function folded(rows: readonly unknown[], options: RfmOptions): ReturnType<typeof foldRfm> {
  const resolved = resolveRfmOptions(fn, options, RFM_OPTION_KEYS);
  return foldRfm(fn, readTransactionRows(fn, rows, resolved), resolved);
}

function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return describeError(error);
  }
}

/** A time in one of the forms callers hold: epoch ms, a Date, ISO strings of every shape. */
function timeOf(at: number, form: number): unknown {
  const iso = new Date(at).toISOString();
  switch (form) {
    case 0:
      return at;
    case 1:
      return new Date(at);
    case 2:
      return `${iso.slice(0, 19)}Z`; // to the second (the export's shape)
    case 3:
      return iso; // with milliseconds
    case 4: {
      // the same instant with an offset of -05:00 or +09:30 (its local date may differ from the UTC one)
      const offset = at % 2 === 0 ? -5 * 60 : 9 * 60 + 30;
      const local = new Date(at + offset * 60_000).toISOString().slice(0, 23);
      const sign = offset < 0 ? '-' : '+';
      const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
      return `${local}${sign}${hours}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
    }
    case 5:
      return iso.slice(0, 10); // a date: midnight UTC
    case 6:
      return `${iso.slice(0, 19)}`; // no zone: UTC
    default:
      return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`; // a space instead of T (the exact path)
  }
}

const customerId = fc.oneof(
  fc.integer({ min: 0, max: 8 }),
  fc.constantFrom(
    2 ** 32,
    -3,
    2 ** 40,
    'ann',
    'bao',
    'c12',
    'a-customer-with-a-long-id',
    'Müller',
    '顧客',
    '7',
  ),
);

const row = fc.record({
  customerId,
  at: fc.integer({ min: START, max: START + SPAN }),
  form: fc.nat(7),
  amount: fc.integer({ min: 0, max: 50_000 }).map((cents) => cents / 100),
  eventId: fc.option(fc.constantFrom('e1', 'e2', 'e3'), { freq: 4 }),
});

type Row = { customerId: string | number; at: number; form: number; amount: number; eventId: string | null };

const options: fc.Arbitrary<RfmOptions> = fc.record(
  {
    unit: fc.constantFrom('day', 'week'),
    mergeWithin: fc.constantFrom('day', 'week', 'month'),
    observationEnd: fc.integer({ min: START, max: START + SPAN }),
    timeZone: fc.constantFrom('America/New_York', 'Europe/Berlin', 'UTC'),
  },
  { requiredKeys: ['unit', 'mergeWithin'] },
) as fc.Arbitrary<RfmOptions>;

function materialise(rows: readonly Row[]): unknown[] {
  return rows.map(({ customerId: id, at, form, amount, eventId }) => ({
    customerId: id,
    at: timeOf(at, form),
    amount,
    ...(eventId === null ? {} : { eventId }),
  }));
}

/** A few kinds of bad row, each rejected by the row rules. */
const badRow = fc.constantFrom<unknown>(
  null,
  'a string',
  { customerId: 'x', at: 'yesterday', amount: 1 },
  { customerId: 'x', at: '2024-02-30', amount: 1 },
  { customerId: 'x', at: START, amount: -1 },
  { customerId: 'x', at: START, amount: 0.001 },
  { customerId: '', at: START, amount: 1 },
  { customerId: 1.5, at: START, amount: 1 },
  { customerId: 'x', at: '2024-03-01T10:00:00Z', amount: Number.NaN },
);

describe('rfmSummary from rows: the one-pass fold', () => {
  it('gives exactly what the grouped path gives, or throws its error, in any row order', () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 80 }),
        fc.constantFrom('as given', 'by time', 'by time, reversed'),
        options,
        fc.option(fc.tuple(fc.nat(80), badRow), { freq: 4 }),
        (generated, order, chosen, bad) => {
          const ordered =
            order === 'as given'
              ? generated
              : [...generated].sort((a, b) => (order === 'by time' ? a.at - b.at : b.at - a.at));
          const rows = materialise(ordered);
          if (bad !== null) rows.splice(Math.min(bad[0], rows.length), 0, bad[1]);
          const expected = grouped(rows, chosen);
          expect(outcome(() => rfmSummary(rows as Transaction[], chosen))).toEqual(expected);
          expect(outcome(() => rfmOfRows(fn, rows, resolveRfmOptions(fn, chosen, RFM_OPTION_KEYS)))).toEqual(
            expected,
          );
          const fold = outcome(() => folded(rows, chosen));
          if (fold !== undefined) expect(fold).toEqual(expected); // undefined: it handed over
        },
      ),
      { numRuns: 400 },
    );
  });

  it('folds time-ordered logs in one pass (it does not hand them to the grouped path)', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 80 }), options, fc.boolean(), (generated, chosen, reverse) => {
        const sorted = [...generated].sort((a, b) => (reverse ? b.at - a.at : a.at - b.at));
        const rows = materialise(sorted);
        const expected = grouped(rows, chosen);
        if (!Array.isArray(expected)) return; // 7 and '7' in one log: AMBIGUOUS_CUSTOMER_ID, checked above
        expect(folded(rows, chosen)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('crosses blocks and the growth of its tables: 20,000 rows of 3,000 customers', () => {
    let seed = 12345;
    const next = (): number => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed / 2 ** 32;
    };
    const generated: Row[] = Array.from({ length: 20_000 }, () => ({
      customerId: next() < 0.5 ? `c${Math.floor(next() * 3000)}` : Math.floor(next() * 3000),
      at: START + Math.floor(next() * SPAN),
      form: Math.floor(next() * 8),
      amount: Math.floor(next() * 100_000) / 100,
      eventId: null,
    }));
    generated.sort((a, b) => a.at - b.at);
    const rows = materialise(generated);
    for (const chosen of [{ unit: 'week' }, { mergeWithin: 'month', timeZone: 'Europe/Berlin' }] as const) {
      const fold = folded(rows, chosen);
      expect(fold).toBeDefined();
      expect(fold).toEqual(grouped(rows, chosen));
      expect(fold?.length).toBeGreaterThan(5000);
    }
  });

  it('numbers customers seen only after the end of observation without losing the later ones in it', () => {
    // in reverse time order, 3,000 customers seen only after observationEnd come first, then the rows in
    // the window: their customers' numbers start far beyond the first table
    const late = Array.from({ length: 3000 }, (_, n) => ({
      customerId: `late${n}`,
      at: START + 200 * DAY,
      amount: 1,
    }));
    const early = Array.from({ length: 3000 }, (_, n) => ({
      customerId: `c${n}`,
      at: START + (n % 90) * DAY,
      amount: (n % 7) + 0.5,
    }));
    const rows = [...late, ...early.reverse()];
    const chosen = { observationEnd: START + 100 * DAY } as const;
    const fold = folded(rows, chosen);
    expect(fold).toBeDefined();
    expect(fold).toEqual(grouped(rows, chosen));
    expect(fold?.length).toBe(3000);
  });

  it('names the customer whose total passes the exact range of minor units, as the grouped path does', () => {
    const rows = [
      { customerId: 'b', at: START, amount: 2 ** 52 / 100 },
      { customerId: 'a', at: START, amount: 1 },
      { customerId: 'b', at: START + DAY, amount: 2 ** 52 / 100 },
      { customerId: 'c', at: START + DAY, amount: 2 ** 52 / 100 },
      { customerId: 'c', at: START + 2 * DAY, amount: 2 ** 52 / 100 },
    ];
    const expected = grouped(rows, {});
    expect(expected).toMatchObject({ code: 'MONEY_PRECISION', details: { customer: 'b' } });
    expect(outcome(() => rfmOfRows(fn, rows, resolveRfmOptions(fn, {}, RFM_OPTION_KEYS)))).toEqual(expected);
  });

  it('throws AMBIGUOUS_CUSTOMER_ID for 7 and "7", as the grouped path does', () => {
    const rows = [
      { customerId: 7, at: START, amount: 1 },
      { customerId: '7', at: START + DAY, amount: 1 },
    ];
    const expected = grouped(rows, {});
    expect(expected).toMatchObject({ code: 'AMBIGUOUS_CUSTOMER_ID' });
    expect(outcome(() => rfmOfRows(fn, rows, resolveRfmOptions(fn, {}, RFM_OPTION_KEYS)))).toEqual(expected);
  });

  it('leaves nothing of one call in the next (the working buffers are reused): large, as many rows, small', () => {
    const log = (customers: number, rowsEach: number, shift: number): Transaction[] =>
      Array.from({ length: customers * rowsEach }, (_, row) => ({
        customerId: `c${(row * 7 + shift) % customers}`,
        at: START + (Math.floor(row / customers) + shift) * DAY,
        amount: ((row + shift) % 50) + 0.25,
      }));
    // the second log has as many rows as the first, so its records lie where the first's did, and later days
    const logs = [log(3000, 6, 0), log(2000, 9, 30), log(40, 3, 45), log(3000, 6, 0)];
    const expected = logs.map((rows) => grouped(rows, { unit: 'week' }));
    expect(logs.map((rows) => rfmSummary(rows, { unit: 'week' }))).toEqual(expected);
  });
});
