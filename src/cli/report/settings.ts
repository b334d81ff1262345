// The report's own options: the model, its time unit, the horizon of the predictions and the
// calibration/holdout split. Each is checked before the input is read (exit 2 with the reason); the split
// is checked against the data once it is read.

import { toEpochMs } from '../../index';
import { UsageError } from '../errors';
import { type CliModel, modelName } from '../models';
import { choice, positive, text, type Values } from '../options';

/** The unit of the models' times. */
export type ReportUnit = 'day' | 'week' | 'month';

/** What the report's options give. */
export interface ReportSettings {
  readonly model: Exclude<CliModel, 'gammaGamma'>;
  readonly unit: ReportUnit;
  /** The horizon of the predictions, in `unit`. */
  readonly horizon: number;
  /** End of calibration (epoch ms), or undefined for two thirds of the way through the data. */
  readonly calibrationEnd: number | undefined;
  /** End of the holdout (epoch ms), or undefined for the last transaction. */
  readonly holdoutEnd: number | undefined;
}

/** The default horizon: about 13 weeks in each unit. */
const DEFAULT_HORIZON: Readonly<Record<ReportUnit, number>> = { day: 91, week: 13, month: 3 };

/** The report's options, as the help and docs/cli.md describe them. */
export const REPORT_HELP = `patronage report FILE [options]
  Writes a self-contained HTML page: the data, repeat purchase, RFM segments, cohorts, retention, time to
  the next purchase, new and returning revenue, and from a model fitted to the data: its parameters, the
  frequency/recency matrices, CLV with Gamma-Gamma by segment, the valuable customers at risk and when
  to contact those still alive, the period-transactions check, calibration/holdout tracking and holdout
  purchases by calibration frequency.
  A fit that did not converge is shown with its reason and nothing is drawn from it.
  --model bg-nbd|mbg-nbd|pareto-nbd   the purchase model (default bg-nbd)
  --unit day|week|month      time unit of the models (default week)
  --horizon N                predictions for the next N units, above 0 (default 91 days, 13 weeks, 3 months)
  --calibration-end DATE     end of the calibration period, ISO 8601 (default: two thirds of the way
                             from the first to the last transaction); must fall inside the data
  --holdout-end DATE         end of the holdout period (default: the last transaction); after
                             --calibration-end and not after the last transaction
  --out FILE                 the HTML file to write (default patronage-report.html)`;

function date(values: Values, name: string): number | undefined {
  const value = text(values, name);
  if (value === undefined) return undefined;
  // a date or a date and time in ISO 8601 (what the rest of the command line takes)
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    throw new UsageError(
      `--${name} must be an ISO 8601 date such as 2024-06-30 (or a date and time), got ${JSON.stringify(value)}`,
    );
  }
  try {
    return toEpochMs(value);
  } catch {
    throw new UsageError(`--${name} is not a valid date: ${JSON.stringify(value)}`);
  }
}

/** Reads and checks the report's options (before the input is read). */
export function reportSettings(values: Values): ReportSettings {
  const model = modelName(values, false) as Exclude<CliModel, 'gammaGamma'>;
  const unit = choice(values, 'unit', ['day', 'week', 'month'] as const, 'week');
  const horizon = positive(values, 'horizon', DEFAULT_HORIZON[unit]);
  const calibrationEnd = date(values, 'calibration-end');
  const holdoutEnd = date(values, 'holdout-end');
  if (calibrationEnd !== undefined && holdoutEnd !== undefined && !(holdoutEnd > calibrationEnd)) {
    throw new UsageError(
      `--holdout-end (${values['holdout-end']}) must come after --calibration-end (${values['calibration-end']})`,
    );
  }
  return { model, unit, horizon, calibrationEnd, holdoutEnd };
}
