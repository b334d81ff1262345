import { readFileSync } from 'node:fs';
import { type ModelSpec, scoreCustomers } from '../../index';
import { InputError, UsageError } from '../errors';
import { positive, text } from '../options';
import { openOutput, writeRows } from '../output';
import {
  type Command,
  FORMAT_OPTION,
  fitModel,
  modelName,
  OUT_OPTION,
  outputFormat,
  summaryOf,
  THREADS_HELP,
  THREADS_OPTION,
} from './command';

export const predict: Command = {
  name: 'predict',
  summary: 'P(alive) and expected purchases per customer, from a fit (--fit FILE) or fitted on the spot',
  help: `patronage predict FILE [options]
  --fit FILE                 a fit written by 'patronage fit' (default: fit BG/NBD now)
  --model bg-nbd|mbg-nbd|pareto-nbd   model to fit when --fit is not given (default bg-nbd)
  --unit day|week|month      must be the unit of the fit (default week)
  --horizon N                purchases expected in the next N units (default 52)
  --observation-end DATE
  --format csv|json          (default csv)
  --out FILE
${THREADS_HELP}`,
  readsInput: true,
  options: {
    fit: { type: 'string' },
    model: { type: 'string' },
    unit: { type: 'string' },
    horizon: { type: 'string' },
    'observation-end': { type: 'string' },
    ...FORMAT_OPTION,
    ...OUT_OPTION,
    ...THREADS_OPTION,
  },
  async run(context) {
    let { values } = context;
    const format = outputFormat(values);
    const horizon = positive(values, 'horizon', 52);
    const fitFile = text(values, 'fit');
    let spec: ModelSpec | null = null;
    if (fitFile !== undefined) {
      if (values['model'] !== undefined) throw new UsageError('--fit and --model exclude each other');
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(fitFile, 'utf8'));
      } catch (error) {
        throw new InputError(`${fitFile}: cannot read the fit (${(error as Error).message})`);
      }
      const unit = (parsed as { unit?: unknown } | null)?.unit;
      const asked = text(values, 'unit');
      if (unit !== undefined && asked !== undefined && unit !== asked) {
        throw new UsageError(`--unit ${asked} differs from the fit's unit ${String(unit)}`);
      }
      spec = parsed as ModelSpec;
      if (typeof unit === 'string') values = { ...values, unit };
    } else {
      modelName(values, false); // a bad --model is a usage error before the input is read
    }
    const { rows } = await summaryOf({ ...context, values }, 'week');
    const model = spec ?? fitModel(modelName(values, false), rows);
    const scores = scoreCustomers(model, rows, { horizon });
    const out = (function* () {
      for (let i = 0; i < rows.length; i++) {
        yield {
          ...rows[i],
          probabilityAlive: scores.probabilityAlive[i],
          expectedPurchases: scores.expectedPurchases[i],
        };
      }
    })();
    await writeRows(openOutput(values, context.io), format, out, [
      'customerId',
      'frequency',
      'recency',
      'T',
      'monetaryValue',
      'probabilityAlive',
      'expectedPurchases',
    ]);
  },
};
