// Reading one file on several threads: the file is cut into byte ranges at line starts, each range is read
// by a worker_threads worker, and the shards are merged in file order into exactly what one thread reads.
// A cut can fall inside a quoted field that holds a line break; the shard before it then ends with an open
// record, says where that record began, and the next shard is read again from there.

import { availableParallelism, cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import { PatronageError } from '../errors/PatronageError';

/** The header of a file read in shards: the mapped columns' positions and the number of fields. */
export interface ShardHeader {
  readonly positions: readonly [number, number, number];
  readonly fields: number;
}

/** How a shard's reader starts: at the start of the input (a byte-order mark may come), and the header. */
export interface ShardStart {
  readonly atStart: boolean;
  readonly header: ShardHeader | null;
}

/** What a worker reads: a byte range of a file, with the options (without functions) and the header. */
export interface ShardJob {
  readonly path: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly start: number;
  readonly end: number;
  readonly from: ShardStart;
}

/** The columns of a shard, customer numbers local to it. */
export interface ShardColumns {
  readonly customerIndex: Uint32Array;
  readonly at: Float64Array;
  readonly amount: Float64Array;
}

/**
 * What a worker gives back: its rows, its ids in order of first appearance, its rejected records (lines
 * counted from the shard's first line) with the rows and records read at each, and where its last complete
 * record ended (`cleanEnd`, before a quoted record still open at the range's end) after how many lines.
 */
export interface ShardResult<R> {
  readonly columns: ShardColumns;
  readonly ids: readonly string[];
  readonly rejected: readonly R[];
  readonly rejectedRows: readonly number[];
  readonly rejectedRecords: readonly number[];
  readonly records: number;
  readonly lines: number;
  readonly cleanEnd: number;
}

/** The merged read, as one thread gives it. */
export interface MergedRead<R> {
  readonly columns: ShardColumns;
  readonly customerIds: readonly string[];
  readonly records: number;
  readonly rejected: readonly R[];
  readonly stopped: boolean;
}

/** What the merge needs to know about the file and the caller. */
export interface ShardPlan<R> {
  readonly path: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly size: number;
  /** Where the first data line starts (after the header), and its line number less one. */
  readonly dataStart: number;
  readonly dataLine: number;
  readonly from: ShardStart;
  readonly workers: number;
  /** The range ends, at line starts (the last is the file's size). */
  readonly ends: readonly number[];
  readonly worker: URL | string;
  /** Reads the first shard on the calling thread, with its id table (the merge's dictionary). */
  readonly readHere: (job: ShardJob) => Promise<{ result: ShardResult<R>; intern: (id: string) => number }>;
  readonly onRejected: ((record: R) => boolean | undefined) | null;
  readonly onProgress: ((records: number) => void) | null;
  readonly relined: (record: R, line: number) => R;
}

/**
 * Test hooks: shards of about `shardBytes` (many tiny shards), the worker script to run, and file blocks of
 * `blockBytes` (0: the reader's own size) so that tests cross many block ends.
 */
export const shardTesting: { shardBytes: number; worker: URL | string | null; blockBytes: number } = {
  shardBytes: 0,
  worker: null,
  blockBytes: 0,
};

/** The number of workers of the `workers` option: a positive integer, or `'auto'` (the cores available). */
export function workersOf(fn: string, value: unknown): number {
  if (value === undefined) return 1;
  if (value === 'auto')
    return typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1) return value;
  throw new PatronageError(
    'INVALID_OPTION',
    `${fn}: workers must be a positive whole number or 'auto', got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`,
    { argument: 'workers', value },
  );
}

/**
 * Cuts `[dataStart, size)` into about `count` ranges (or ranges of about `shardBytes`), each cut moved to
 * the start of the next line; `read(offset, length)` gives bytes of the file. Returns the ranges' ends.
 */
export async function cutsOf(
  dataStart: number,
  size: number,
  count: number,
  read: (offset: number, length: number) => Promise<Uint8Array>,
): Promise<number[]> {
  const ends: number[] = [];
  let previous = dataStart;
  for (let k = 1; k < count; k++) {
    let cut = Math.max(previous, dataStart + Math.floor(((size - dataStart) * k) / count));
    // the line start at or after the nominal cut
    for (;;) {
      if (cut >= size) break;
      if (cut > 0) {
        const bytes = await read(cut - 1, Math.min(1 << 16, size - cut + 1));
        const newline = bytes.indexOf(10);
        if (newline < 0) {
          cut += bytes.length - 1;
          continue;
        }
        cut += newline;
      }
      break;
    }
    if (cut > previous && cut < size) {
      ends.push(cut);
      previous = cut;
    }
  }
  ends.push(size);
  return ends;
}

interface Pending<R> {
  resolve: (result: ShardResult<R>) => void;
  reject: (error: unknown) => void;
}

/** A few workers taking jobs in turn. */
class Pool<R> {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: { job: ShardJob; pending: Pending<R> }[] = [];
  private readonly busy = new Map<Worker, Pending<R>>();
  private failure: unknown = null;

  constructor(script: URL | string, count: number) {
    for (let k = 0; k < count; k++) {
      const worker = new Worker(script);
      worker.on('message', (message: { result?: ShardResult<R>; error?: SerialisedError }) => {
        const pending = this.busy.get(worker);
        this.busy.delete(worker);
        if (message.error !== undefined) pending?.reject(reviveError(message.error));
        else pending?.resolve(message.result as ShardResult<R>);
        this.next(worker);
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (this.busy.has(worker)) this.fail(new Error(`a reading worker stopped (exit ${code})`));
      });
      this.all.push(worker);
      this.idle.push(worker);
    }
  }

  run(job: ShardJob): Promise<ShardResult<R>> {
    return new Promise((resolve, reject) => {
      if (this.failure !== null) {
        reject(this.failure);
        return;
      }
      this.queue.push({ job, pending: { resolve, reject } });
      const worker = this.idle.pop();
      if (worker !== undefined) this.next(worker);
    });
  }

  private next(worker: Worker): void {
    const task = this.queue.shift();
    if (task === undefined) {
      this.idle.push(worker);
      return;
    }
    this.busy.set(worker, task.pending);
    worker.postMessage(task.job);
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    for (const pending of this.busy.values()) pending.reject(error);
    this.busy.clear();
    for (const task of this.queue.splice(0)) task.pending.reject(error);
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((worker) => worker.terminate()));
  }
}

/** An error as a worker sends it (a PatronageError keeps its code and details). */
export interface SerialisedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly details?: unknown;
}

export function serialiseError(error: unknown): SerialisedError {
  if (error instanceof PatronageError)
    return { name: error.name, message: error.message, code: error.code, details: error.details };
  return { name: 'Error', message: error instanceof Error ? error.message : String(error) };
}

/** The error a worker serialised, rebuilt on this side (a PatronageError keeps its code and details). */
export function reviveError(error: SerialisedError): Error {
  if (error.code !== undefined)
    return new PatronageError(
      error.code as ConstructorParameters<typeof PatronageError>[0],
      error.message,
      error.details as ConstructorParameters<typeof PatronageError>[2],
    );
  return new Error(error.message);
}

/**
 * Reads the ranges of `plan` in workers and merges them in file order: each shard must start where the one
 * before it ended its last complete record, or it is read again from there; rejected records get their
 * file lines and go to `onRejected` in file order (a `false` ends the read at that record, as on one
 * thread); ids are numbered in order of first appearance over the whole file.
 */
export async function readShards<R>(plan: ShardPlan<R>): Promise<MergedRead<R>> {
  // the calling thread reads the first shard while the workers read the others
  const pool = new Pool<R>(plan.worker, Math.max(1, Math.min(plan.workers - 1, plan.ends.length - 1)));
  try {
    // only a shard at the file's start may begin with a byte-order mark
    const inside: ShardStart = { ...plan.from, atStart: false };
    const jobOf = (start: number, end: number): ShardJob => ({
      path: plan.path,
      options: plan.options,
      start,
      end,
      from: start === 0 ? plan.from : inside,
    });
    const starts = [plan.dataStart, ...plan.ends.slice(0, -1)];
    const running: (Promise<ShardResult<R>> | null)[] = plan.ends.map((end, k) =>
      k === 0 ? null : pool.run(jobOf(starts[k] as number, end)),
    );
    for (const promise of running) promise?.catch(() => undefined); // awaited in order below
    const first = await plan.readHere(jobOf(plan.dataStart, plan.ends[0] as number));
    const merged = new Merged<R>(first.intern);
    const rejected: R[] = [];
    let expected = plan.dataStart;
    let line = plan.dataLine;
    let records = 0;
    let stopped = false;
    for (let k = 0; k < plan.ends.length && !stopped; k++) {
      let result = k === 0 ? first.result : await (running[k] as Promise<ShardResult<R>>);
      running[k] = null; // each shard goes once merged
      if (starts[k] !== expected) result = await pool.run(jobOf(expected, plan.ends[k] as number));
      let rows = result.columns.at.length;
      let shardRecords = result.records;
      for (let j = 0; j < result.rejected.length; j++) {
        const record = result.rejected[j] as R & { line: number };
        const placed = plan.relined(record, record.line + line);
        if (plan.onRejected === null) rejected.push(placed);
        else if (plan.onRejected(placed) === false) {
          stopped = true;
          rows = result.rejectedRows[j] as number;
          shardRecords = result.rejectedRecords[j] as number;
          break;
        }
      }
      merged.add(result, rows, k === 0);
      records += shardRecords;
      plan.onProgress?.(records);
      expected = result.cleanEnd;
      line += result.lines;
    }
    return { ...merged.take(first.result.ids), records, rejected, stopped };
  } finally {
    await pool.close();
  }
}

/**
 * The shards' rows in file order, each shard's customer numbers renumbered in the first shard's id table
 * (which numbers a new id after all it has, so the order stays that of first appearance).
 */
class Merged<R> {
  private readonly parts: { columns: ShardColumns; rows: number }[] = [];
  private total = 0;
  private firstUsed = 0;

  constructor(private readonly intern: (id: string) => number) {}

  add(result: ShardResult<R>, rows: number, first: boolean): void {
    const local = result.columns.customerIndex;
    const used = usedIds(local, rows);
    if (first) this.firstUsed = used;
    else {
      // renumber in place: the shard's columns are its own
      const global = new Uint32Array(used);
      for (let l = 0; l < used; l++) global[l] = this.intern(result.ids[l] as string);
      for (let i = 0; i < rows; i++) local[i] = global[local[i] as number] as number;
    }
    this.parts.push({ columns: result.columns, rows });
    this.total += rows;
  }

  take(firstIds: readonly string[]): { columns: ShardColumns; customerIds: string[] } {
    const { parts, total } = this;
    // the first shard's table holds every id merged; cut it when the read stopped in the first shard
    const customerIds = parts.length === 1 ? firstIds.slice(0, this.firstUsed) : [...firstIds];
    const only = parts[0];
    if (parts.length === 1 && only !== undefined && only.columns.at.length === only.rows)
      return { columns: only.columns, customerIds };
    const customerIndex = new Uint32Array(total);
    const at = new Float64Array(total);
    const amount = new Float64Array(total);
    let offset = 0;
    for (let k = 0; k < parts.length; k++) {
      const { columns, rows } = parts[k] as (typeof parts)[0];
      customerIndex.set(columns.customerIndex.subarray(0, rows), offset);
      at.set(columns.at.subarray(0, rows), offset);
      amount.set(columns.amount.subarray(0, rows), offset);
      offset += rows;
      (parts as unknown[])[k] = null; // let the shard's columns go as soon as they are copied
    }
    return { columns: { customerIndex, at, amount }, customerIds };
  }
}

/** How many of a shard's ids its first `rows` rows use (ids are numbered by first appearance). */
function usedIds(customerIndex: Uint32Array, rows: number): number {
  let most = -1;
  for (let i = 0; i < rows; i++) if ((customerIndex[i] as number) > most) most = customerIndex[i] as number;
  return most + 1;
}
