// What a command is: its name, one line for the overview, its help, the options it takes and what it does.

import {
  fitBgNbd,
  fitGammaGamma,
  fitMbgNbd,
  fitParetoNbd,
  type ModelFit,
  type RfmRow,
  rfmSummaryColumns,
} from '../../index';
import { compareCustomerIds } from '../../model/transaction';
import { ComputationError } from '../errors';
import { currencyDigits, type Input, type Io, readInput, timeZoneOption } from '../input';
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

/** --format csv|json (default csv). */
export function outputFormat(values: Values): 'csv' | 'json' {
  return choice(values, 'format', ['csv', 'json'], 'csv');
}

/** The calendar and money options every table takes from the input options. */
export function tableOptions(values: Values): { fractionDigits: number; timeZone?: string } {
  return { fractionDigits: currencyDigits(values), ...timeZoneOption(values) };
}

/** The RFM summary of the input, from its columns, one row per customer sorted by id (as rfmSummary). */
export async function summaryOf(
  context: CommandContext,
  defaultUnit: 'day' | 'week',
): Promise<{ rows: RfmRow[]; input: Input }> {
  const { values } = context;
  const unit = choice(values, 'unit', ['day', 'week', 'month'], defaultUnit);
  const end = text(values, 'observation-end');
  const options = { unit, ...tableOptions(values), ...(end === undefined ? {} : { observationEnd: end }) };
  // options first, so that a bad one is a usage error before the input is read
  rfmSummaryColumns({ customerIndex: [], at: [], amount: [] }, options);
  const input = await readInput(values, context.file, context.io);
  const columns = rfmSummaryColumns(input.table.columns, options);
  const ids = input.table.customerIds;
  const rows: RfmRow[] = [];
  for (let j = 0; j < columns.customerIndex.length; j++) {
    rows.push({
      customerId: ids[columns.customerIndex[j] as number] as string,
      frequency: columns.frequency[j] as number,
      recency: columns.recency[j] as number,
      T: columns.T[j] as number,
      monetaryValue: columns.monetaryValue[j] as number,
    });
  }
  rows.sort((a, b) => compareCustomerIds(a.customerId, b.customerId));
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
