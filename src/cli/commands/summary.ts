import { csvCell, openOutput } from '../output';
import {
  type Command,
  FORMAT_OPTION,
  OUT_OPTION,
  outputFormat,
  summaryColumnsOf,
  THREADS_HELP,
  THREADS_OPTION,
} from './command';

/** Text is handed to the output in pieces of about this many characters. */
const PIECE = 1 << 16;

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
    const { columns, customerIds, byId } = await summaryColumnsOf(context, 'day');
    const output = openOutput(context.values, context.io);
    const { customerIndex, frequency, recency, T, monetaryValue } = columns;
    // the rows as CSV lines or JSON objects, written in pieces (the same text as writeRows gives)
    let piece = format === 'json' ? '[' : 'customerId,frequency,recency,T,monetaryValue\n';
    for (let k = 0; k < byId.length; k++) {
      const j = byId[k] as number;
      const id = customerIds[customerIndex[j] as number] as string;
      piece +=
        format === 'json'
          ? `${k === 0 ? '' : ','}{"customerId":${JSON.stringify(id)},"frequency":${frequency[j]},"recency":${recency[j]},"T":${T[j]},"monetaryValue":${monetaryValue[j]}}`
          : `${csvCell(id)},${frequency[j]},${recency[j]},${T[j]},${monetaryValue[j]}\n`;
      if (piece.length >= PIECE) {
        await output.write(piece);
        piece = '';
      }
    }
    await output.write(format === 'json' ? `${piece}]\n` : piece);
    await output.end();
  },
};
