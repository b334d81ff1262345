// The --model option of fit, predict and report: the model names the command line takes.

import { choice, type Values } from './options';

/** The model a --model option names. */
export type CliModel = 'bgNbd' | 'mbgNbd' | 'paretoNbd' | 'gammaGamma';

/** The model of --model (default bg-nbd); gamma-gamma only where the command fits spend. */
export function modelName(values: Values, allowGammaGamma: boolean): CliModel {
  const names = allowGammaGamma
    ? (['bg-nbd', 'mbg-nbd', 'pareto-nbd', 'gamma-gamma'] as const)
    : (['bg-nbd', 'mbg-nbd', 'pareto-nbd'] as const);
  const name = choice(values, 'model', names, 'bg-nbd');
  return name === 'bg-nbd'
    ? 'bgNbd'
    : name === 'mbg-nbd'
      ? 'mbgNbd'
      : name === 'pareto-nbd'
        ? 'paretoNbd'
        : 'gammaGamma';
}
