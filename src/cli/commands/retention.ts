import { createPeriodAccumulator } from '../../index';
import { currencyDigits, readInput, timeZoneOption } from '../input';
import { choice, positive } from '../options';
import { openOutput, writeRows } from '../output';
import { PERIODS } from './cohorts';
import { type Command, FORMAT_OPTION, OUT_OPTION, outputFormat } from './command';

export const retention: Command = {
  name: 'retention',
  summary: 'retention and churn per period, with new and returning revenue',
  help: `patronage retention FILE [options]
  --period day|week|month|quarter|year   reporting period (default month)
  --active-within DAYS       a customer is active if they bought within this many days (default 90)
  --format csv|json          (default csv)
  --out FILE`,
  readsInput: true,
  options: {
    period: { type: 'string' },
    'active-within': { type: 'string' },
    ...FORMAT_OPTION,
    ...OUT_OPTION,
  },
  async run(context) {
    const { values } = context;
    const format = outputFormat(values);
    const period = choice(values, 'period', PERIODS, 'month');
    const activeWithin = positive(values, 'active-within', 90, true);
    const accumulator = createPeriodAccumulator({
      period,
      activeWithin,
      fractionDigits: currencyDigits(values),
      ...timeZoneOption(values),
    });
    await readInput(values, context.file, context.io, (transaction) => {
      accumulator.add(transaction);
    });
    await writeRows(openOutput(values, context.io), format, accumulator.result() as never, [
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
