import { describe, expect, it } from 'vitest';
import { type ScoredBatch, scoreBatches, scoreCustomers } from '../../src/index';
import { codeOf } from '../helpers/errors';

const BG = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;

async function all(batches: AsyncIterable<ScoredBatch>): Promise<ScoredBatch[]> {
  const out: ScoredBatch[] = [];
  for await (const batch of batches) out.push(batch);
  return out;
}

describe('scoreBatches', () => {
  it('gives scoreCustomers numbers, batch by batch, under scoreSql column names', async () => {
    const rows = [
      { customer_id: 'a', frequency: 0, recency: 0, T: 38 },
      { customer_id: 'b', frequency: 2, recency: 30, T: 38 },
      { customer_id: 7n, frequency: 5n, recency: 20, T: 30 },
    ];
    const out = await all(scoreBatches(BG, [rows.slice(0, 2), rows.slice(2)], { horizon: 26 }));
    const reference = scoreCustomers(
      BG,
      { frequency: [0, 2, 5], recency: [0, 30, 20], T: [38, 38, 30] },
      { horizon: 26 },
    );
    expect(out.map((batch) => batch.rows.map((row) => row.customer_id))).toEqual([['a', 'b'], [7n]]);
    expect(out.flatMap((batch) => batch.rows.map((row) => row.probability_alive))).toEqual([
      ...reference.probabilityAlive,
    ]);
    expect(out.flatMap((batch) => batch.rows.map((row) => row.expected_purchases))).toEqual([
      ...reference.expectedPurchases,
    ]);
  });

  it('reads an async iterable one batch at a time (the next page is not asked for before its turn)', async () => {
    const asked: number[] = [];
    async function* pages() {
      for (let page = 0; page < 3; page++) {
        asked.push(page);
        yield [{ customer_id: page, frequency: 1, recency: 5, T: 10 }];
      }
    }
    const iterator = scoreBatches(BG, pages(), { horizon: 4 });
    await iterator.next();
    expect(asked).toEqual([0]);
    await iterator.next();
    expect(asked).toEqual([0, 1]);
  });

  it('records every rejected row with its position over all batches, a code and the field', async () => {
    const out = await all(
      scoreBatches(
        BG,
        [
          [{ customer_id: 'a', frequency: 1, recency: 2, T: 3 }, null],
          [
            { frequency: 1, recency: 2, T: 3 },
            { customer_id: 'c', frequency: 'one', recency: 2, T: 3 },
            { customer_id: 'd', frequency: 1, recency: 4, T: 3 },
            { customer_id: 'e', frequency: 1, T: 3 },
          ],
        ],
        { horizon: 4 },
      ),
    );
    expect(out[0]?.rows.length).toBe(1);
    expect(
      out.flatMap((batch) => batch.rejected.map(({ index, code, field }) => ({ index, code, field }))),
    ).toEqual([
      { index: 1, code: 'INVALID_FIELD', field: undefined },
      { index: 2, code: 'MISSING_FIELD', field: 'customer_id' },
      { index: 3, code: 'INVALID_FIELD', field: 'frequency' },
      { index: 4, code: 'INVALID_SUMMARY_ROW', field: undefined },
      { index: 5, code: 'MISSING_FIELD', field: 'recency' },
    ]);
  });

  it('reads the forms drivers give numbers in (digit and decimal strings, bigints); rejects an array row', async () => {
    const [batch] = await all(
      scoreBatches(
        BG,
        [
          [
            { customer_id: 'a', frequency: '2', recency: '10.5', T: 20n },
            ['b', 2, 10.5, 20],
            { customer_id: 'c', frequency: '2.', recency: '1e1', T: '20' },
            { customer_id: 'd', frequency: ' 2', recency: 10, T: 20 },
          ],
        ],
        { horizon: 4 },
      ),
    );
    const reference = scoreCustomers(
      BG,
      [
        { frequency: 2, recency: 10.5, T: 20 },
        { frequency: 2, recency: 10, T: 20 },
      ],
      { horizon: 4 },
    );
    expect(batch?.rows.map((row) => row.expected_purchases)).toEqual([...reference.expectedPurchases]);
    expect(batch?.rejected.map(({ index, code, field }) => ({ index, code, field }))).toEqual([
      { index: 1, code: 'INVALID_FIELD', field: undefined },
      { index: 3, code: 'INVALID_FIELD', field: 'frequency' },
    ]);
  });

  it('reads renamed columns', async () => {
    const [batch] = await all(
      scoreBatches(BG, [[{ id: 1, x: 0, tx: 0, age: 5 }]], {
        horizon: 4,
        columns: { customerId: 'id', frequency: 'x', recency: 'tx', T: 'age' },
      }),
    );
    expect(batch?.rows[0]?.probability_alive).toBe(1);
  });

  it('checks the fit, the options and the batches at the call, before reading any batch', () => {
    expect(
      codeOf(() =>
        scoreBatches({ model: 'bgBb', params: { alpha: 1, beta: 1, gamma: 1, delta: 1 } } as never, [], {
          horizon: 1,
        }),
      ),
    ).toBe('UNSUPPORTED_MODEL');
    expect(codeOf(() => scoreBatches(BG, [], { horizon: -1 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => scoreBatches(BG, [], { horizon: 1, horizn: 2 } as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => scoreBatches(BG, 5 as never, { horizon: 1 }))).toBe('INVALID_ARGUMENT');
  });

  it('refuses a batch that is not an array', async () => {
    await expect(all(scoreBatches(BG, [5 as never], { horizon: 1 }))).rejects.toMatchObject({
      code: 'INVALID_ROWS',
    });
  });
});
