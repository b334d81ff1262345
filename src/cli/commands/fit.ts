import { choice } from '../options';
import { openOutput } from '../output';
import {
  type Command,
  fitModel,
  modelName,
  OUT_OPTION,
  summaryOf,
  THREADS_HELP,
  THREADS_OPTION,
} from './command';

export const fit: Command = {
  name: 'fit',
  summary: 'fit a model (bg-nbd, mbg-nbd, pareto-nbd, gamma-gamma) to the RFM summary; prints JSON',
  help: `patronage fit FILE [options]
  --model bg-nbd|mbg-nbd|pareto-nbd|gamma-gamma   (default bg-nbd)
  --unit day|week|month      time unit of the model (default week)
  --observation-end DATE
  --out FILE                 write the fit as JSON (input of predict --fit)
${THREADS_HELP}`,
  readsInput: true,
  options: {
    model: { type: 'string' },
    unit: { type: 'string' },
    'observation-end': { type: 'string' },
    ...OUT_OPTION,
    ...THREADS_OPTION,
  },
  async run(context) {
    const { values } = context;
    const model = modelName(values, true);
    const unit = choice(values, 'unit', ['day', 'week', 'month'], 'week');
    const { rows } = await summaryOf(context, 'week');
    const fitted = fitModel(model, rows);
    const output = openOutput(values, context.io);
    await output.write(`${JSON.stringify({ ...fitted, unit, customers: rows.length }, null, 2)}\n`);
    await output.end();
  },
};
