import { CohortStream } from '../../aggregate/cohort/CohortStream';
import { streamInput } from '../input';
import { choice } from '../options';
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

export const cohorts: Command = {
  name: 'cohorts',
  summary: 'cohort retention table: share of each cohort buying k periods after acquisition',
  help: `patronage cohorts FILE [options]
  --period day|week|month|quarter|year   cohort period (default month)
  --format csv|json          (default csv; JSON has counts and revenue too)
  --out FILE
${TABLE_THREADS_HELP}`,
  readsInput: true,
  options: { period: { type: 'string' }, ...FORMAT_OPTION, ...OUT_OPTION, ...THREADS_OPTION },
  async run(context) {
    const { values } = context;
    const format = outputFormat(values);
    const period = choice(values, 'period', PERIODS, 'month');
    const options = { period, ...tableOptions(values) };
    // streamed: memory by customers, not rows; bad options throw here, before reading
    const stream = new CohortStream('cohortRetentionColumns', options);
    await streamInput(values, context.file, context.io, stream, {
      spec: { kind: 'cohort', fn: 'cohortRetentionColumns', options },
      table: stream,
    });
    const rows = stream.finish();
    const output = openOutput(values, context.io);
    if (format === 'json') {
      await writeRows(output, 'json', rows as never, []);
      return;
    }
    let periods = 0;
    for (const row of rows) periods = Math.max(periods, row.rates.length);
    const rateColumns = Array.from({ length: periods }, (_, k) => `rate_${k}`);
    const flat = (function* () {
      for (const row of rows) {
        const record: Record<string, unknown> = { cohort: row.cohort, size: row.size };
        row.rates.forEach((rate, k) => {
          record[`rate_${k}`] = rate;
        });
        yield record;
      }
    })();
    await writeRows(output, 'csv', flat, ['cohort', 'size', ...rateColumns]);
  },
};
