import type { RfmColumns } from '../../index';
import { openOutput } from '../output';
import { cliShardTesting } from '../shards';
import { type SummaryRowBlock, type SummaryRowJob, writeSummaryRows } from '../summaryRows';
import {
  type Command,
  FORMAT_OPTION,
  OUT_OPTION,
  outputFormat,
  summaryColumnsOf,
  THREADS_HELP,
  THREADS_OPTION,
} from './command';

/** Rows gathered in id order at a time. */
const BLOCK = 4096;
/** From this many rows, a worker kept from a sharded read writes the second half. */
const SPLIT_MIN = 1 << 16;

export const summary: Command = {
  name: 'summary',
  summary: 'per-customer RFM summary: frequency, recency, T, monetaryValue (lifetimes-compatible)',
  help: `patronage summary FILE [options]
  Prints one row per customer: customerId, frequency, recency, T, monetaryValue.
  --unit day|week|month      unit of recency and T (default day)
  --observation-end DATE     end of observation (default: the last transaction)
  --format csv|json          output format (default csv)
  --out FILE                 write to FILE instead of stdout
${THREADS_HELP}`,
  readsInput: true,
  options: {
    unit: { type: 'string' },
    'observation-end': { type: 'string' },
    ...FORMAT_OPTION,
    ...OUT_OPTION,
    ...THREADS_OPTION,
  },
  async run(context) {
    const format = outputFormat(context.values);
    const { columns, customerIds, byId, input } = await summaryColumnsOf(context, 'day', true);
    const { spare } = input;
    try {
      const output = openOutput(context.values, context.io);
      const json = format === 'json';
      output.text(json ? '[' : 'customerId,frequency,recency,T,monetaryValue\n');
      // a large table's second half is written by the worker kept from the read, beside this thread
      const splitMin = cliShardTesting.summarySplitRows ?? SPLIT_MIN;
      const split = spare !== null && byId.length >= splitMin ? byId.length >> 1 : byId.length;
      const secondHalf =
        split < byId.length && spare !== null
          ? spare.summaryRows(rowJob(columns, customerIds, byId, split, json))
          : null;
      secondHalf?.catch(() => undefined); // awaited below, unless the output fails first
      const block = rowBlock(BLOCK);
      for (let start = 0; start < split; start += BLOCK) {
        const size = Math.min(BLOCK, split - start);
        gather(columns, customerIds, byId, start, size, block);
        writeSummaryRows(output, block, size, json, start);
        if (output.full) await output.flush();
      }
      if (secondHalf !== null) output.raw(await secondHalf);
      if (json) output.text(']\n');
      await output.end();
    } finally {
      await spare?.close();
    }
  },
};

/** Empty block arrays for `size` rows. */
function rowBlock(size: number): SummaryRowBlock & { ids: string[] } {
  return {
    ids: new Array(size),
    frequency: new Float64Array(size),
    recency: new Float64Array(size),
    T: new Float64Array(size),
    monetaryValue: new Float64Array(size),
  };
}

/**
 * Rows `[start, start + size)` in id order into `block`: the entries are read in a loop of independent reads
 * (they lie far apart), before any is written.
 */
function gather(
  columns: RfmColumns,
  customerIds: readonly string[],
  byId: Uint32Array,
  start: number,
  size: number,
  block: SummaryRowBlock & { ids: string[] },
): void {
  const { customerIndex, frequency, recency, T, monetaryValue } = columns;
  for (let b = 0; b < size; b++) {
    const j = byId[start + b] as number;
    block.ids[b] = customerIds[customerIndex[j] as number] as string;
    block.frequency[b] = frequency[j] as number;
    block.recency[b] = recency[j] as number;
    block.T[b] = T[j] as number;
    block.monetaryValue[b] = monetaryValue[j] as number;
  }
}

/** The rows from `split` on, for the worker. */
function rowJob(
  columns: RfmColumns,
  customerIds: readonly string[],
  byId: Uint32Array,
  split: number,
  json: boolean,
): SummaryRowJob {
  const count = byId.length - split;
  const block = rowBlock(count);
  gather(columns, customerIds, byId, split, count, block);
  const idLengths = new Uint32Array(count);
  for (let b = 0; b < count; b++) idLengths[b] = (block.ids[b] as string).length;
  return {
    joinedIds: block.ids.join(''),
    idLengths,
    frequency: block.frequency,
    recency: block.recency,
    T: block.T,
    monetaryValue: block.monetaryValue,
    json,
    firstRow: split,
  };
}
