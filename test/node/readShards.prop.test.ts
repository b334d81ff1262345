import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ReadTransactionsOptions, type RejectedRecord, readTransactions } from '../../src/node/index';
import { shardTesting } from '../../src/node/readShards';
import { useBuiltWorker } from '../helpers/readWorker';

const dir = mkdtempSync(join(tmpdir(), 'patronage-shards-'));
let files = 0;

function fileOf(bytes: Uint8Array): string {
  const path = join(dir, `log${files++}.csv`);
  writeFileSync(path, bytes);
  return path;
}

async function readBoth(path: string, options: ReadTransactionsOptions, workers: number, shardBytes: number) {
  shardTesting.shardBytes = 0;
  const one = await readTransactions(path, options);
  shardTesting.shardBytes = shardBytes;
  const many = await readTransactions(path, { ...options, workers });
  shardTesting.shardBytes = 0;
  return { one, many };
}

const plain = (table: Awaited<ReturnType<typeof readTransactions>>) => ({
  customerIndex: Array.from(table.columns.customerIndex),
  at: Array.from(table.columns.at),
  amount: Array.from(table.columns.amount),
  customerIds: table.customerIds,
  records: table.records,
  rejected: table.rejected,
  stopped: table.stopped,
});

// lines of a small CSV: good rows, bad rows, quoted fields with line breaks and doubled quotes, a stray
// quote, blank lines, CRLF endings
const field = fc.oneof(
  fc.constantFrom('ann', 'bo', 'c1', ' cy ', '', '\uFEFFann'),
  fc.constantFrom('"ann"', '"a,b"', '"two\nlines"', '"say ""hi"""', '"open', '"x\r\ny"'),
);
const time = fc.constantFrom(
  '2024-01-02',
  '2024-01-02T10:30:00Z',
  '2024-13-01',
  '1700000000',
  'x',
  '"2024-02-03"',
);
const amount = fc.constantFrom('10', '10.50', '0.5', '19.999', '-1', '', '1e2', '"7"');
const row = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(field, time, amount).map((fields) => fields.join(',')) },
  { weight: 1, arbitrary: fc.constantFrom('', 'a,b', 'only', 'a,2024-01-01,1,extra', '"') },
);
const csv = fc.record({
  bom: fc.boolean(),
  crlf: fc.boolean(),
  rows: fc.array(row, { maxLength: 40 }),
  end: fc.boolean(),
});

function bytesOf(
  value: { bom: boolean; crlf: boolean; rows: string[]; end: boolean },
  header: string | null,
) {
  const newline = value.crlf ? '\r\n' : '\n';
  const lines = header === null ? value.rows : [header, ...value.rows];
  const text = `${value.bom ? '\uFEFF' : ''}${lines.join(newline)}${value.end ? newline : ''}`;
  return new TextEncoder().encode(text);
}

describe('readTransactions with workers', () => {
  beforeAll(useBuiltWorker);
  afterEach(() => {
    shardTesting.shardBytes = 0;
  });

  it('workers 2 to 4 over shards of any size give exactly the one-thread result', async () => {
    await fc.assert(
      fc.asyncProperty(
        csv,
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 1, max: 64 }),
        async (value, workers, shardBytes) => {
          const path = fileOf(bytesOf(value, 'customerId,at,amount'));
          const { one, many } = await readBoth(path, { name: 'log.csv' }, workers, shardBytes);
          expect(plain(many)).toEqual(plain(one));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('workers give the one-thread result without a header, with epoch times', async () => {
    await fc.assert(
      fc.asyncProperty(csv, fc.integer({ min: 1, max: 48 }), async (value, shardBytes) => {
        const path = fileOf(bytesOf(value, null));
        const options = { header: false, customer: 1, at: 2, amount: 3, epoch: 's' } as const;
        const { one, many } = await readBoth(path, options, 3, shardBytes);
        expect(plain(many)).toEqual(plain(one));
      }),
      { numRuns: 40 },
    );
  });

  it('onRejected sees the same records in the same order, and false stops at the same record', async () => {
    await fc.assert(
      fc.asyncProperty(
        csv,
        fc.integer({ min: 1, max: 48 }),
        fc.integer({ min: 1, max: 4 }),
        async (value, shardBytes, stopAt) => {
          const path = fileOf(bytesOf(value, 'customerId,at,amount'));
          const seen: RejectedRecord[][] = [[], []];
          const options = (k: number): ReadTransactionsOptions => ({
            onRejected: (record) => {
              (seen[k] as RejectedRecord[]).push(record);
              return (seen[k] as RejectedRecord[]).length < stopAt;
            },
          });
          shardTesting.shardBytes = 0;
          const one = await readTransactions(path, options(0));
          shardTesting.shardBytes = shardBytes;
          const many = await readTransactions(path, { ...options(1), workers: 2 });
          shardTesting.shardBytes = 0;
          expect(seen[1]).toEqual(seen[0]);
          expect(plain(many)).toEqual(plain(one));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('readTransactions of a file, block by block', () => {
  afterEach(() => {
    shardTesting.blockBytes = 0;
  });

  it('gives the same table whatever the block size (quoted records and lines across block ends)', async () => {
    await fc.assert(
      fc.asyncProperty(
        csv,
        fc.integer({ min: 1, max: 64 }),
        fc.boolean(),
        async (value, blockBytes, header) => {
          const path = fileOf(bytesOf(value, header ? 'customerId,at,amount' : null));
          const options: ReadTransactionsOptions = header
            ? {}
            : { header: false, customer: 1, at: 2, amount: 3, epoch: 's' };
          shardTesting.blockBytes = 0;
          const whole = await readTransactions(path, options);
          shardTesting.blockBytes = blockBytes;
          const blocks = await readTransactions(path, options);
          shardTesting.blockBytes = 0;
          expect(plain(blocks)).toEqual(plain(whole));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('stops at the record onRejected returns false for, also when the file is read in small blocks', async () => {
    const rows = Array.from({ length: 200 }, (_, k) => (k % 50 === 49 ? 'x,bad,1' : `c${k},2024-01-02,${k}`));
    const path = fileOf(new TextEncoder().encode(`customerId,at,amount\n${rows.join('\n')}\n`));
    shardTesting.blockBytes = 97;
    const seen: number[] = [];
    const table = await readTransactions(path, {
      onRejected: (record) => {
        seen.push(record.line);
        return false;
      },
    });
    expect(seen).toEqual([51]);
    expect(table.stopped).toBe(true);
    expect(table.columns.at.length).toBeLessThan(200);
  });
});
