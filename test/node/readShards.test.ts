import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readTransactionBatches, readTransactions } from '../../src/node/index';
import { shardTesting } from '../../src/node/readShards';
import { asyncCodeOf } from '../helpers/errors';
import { useBuiltWorker } from '../helpers/readWorker';

// every worker the reader starts, to check that each has stopped when the read is over
const live = vi.hoisted(() => new Set<object>());
vi.mock('node:worker_threads', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:worker_threads')>();
  class CountedWorker extends original.Worker {
    constructor(...args: ConstructorParameters<typeof original.Worker>) {
      super(...args);
      live.add(this);
      this.on('exit', () => live.delete(this));
    }
  }
  return { ...original, Worker: CountedWorker };
});

const dir = mkdtempSync(join(tmpdir(), 'patronage-shards-'));
let files = 0;
function fileOf(text: string): string {
  const path = join(dir, `log${files++}.csv`);
  writeFileSync(path, text);
  return path;
}

async function allStopped(): Promise<number> {
  for (let k = 0; k < 100 && live.size > 0; k++) await new Promise((resolve) => setTimeout(resolve, 10));
  return live.size;
}

describe('readTransactions({ workers })', () => {
  beforeAll(useBuiltWorker);
  afterEach(() => {
    shardTesting.shardBytes = 0;
  });

  it('rejects anything but a positive whole number or auto as INVALID_OPTION', async () => {
    const path = fileOf('customerId,at,amount\nann,2024-01-02,10\n');
    for (const workers of [0, -1, 1.5, Number.NaN, '2', null, true])
      expect(await asyncCodeOf(() => readTransactions(path, { workers } as never))).toBe('INVALID_OPTION');
    // a stream or the batches read on one thread, but the option is checked all the same
    expect(await asyncCodeOf(() => readTransactions(['customerId,at\n'], { workers: 0 }))).toBe(
      'INVALID_OPTION',
    );
    const batches = readTransactionBatches(path, { workers: -2 });
    expect(await asyncCodeOf(() => batches.next())).toBe('INVALID_OPTION');
  });

  it('reads a file on two threads as on one, with auto as well', async () => {
    const lines = Array.from(
      { length: 2000 },
      (_, k) => `c${k % 37},2024-01-${String(1 + (k % 28)).padStart(2, '0')},${k % 90}.25`,
    );
    const path = fileOf(`customerId,at,amount\n${lines.join('\n')}\n`);
    const one = await readTransactions(path);
    for (const workers of [2, 'auto'] as const) {
      const many = await readTransactions(path, { workers });
      expect(many.customerIds).toEqual(one.customerIds);
      expect(Array.from(many.columns.customerIndex)).toEqual(Array.from(one.columns.customerIndex));
      expect(Array.from(many.columns.at)).toEqual(Array.from(one.columns.at));
      expect(Array.from(many.columns.amount)).toEqual(Array.from(one.columns.amount));
      expect(many.records).toBe(2000);
    }
  });

  it('reads a quoted line break that a cut falls inside as one record, at the right line', async () => {
    const text = 'customerId,at,amount\nann,2024-01-02,1\n"b\no\nb",2024-01-03,2\nann,2024-01-04,x\n';
    const path = fileOf(text);
    for (let shardBytes = 1; shardBytes < text.length; shardBytes++) {
      shardTesting.shardBytes = shardBytes;
      const table = await readTransactions(path, { name: 'log.csv' });
      expect(table.customerIds).toEqual(['ann', 'b\no\nb']);
      expect(table.rejected.map((record) => [record.line, record.field, record.code])).toEqual([
        [6, 'amount', 'INVALID_FIELD'],
      ]);
    }
  }, 120_000);

  it('gives the header errors of one thread', async () => {
    const path = fileOf('customer,at,amount\nann,2024-01-02,1\n');
    expect(await asyncCodeOf(() => readTransactions(path, { workers: 2 }))).toBe('MISSING_FIELD');
    expect(await asyncCodeOf(() => readTransactions(join(dir, 'none.csv'), { workers: 2 }))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('stops every worker when onRejected returns false or throws', async () => {
    const path = fileOf(`customerId,at,amount\n${'ann,2024-01-02,x\n'.repeat(200)}`);
    shardTesting.shardBytes = 256;
    const stopped = await readTransactions(path, { workers: 3, onRejected: () => false });
    expect([stopped.stopped, stopped.records]).toEqual([true, 1]);
    expect(await allStopped()).toBe(0);
    const thrown = await readTransactions(path, {
      workers: 3,
      onRejected: () => {
        throw new Error('enough');
      },
    }).catch((error: Error) => error.message);
    expect(thrown).toBe('enough');
    expect(await allStopped()).toBe(0);
  });

  it('stops every worker when a worker fails', async () => {
    const path = fileOf('customerId,at,amount\nann,2024-01-02,1\nbo,2024-01-03,2\n');
    shardTesting.shardBytes = 8;
    const script = shardTesting.worker;
    const broken = join(dir, 'broken.mjs');
    writeFileSync(broken, 'throw new Error("no worker here");\n');
    shardTesting.worker = broken;
    const failed = await readTransactions(path, { workers: 2 }).catch((error: Error) => error.message);
    shardTesting.worker = script;
    expect(failed).toMatch(/no worker here|reading worker/);
    expect(await allStopped()).toBe(0);
  });
});
