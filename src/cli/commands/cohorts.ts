import { CohortStream } from '../../aggregate/cohort/CohortStream';
import type { CohortRow } from '../../aggregate/cohort/cohortCore';
import type { CohortBracket, CohortMode } from '../../aggregate/cohort/cohortMode';
import { COHORT_MODES } from '../../aggregate/cohort/cohortMode';
import { cohortRetentionColumns } from '../../aggregate/cohort/cohortRetentionColumns';
import { UsageError } from '../errors';
import { readInput, streamInput } from '../input';
import { choice, text } from '../options';
import { openOutput, writeRows } from '../output';
import {
  type Command,
  FORMAT_OPTION,
  OUT_OPTION,
  outputFormat,
  TABLE_THREADS_HELP,
  THREADS_OPTION,
  tableOptions,
} from './command';

export const PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;

/** `--brackets 1-7,8-30,31-90`: periods since acquisition, `first-last` or one period `k`, comma-separated. */
function bracketsOption(value: string): CohortBracket[] {
  return value.split(',').map((item) => {
    const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(item);
    if (match === null) {
      throw new UsageError(
        `--brackets must be comma-separated periods since acquisition, such as 1-7,8-30,31-90, got ${JSON.stringify(value)}`,
      );
    }
    const first = Number(match[1]);
    return [first, match[2] === undefined ? first : Number(match[2])];
  });
}

/** The CSV column of cell `index` of a row: `rate_k`, or `rate_first_last` for a bracket. */
function rateColumn(index: number, brackets: readonly CohortBracket[] | undefined): string {
  const bracket = brackets?.[index];
  return bracket === undefined ? `rate_${index}` : `rate_${bracket[0]}_${bracket[1]}`;
}

export const cohorts: Command = {
  name: 'cohorts',
  summary: 'cohort retention table: share of each cohort buying k periods after acquisition',
  help: `patronage cohorts FILE [options]
  --period day|week|month|quarter|year   cohort period (default month)
  --mode return-on|return-on-or-after|recurring|brackets
                             what a cell counts (default return-on: bought in period k; or in k or
                             later; in every period up to k; in a bracket of --brackets)
  --brackets 1-7,8-30,...    with --mode brackets: periods since acquisition, first-last
  --format csv|json          (default csv; JSON has counts and revenue too)
  --out FILE
${TABLE_THREADS_HELP}
                             (the other modes read the whole input into memory, on one thread)`,
  readsInput: true,
  options: {
    period: { type: 'string' },
    mode: { type: 'string' },
    brackets: { type: 'string' },
    ...FORMAT_OPTION,
    ...OUT_OPTION,
    ...THREADS_OPTION,
  },
  async run(context) {
    const { values } = context;
    const format = outputFormat(values);
    const period = choice(values, 'period', PERIODS, 'month');
    const mode = choice<CohortMode>(values, 'mode', COHORT_MODES, 'return-on');
    const bracketsText = text(values, 'brackets');
    const brackets = bracketsText === undefined ? undefined : bracketsOption(bracketsText);
    const options = {
      period,
      ...tableOptions(values),
      ...(mode === 'return-on' ? {} : { mode }),
      ...(brackets === undefined ? {} : { brackets }),
    };
    let rows: CohortRow[];
    if (mode === 'return-on' && brackets === undefined) {
      // streamed: memory by customers, not rows; bad options throw here, before reading
      const stream = new CohortStream('cohortRetentionColumns', options);
      await streamInput(values, context.file, context.io, stream, {
        spec: { kind: 'cohort', fn: 'cohortRetentionColumns', options },
        table: stream,
      });
      rows = stream.finish();
    } else {
      // the streamed table keeps each customer's last period only; these modes need all of them
      if (values['threads'] !== undefined)
        throw new UsageError(
          `--threads applies to --mode return-on only (--mode ${mode} reads on one thread)`,
        );
      cohortRetentionColumns({ customerIndex: [], at: [], amount: [] }, options); // bad options fail before reading
      const input = await readInput(values, context.file, context.io);
      rows = cohortRetentionColumns(input.table.columns, options);
    }
    const output = openOutput(values, context.io);
    if (format === 'json') {
      await writeRows(output, 'json', rows as never, []);
      return;
    }
    let periods = 0;
    for (const row of rows) periods = Math.max(periods, row.rates.length);
    const rateColumns = Array.from({ length: periods }, (_, k) => rateColumn(k, brackets));
    const flat = (function* () {
      for (const row of rows) {
        const record: Record<string, unknown> = { cohort: row.cohort, size: row.size };
        row.rates.forEach((rate, k) => {
          record[rateColumn(k, brackets)] = rate;
        });
        yield record;
      }
    })();
    await writeRows(output, 'csv', flat, ['cohort', 'size', ...rateColumns]);
  },
};
