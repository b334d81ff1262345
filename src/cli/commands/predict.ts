import { readFileSync } from 'node:fs';
import { RFM_OPTION_KEYS, resolveRfmOptions } from '../../aggregate/rfm/rfmOptions';
import { purchaseDays } from '../../aggregate/shared/purchaseDays';
import { type ModelSpec, scoreCustomers } from '../../index';
import { driftOf, holdoutCounts } from '../drift';
import { InputError, UsageError } from '../errors';
import { readInput } from '../input';
import { positive, text } from '../options';
import { openOutput, writeRows } from '../output';
import {
  type Command,
  type CommandContext,
  FORMAT_OPTION,
  fitModel,
  modelName,
  OUT_OPTION,
  outputFormat,
  summaryOf,
  THREADS_HELP,
  THREADS_OPTION,
  tableOptions,
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
  --track                    with --observation-end: the transactions after it are the actuals; writes
                             the drift check (trackingAlarm) of the fit on them to standard error
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
    track: { type: 'boolean' },
    ...FORMAT_OPTION,
    ...OUT_OPTION,
    ...THREADS_OPTION,
  },
  async run(context) {
    let { values } = context;
    const format = outputFormat(values);
    const horizon = positive(values, 'horizon', 52);
    const fitFile = text(values, 'fit');
    const track = values['track'] === true;
    if (track && values['observation-end'] === undefined) {
      throw new UsageError(
        '--track needs --observation-end DATE (the transactions after it are the actuals)',
      );
    }
    if (track && (context.file === '-' || context.file === undefined)) {
      throw new UsageError('--track reads the input twice: give a FILE, not standard input');
    }
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
    if (track) context.io.stderr.write(`patronage: ${await trackedDrift(context, values, model)}\n`);
  },
};

/**
 * `--track`: the fit's drift check on the transactions after `--observation-end` (the input read again,
 * into columns), for the customers first seen by then, per unit from the first transaction's day.
 */
async function trackedDrift(
  context: CommandContext,
  values: CommandContext['values'],
  model: ModelSpec,
): Promise<string> {
  const unit = text(values, 'unit') ?? 'week';
  const options = { unit, ...tableOptions(values) };
  const resolved = resolveRfmOptions('predict', options, RFM_OPTION_KEYS);
  const endMs = resolveRfmOptions(
    'predict',
    { ...options, observationEnd: text(values, 'observation-end') },
    RFM_OPTION_KEYS,
  ).endMs as number;
  const input = await readInput(values, context.file, context.io);
  const days = purchaseDays('predict', input.table.columns, resolved);
  const { keyer } = days;
  const { offsets, keys, customerCount } = days.grouped;
  let first = Number.POSITIVE_INFINITY;
  for (let c = 0; c < customerCount; c++) first = Math.min(first, keys[offsets[c] as number] as number);
  const calibration = keyer.keyOf(endMs);
  if (!(calibration < days.endKey)) {
    throw new UsageError('--track: no transactions after --observation-end to compare with the fit');
  }
  const customers = Array.from({ length: customerCount }, (_, c) => c);
  const counts = holdoutCounts(
    days,
    customers,
    { first, calibration, holdout: days.endKey },
    resolved.unitMs,
  );
  return driftOf(model, counts, (keyer.startOf(calibration) - keyer.startOf(first)) / resolved.unitMs, unit);
}
