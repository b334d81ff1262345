import { RetentionStream } from '../../aggregate/period/RetentionStream';
import { streamInput } from '../input';
import { choice, positive } from '../options';
import { openOutput, writeRows } from '../output';
import { PERIODS } from './cohorts';
import {
  type Command,
  FORMAT_OPTION,
  OUT_OPTION,
  outputFormat,
  TABLE_THREADS_HELP,
  THREADS_OPTION,
  tableOptions,
} from './command';

export const retention: Command = {
  name: 'retention',
  summary: 'retention and churn per period, with new and returning revenue',
  help: `patronage retention FILE [options]
  --period day|week|month|quarter|year   reporting period (default month)
  --active-within DAYS       a customer is active if they bought within this many days (default 90)
  --format csv|json          (default csv)
  --out FILE
${TABLE_THREADS_HELP}`,
  readsInput: true,
  options: {
    period: { type: 'string' },
    'active-within': { type: 'string' },
    ...FORMAT_OPTION,
    ...OUT_OPTION,
    ...THREADS_OPTION,
  },
  async run(context) {
    const { values } = context;
    const format = outputFormat(values);
    const period = choice(values, 'period', PERIODS, 'month');
    const activeWithin = positive(values, 'active-within', 90, true);
    const options = { period, activeWithin, ...tableOptions(values) };
    // streamed: memory by customers, not rows; bad options throw here, before reading
    const stream = new RetentionStream('periodRetentionColumns', options);
    await streamInput(values, context.file, context.io, stream, {
      spec: { kind: 'retention', fn: 'periodRetentionColumns', options },
      table: stream,
    });
    const rows = stream.finish();
    await writeRows(openOutput(values, context.io), format, rows as never, [
      'period',
      'customersAtStart',
      'customersAtEnd',
      'acquired',
      'reactivated',
      'retained',
      'lost',
      'retention',
      'churn',
      'revenue',
      'newRevenue',
      'returningRevenue',
    ]);
  },
};
