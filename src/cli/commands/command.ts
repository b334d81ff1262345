// What a command is: its name, one line for the overview, its help, the options it takes and what it does.

import { RfmStream } from '../../aggregate/rfm/RfmStream';
import {
  fitBgNbd,
  fitGammaGamma,
  fitMbgNbd,
  fitParetoNbd,
  type ModelFit,
  type RfmColumns,
  type RfmRow,
} from '../../index';
import { keyedOrder, numberedIds, numberedKeys, stringOrder } from '../../internal/stringOrder';
import { ComputationError } from '../errors';
import { currencyDigits, type Io, type StreamedInput, streamInput, timeZoneOption } from '../input';
import type { CliModel } from '../models';
import { choice, type OptionSpec, text, type Values } from '../options';

/** What a command's `run` gets. */
export interface CommandContext {
  readonly values: Values;
  /** The FILE argument (`-` for stdin), when given. */
  readonly file: string | undefined;
  readonly io: Io;
}

/** One command of the tool. */
export interface Command {
  readonly name: string;
  /** One line for `patronage --help`. */
  readonly summary: string;
  /** The usage line and the command's own options, for `patronage <name> --help`. */
  readonly help: string;
  /** Whether the command reads a transaction log (and so takes the input options). */
  readonly readsInput: boolean;
  /** The options of the command itself, besides the input options and --help. */
  readonly options: Readonly<Record<string, OptionSpec>>;
  run(context: CommandContext): Promise<void>;
}

export const FORMAT_OPTION = { format: { type: 'string' } } as const satisfies Record<string, OptionSpec>;
export const OUT_OPTION = { out: { type: 'string' } } as const satisfies Record<string, OptionSpec>;
export const THREADS_OPTION = { threads: { type: 'string' } } as const satisfies Record<string, OptionSpec>;
/** The help lines of --threads: the summary's (default all cores), or the tables' (default one). */
export const THREADS_HELP = `  --threads N                threads to read a FILE of 32 MiB or more on (default: the cores
                             available; 1 is one thread; stdin is read on one)`;
export const TABLE_THREADS_HELP = `  --threads N                threads to read a FILE of 32 MiB or more on (default 1, which measured
                             faster for this table; stdin is read on one)`;

/** --format csv|json (default csv). */
export function outputFormat(values: Values): 'csv' | 'json' {
  return choice(values, 'format', ['csv', 'json'], 'csv');
}

/** The calendar and money options every table takes from the input options. */
export function tableOptions(values: Values): { fractionDigits: number; timeZone?: string } {
  return { fractionDigits: currencyDigits(values), ...timeZoneOption(values) };
}

/** The RFM summary of the input as columns, with the customer ids and the order of the entries by id. */
export interface SummaryColumns {
  readonly columns: RfmColumns;
  readonly customerIds: readonly string[];
  /** Entry positions sorted by customer id (as rfmSummary orders its rows). */
  readonly byId: Uint32Array;
  /**
   * When every id is one prefix and 1-7 digits: the prefix, and the ids' order keys in `byId`'s order
   * (each id can be written from its key).
   */
  readonly numbered: { readonly prefix: string; readonly keys: Uint32Array } | null;
  readonly input: StreamedInput;
}

/**
 * The RFM summary of the input, streamed (memory by customers, not rows: see RfmStream), its entries
 * ordered by customer id.
 */
export async function summaryColumnsOf(
  context: CommandContext,
  defaultUnit: 'day' | 'week',
): Promise<SummaryColumns> {
  const { values } = context;
  const unit = choice(values, 'unit', ['day', 'week', 'month'], defaultUnit);
  const end = text(values, 'observation-end');
  const options = { unit, ...tableOptions(values), ...(end === undefined ? {} : { observationEnd: end }) };
  // options first, so that a bad one is a usage error before the input is read
  const stream = new RfmStream('rfmSummaryColumns', options);
  const input = await streamInput(values, context.file, context.io, stream, {
    spec: { kind: 'rfm', fn: 'rfmSummaryColumns', options },
    table: stream,
  });
  // the ids are made strings only when something asks for them (not for ids such as c123)
  const columns = stream.finish((customer) => input.customerIds[customer] as string);
  const index = columns.customerIndex;
  // ids such as c123 are ordered by a key made of their digits (no string read after this pass)
  const numbered =
    input.numbered === null
      ? numberedIds(input.customerIds)
      : {
          prefix: input.numbered.prefix,
          keys: numberedKeys(input.numbered.values, input.numbered.width),
        };
  if (numbered !== null) {
    const { keys } = numbered;
    const { order, keys: sorted } = keyedOrder(index.length, (j) => keys[index[j] as number] as number);
    return {
      columns,
      get customerIds() {
        return input.customerIds;
      },
      byId: order,
      numbered: { prefix: numbered.prefix, keys: sorted },
      input,
    };
  }
  const ids = input.customerIds;
  const byId = stringOrder(index.length, (j) => ids[index[j] as number] as string);
  return { columns, customerIds: ids, byId, numbered: null, input };
}

/** The RFM summary of the input, one row per customer sorted by id (as rfmSummary). */
export async function summaryOf(
  context: CommandContext,
  defaultUnit: 'day' | 'week',
): Promise<{ rows: RfmRow[]; input: StreamedInput }> {
  const { columns, customerIds, byId, input } = await summaryColumnsOf(context, defaultUnit);
  const rows: RfmRow[] = [];
  for (const j of byId) {
    rows.push({
      customerId: customerIds[columns.customerIndex[j] as number] as string,
      frequency: columns.frequency[j] as number,
      recency: columns.recency[j] as number,
      T: columns.T[j] as number,
      monetaryValue: columns.monetaryValue[j] as number,
    });
  }
  return { rows, input };
}

export { type CliModel, modelName } from '../models';

/** Fits the model; a fit without a likelihood holds its starting point, not estimates (exit 4). */
export function fitModel(model: CliModel, rows: readonly RfmRow[]): ModelFit {
  const fit =
    model === 'gammaGamma'
      ? fitGammaGamma(rows.filter((row) => row.frequency > 0))
      : model === 'mbgNbd'
        ? fitMbgNbd(rows)
        : model === 'paretoNbd'
          ? fitParetoNbd(rows)
          : fitBgNbd(rows);
  if (fit.logLikelihood === null)
    throw new ComputationError(`cannot fit ${model} to these data: ${fit.reason}`);
  return fit;
}
