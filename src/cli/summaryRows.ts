// The text of `patronage summary`'s rows, written on the main thread and, for the second half of a large
// table, on the worker that read a shard (shards.ts keeps one for it): one function, so both give the same
// bytes.

import type { ByteWriter } from './output';

/** Rows in output order: ids and the four summary numbers, entry k for row k. */
export interface SummaryRowBlock {
  readonly ids: readonly string[];
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly T: Float64Array;
  readonly monetaryValue: Float64Array;
}

const COMMA = 44;
const NEWLINE = 10;
const CLOSE_BRACE = 125;

/**
 * Writes rows `[0, count)` of `block` as CSV lines or as JSON objects (each after a comma unless it is the
 * table's first row, `firstRow === 0` for the block's row 0): the text `writeRows` gives for the same rows.
 */
export function writeSummaryRows(
  writer: ByteWriter,
  block: SummaryRowBlock,
  count: number,
  json: boolean,
  firstRow: number,
): void {
  const { ids, frequency, recency, T, monetaryValue } = block;
  for (let b = 0; b < count; b++) {
    const id = ids[b] as string;
    if (json) {
      writer.text(firstRow + b === 0 ? '{"customerId":' : ',{"customerId":');
      writer.text(JSON.stringify(id));
      writer.text(',"frequency":');
    } else {
      writer.cell(id);
      writer.byte(COMMA);
    }
    writer.number(frequency[b] as number);
    writer.text(json ? ',"recency":' : ',');
    writer.number(recency[b] as number);
    writer.text(json ? ',"T":' : ',');
    writer.number(T[b] as number);
    writer.text(json ? ',"monetaryValue":' : ',');
    writer.number(monetaryValue[b] as number);
    writer.byte(json ? CLOSE_BRACE : NEWLINE);
  }
}

/** A block of rows as a worker receives it: the ids joined, with each id's length. */
export interface SummaryRowJob {
  readonly joinedIds: string;
  readonly idLengths: Uint32Array;
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly T: Float64Array;
  readonly monetaryValue: Float64Array;
  readonly json: boolean;
  readonly firstRow: number;
}

/** In the worker: the bytes of a job's rows. */
export function summaryRowBytes(job: SummaryRowJob, writer: ByteWriter): Uint8Array {
  const count = job.idLengths.length;
  const ids: string[] = new Array(count);
  let start = 0;
  for (let k = 0; k < count; k++) {
    const end = start + (job.idLengths[k] as number);
    ids[k] = job.joinedIds.slice(start, end);
    start = end;
  }
  writeSummaryRows(writer, { ...job, ids }, count, job.json, job.firstRow);
  return writer.written();
}
