import { digitCountOfKey, digitValueOfKey } from '../../internal/stringOrder';
import { openOutput } from '../output';
import {
  type Command,
  FORMAT_OPTION,
  OUT_OPTION,
  outputFormat,
  summaryColumnsOf,
  THREADS_HELP,
  THREADS_OPTION,
} from './command';

const COMMA = 44;
const NEWLINE = 10;
const CLOSE_BRACE = 125;
const QUOTE = 34;
/** A prefix of printable ASCII that neither a CSV cell nor a JSON string changes (no quote, comma, backslash). */
const PLAIN_PREFIX = /^[\x20-\x21\x23-\x2b\x2d-\x5b\x5d-\x7e]*$/;
/** Rows gathered in id order at a time. */
const BLOCK = 4096;

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
    const summary = await summaryColumnsOf(context, 'day');
    const { columns, byId, numbered } = summary;
    const output = openOutput(context.values, context.io);
    const { customerIndex, frequency, recency, T, monetaryValue } = columns;
    // the rows as CSV lines or JSON objects (the same text as writeRows gives), as bytes; a block of rows
    // is gathered in id order first, in a loop of independent reads, then written
    const json = format === 'json';
    output.text(json ? '[' : 'customerId,frequency,recency,T,monetaryValue\n');
    // ids such as c123 are written from their order keys: the prefix, then the digits
    const prefix = numbered !== null && PLAIN_PREFIX.test(numbered.prefix) ? numbered.prefix : null;
    const keys = numbered?.keys;
    const customerIds = prefix === null ? summary.customerIds : [];
    const ids: string[] = new Array(BLOCK);
    const blockFrequency = new Float64Array(BLOCK);
    const blockRecency = new Float64Array(BLOCK);
    const blockT = new Float64Array(BLOCK);
    const blockValue = new Float64Array(BLOCK);
    for (let start = 0; start < byId.length; start += BLOCK) {
      const size = Math.min(BLOCK, byId.length - start);
      for (let b = 0; b < size; b++) {
        const j = byId[start + b] as number;
        if (prefix === null) ids[b] = customerIds[customerIndex[j] as number] as string;
        blockFrequency[b] = frequency[j] as number;
        blockRecency[b] = recency[j] as number;
        blockT[b] = T[j] as number;
        blockValue[b] = monetaryValue[j] as number;
      }
      for (let b = 0; b < size; b++) {
        if (json) output.text(start + b === 0 ? '{"customerId":' : ',{"customerId":');
        if (prefix !== null) {
          const key = (keys as Uint32Array)[start + b] as number;
          if (json) output.byte(QUOTE);
          output.text(prefix);
          output.digits(digitValueOfKey(key), digitCountOfKey(key));
          if (json) output.byte(QUOTE);
        } else if (json) output.text(JSON.stringify(ids[b] as string));
        else output.cell(ids[b] as string);
        if (json) output.text(',"frequency":');
        else output.byte(COMMA);
        output.number(blockFrequency[b] as number);
        output.text(json ? ',"recency":' : ',');
        output.number(blockRecency[b] as number);
        output.text(json ? ',"T":' : ',');
        output.number(blockT[b] as number);
        output.text(json ? ',"monetaryValue":' : ',');
        output.number(blockValue[b] as number);
        output.byte(json ? CLOSE_BRACE : NEWLINE);
        if (output.full) await output.flush();
      }
    }
    if (json) output.text(']\n');
    await output.end();
  },
};
