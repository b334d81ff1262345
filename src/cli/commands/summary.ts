import { openOutput, writeRows } from '../output';
import { type Command, FORMAT_OPTION, OUT_OPTION, outputFormat, summaryOf } from './command';

export const summary: Command = {
  name: 'summary',
  summary: 'per-customer RFM summary: frequency, recency, T, monetaryValue (lifetimes-compatible)',
  help: `patronage summary FILE [options]
  Prints one row per customer: customerId, frequency, recency, T, monetaryValue.
  --unit day|week|month      unit of recency and T (default day)
  --observation-end DATE     end of observation (default: the last transaction)
  --format csv|json          output format (default csv)
  --out FILE                 write to FILE instead of stdout`,
  readsInput: true,
  options: {
    unit: { type: 'string' },
    'observation-end': { type: 'string' },
    ...FORMAT_OPTION,
    ...OUT_OPTION,
  },
  async run(context) {
    const format = outputFormat(context.values);
    const { rows } = await summaryOf(context, 'day');
    await writeRows(openOutput(context.values, context.io), format, rows as never, [
      'customerId',
      'frequency',
      'recency',
      'T',
      'monetaryValue',
    ]);
  },
};
