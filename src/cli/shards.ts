// A streamed command on both cores: a file above some size is cut into byte ranges at line starts
// (patronage/node's cutting, with its re-read when a cut falls inside a quoted field), each range is read
// by a worker thread that also folds its rows into the command's streaming table, and the tables come back
// as per-customer state (bytes a customer, never a row), merged here in file order by customer id into
// exactly what one thread gives. A table whose tallies depend on where each customer stood before the shard
// (cohorts, retention) has the worker fold its rows a second time from that standing, which the merge of
// the shards before it gives; customers whose rows the merge cannot join exactly go to the second pass
// over the file, as on one thread.

import { availableParallelism, cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ShardCells, ShardEnd, ShardStart } from '../aggregate/shared/shardState';
import type { ReadColumns, ReadTransactionsOptions, RejectedRecord } from '../node/index';
import { reviveError, type SerialisedError, type ShardJob } from '../node/readShards';
import { dataStartOf, fileCuts, openInput, Reader, readJobRange, settingsOf } from '../node/readTransactions';

/** The streaming tables a worker can build, by name. */
export type ShardKind = 'rfm' | 'cohort' | 'retention';

/** How a worker builds the command's table: its kind, its function name and its (plain) options. */
export interface ShardSpec {
  readonly kind: ShardKind;
  readonly fn: string;
  readonly options: Readonly<Record<string, unknown>>;
}

/** What the main thread's table does: folds the first shard's rows itself, and merges the others' tables. */
export interface ShardMerging {
  add(columns: ReadColumns): void;
  mergeShard(end: ShardEnd, global: Uint32Array, firstArrival: number, rows: number): ShardStart | null;
  addCells?(cells: ShardCells): void;
}

/** A message to a worker. */
export type ShardMessage =
  | {
      readonly type: 'read';
      readonly shard: number;
      readonly job: ShardJob;
      readonly spec: ShardSpec;
      readonly keep: boolean;
    }
  | { readonly type: 'fold'; readonly shard: number; readonly start: ShardStart }
  | { readonly type: 'drop'; readonly shard: number };

/** A worker's answer to `read`: the reader's account of the range and the table's state. */
export interface ShardRead {
  /** The shard's ids in order of first appearance: as UTF-8 bytes one after another, or as strings. */
  readonly ids: ShardIds;
  readonly rejected: readonly RejectedRecord[];
  /** Records read at each rejected record (for the progress line when the first bad row stops). */
  readonly rejectedRecords: readonly number[];
  readonly records: number;
  readonly rows: number;
  readonly lines: number;
  readonly cleanEnd: number;
  readonly end: ShardEnd;
  readonly cells: ShardCells | null;
}

/**
 * Test hooks: shards of about `shardBytes` (many tiny ones), the worker script, the size threshold, and the
 * count of shards sent to workers so far.
 */
export const cliShardTesting: {
  shardBytes: number;
  worker: URL | string | null;
  minBytes: number | null;
  sent: number;
} = { shardBytes: 0, worker: null, minBytes: null, sent: 0 };

/** Files smaller than this are read on one thread (a worker's start and the id merge cost more). */
export const SHARD_MIN_BYTES = 32 << 20;

/** The threads `--threads` allows by default: the cores available. */
export function defaultThreads(): number {
  return typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
}

/** What the sharded read gives: as streamInput's first pass on one thread. */
export interface ShardedRead {
  /** The ids (made strings when first asked for). */
  readonly customerIds: readonly string[];
  /** When every id is one prefix and digits: see `ByteIds.numberedIds`. */
  readonly numbered: NumberedCustomerIds | null;
  readonly records: number;
  readonly rows: number;
}

/** Customer ids that are one prefix and then digits, by their values (index = customer number). */
export interface NumberedCustomerIds {
  readonly prefix: string;
  /** The digits' number when fixed (leading zeros), else 0. */
  readonly width: number;
  readonly values: Int32Array;
}

/** The sharded read's account, its ids read from `reader` only when asked for. */
function shardedRead(reader: Reader, records: number, rows: number): ShardedRead {
  return {
    get customerIds() {
      return reader.customerIds;
    },
    numbered: reader.numberedIds(),
    records,
    rows,
  };
}

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** One worker; it answers its messages in order. */
class ShardWorker {
  private readonly worker: Worker;
  private readonly waiting: Waiting[] = [];
  private failure: unknown = null;

  constructor(script: URL | string) {
    this.worker = new Worker(script);
    this.worker.on('message', (message: { result?: unknown; error?: SerialisedError }) => {
      const waiting = this.waiting.shift();
      if (message.error !== undefined) waiting?.reject(reviveError(message.error));
      else waiting?.resolve(message.result);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`a reading worker stopped (exit ${code})`)));
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    for (const waiting of this.waiting.splice(0)) waiting.reject(this.failure);
  }

  ask<T>(message: ShardMessage): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.failure !== null) {
        reject(this.failure);
        return;
      }
      this.waiting.push({ resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage(message);
    });
  }

  tell(message: ShardMessage): void {
    if (this.failure === null) this.worker.postMessage(message);
  }

  async close(): Promise<void> {
    this.failure ??= new Error('closed');
    await this.worker.terminate();
  }
}

/**
 * Reads `path` in shards on `threads` workers into `table` (see the file's comment), calling `onRejected`
 * with every rejected record in file order (lines as one thread counts them; `false` stops at that record)
 * and `onProgress` after each shard. Null when the file is not read this way (small, stdin-like, a header
 * the cutting does not take): the caller reads it on one thread.
 */
export async function readInShards(
  path: string,
  options: ReadTransactionsOptions,
  spec: ShardSpec,
  table: ShardMerging,
  threads: number,
  onRejected: (record: RejectedRecord) => boolean,
  onProgress: ((records: number) => void) | undefined,
): Promise<ShardedRead | null> {
  const fn = 'readTransactionBatches';
  const tiny = cliShardTesting.shardBytes;
  if (threads < 2 && tiny === 0) return null;
  const settings = settingsOf(fn, path, options);
  const { handle, size } = await openInput(fn, path);
  let start: Awaited<ReturnType<typeof dataStartOf>>;
  let ends: number[];
  try {
    if (tiny === 0 && size < (cliShardTesting.minBytes ?? SHARD_MIN_BYTES)) return null;
    start = await dataStartOf(fn, settings, handle, size);
    if (start === null) return null;
    const count = tiny > 0 ? Math.ceil((size - start.offset) / tiny) : threads;
    ends = await fileCuts(handle, start.offset, size, count);
  } finally {
    await handle.close();
  }
  const from = start.from;
  const inside = { ...from, atStart: false };
  const jobOf = (begin: number, end: number): ShardJob => ({
    path,
    options: options as Readonly<Record<string, unknown>>,
    start: begin,
    end,
    from: begin === 0 ? from : inside,
  });
  const starts = [start.offset, ...ends.slice(0, -1)];
  const workerCount = Math.max(1, Math.min(tiny > 0 ? 2 : threads - 1, ends.length - 1));
  const script = cliShardTesting.worker ?? new URL('./cliWorker.js', import.meta.url);
  const workers = ends.length > 1 ? Array.from({ length: workerCount }, () => new ShardWorker(script)) : [];
  const workerOf = (shard: number): ShardWorker => workers[(shard - 1) % workerCount] as ShardWorker;
  // a shard keeps its rows for a second fold when its table's cells depend on where its customers stood
  const readOf = (shard: number, begin: number, end: number): Promise<ShardRead> => {
    cliShardTesting.sent++;
    return workerOf(shard).ask<ShardRead>({
      type: 'read',
      shard,
      job: jobOf(begin, end),
      spec,
      keep: spec.kind !== 'rfm',
    });
  };
  try {
    const pending: (Promise<ShardRead> | null)[] = ends.map((end, k) =>
      k === 0 ? null : readOf(k, starts[k] as number, end),
    );
    for (const promise of pending) promise?.catch(() => undefined); // awaited in order below
    // the first shard is read here, straight into the table; its reader's ids are the whole file's
    const here = await readHere(jobOf(start.offset, ends[0] as number), table);
    const folds: Promise<ShardCells>[] = [];
    let expected = start.offset;
    let line = start.line;
    let records = 0;
    let rows = 0;
    for (let k = 0; k < ends.length; k++) {
      let result = k === 0 ? here.result : await (pending[k] as Promise<ShardRead>);
      pending[k] = null;
      if (starts[k] !== expected) {
        // the cut fell inside a quoted record: read this shard again from where that record began
        result = await readOf(k, expected, ends[k] as number);
      }
      for (let j = 0; j < result.rejected.length; j++) {
        const record = result.rejected[j] as RejectedRecord;
        if (onRejected({ ...record, line: record.line + line }) === false) {
          onProgress?.(records + (result.rejectedRecords[j] as number));
          return shardedRead(here.reader, records + (result.rejectedRecords[j] as number), rows);
        }
      }
      if (k > 0) {
        const global = globalNumbers(here.reader, result.ids);
        const startState = table.mergeShard(result.end, global, rows, result.rows);
        // a shard's own tallies are the whole file's when none of its customers stood anywhere before it
        if (startState === null) {
          if (result.cells !== null) table.addCells?.(result.cells);
          workerOf(k).tell({ type: 'drop', shard: k });
        } else {
          const fold = workerOf(k).ask<ShardCells>({ type: 'fold', shard: k, start: startState });
          fold.catch(() => undefined); // awaited at the end, unless a bad row stops the read first
          folds.push(fold);
        }
      }
      records += result.records;
      rows += result.rows;
      onProgress?.(records);
      expected = result.cleanEnd;
      line += result.lines;
    }
    for (const cells of await Promise.all(folds)) table.addCells?.(cells);
    return shardedRead(here.reader, records, rows);
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
  }
}

/** What {@link readRange} read: the reader, the records it rejected, and how far it went. */
export interface RangeRead {
  readonly reader: Reader;
  readonly rejected: RejectedRecord[];
  readonly rows: number;
  readonly lines: number;
  readonly cleanEnd: number;
}

/** A shard's account for the merge: what {@link readRange} read, with the shard's ids, table state and cells. */
export function shardReadOf(
  read: RangeRead,
  ids: ShardIds,
  end: ShardEnd,
  cells: ShardCells | null,
): ShardRead {
  return {
    ids,
    rejected: read.rejected,
    rejectedRecords: (read.reader.rejectedAt as NonNullable<Reader['rejectedAt']>).records,
    records: read.reader.records,
    rows: read.rows,
    lines: read.lines,
    cleanEnd: read.cleanEnd,
    end,
    cells,
  };
}

/**
 * Reads bytes `[job.start, job.end)` with `reader`'s settings (no `onRejected`: rejected records are kept),
 * handing every full batch and the last to `fold`; returns the reader's account of the range. `kept`: the
 * caller keeps the batches (else each batch's columns are read into again once `fold` returns).
 */
export async function readRange(
  fn: string,
  job: ShardJob,
  options: Readonly<Record<string, unknown>>,
  fold: (columns: ReadColumns) => void,
  kept = false,
): Promise<RangeRead> {
  const rejected: RejectedRecord[] = [];
  let rows = 0;
  let reader: Reader | null = null;
  const take = (): void => {
    const batch = (reader as Reader).takeRows();
    for (const record of batch.rejected) rejected.push(record);
    if (batch.columns.at.length === 0) return;
    rows += batch.columns.at.length;
    fold(batch.columns);
    if (!kept) (reader as Reader).recycle(batch.columns);
  };
  // the reader tells its progress after every block: a full batch is folded then
  const settings = settingsOf(fn, job.path, {
    ...options,
    onProgress: () => {
      if ((reader as Reader).full) take();
    },
  });
  reader = new Reader(fn, settings, job.from);
  await readJobRange(fn, reader, job);
  const end = reader.end;
  take();
  return { reader, rejected, rows, lines: end.line, cleanEnd: end.offset ?? job.end };
}

/** The first shard, read on this thread into the main table. */
async function readHere(job: ShardJob, table: ShardMerging): Promise<{ result: ShardRead; reader: Reader }> {
  const read = await readRange('readTransactionBatches', job, job.options, (columns) => table.add(columns));
  const end = { state: new Int32Array(0), customers: 0, extent: [], since: new Float64Array(0) };
  return { result: shardReadOf(read, { strings: [] }, end, null), reader: read.reader };
}

/** A shard's ids: UTF-8 bytes with each id's end, or (an id with a lone surrogate has no bytes of its own) strings. */
export type ShardIds =
  | { readonly bytes: Uint8Array; readonly ends: Uint32Array }
  | { readonly strings: readonly string[] };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The ids of a shard as it sends them (in the worker, which has the time while the main thread reads):
 * numbered ids written from their values, other ids from their strings.
 */
export function shardIds(reader: Reader): ShardIds {
  const numbered = reader.numberedIdBytes();
  if (numbered !== null) return numbered;
  const ids = reader.customerIds;
  const joined = ids.join('');
  if (LONE_SURROGATE.test(joined)) return { strings: ids };
  const ends = new Uint32Array(ids.length);
  let end = 0;
  for (let l = 0; l < ids.length; l++) {
    end += Buffer.byteLength(ids[l] as string, 'utf8');
    ends[l] = end;
  }
  return { bytes: Buffer.from(joined, 'utf8'), ends };
}

/** The whole file's customer numbers of a shard's ids, numbering new ones after all it has. */
function globalNumbers(reader: Reader, ids: ShardIds): Uint32Array {
  if ('strings' in ids) return Uint32Array.from(ids.strings, (id) => reader.customerNumberOf(id));
  const { bytes, ends } = ids;
  const global = new Uint32Array(ends.length);
  let start = 0;
  for (let l = 0; l < ends.length; l++) {
    global[l] = reader.customerNumberOfBytes(bytes, start, ends[l] as number);
    start = ends[l] as number;
  }
  return global;
}
