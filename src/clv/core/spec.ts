// Validation of fits and customer histories for the prediction functions. Internal.

import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { requireCount, requireFinite, requireObject } from '../../internal/validate';
import type { ModelName, ModelParams } from './types';

const PARAMETER_NAMES: { readonly [M in ModelName]: readonly (keyof ModelParams[M])[] } = {
  bgNbd: ['r', 'alpha', 'a', 'b'],
  mbgNbd: ['r', 'alpha', 'a', 'b'],
  paretoNbd: ['r', 'alpha', 's', 'beta'],
  bgBb: ['alpha', 'beta', 'gamma', 'delta'],
  gammaGamma: ['p', 'q', 'gamma'],
  shiftedBetaGeometric: ['alpha', 'beta'],
};

/** A validated fit: its model and positive, finite parameters. */
export interface Spec<M extends ModelName = ModelName> {
  readonly model: M;
  readonly params: ModelParams[M];
}

/** Reads `fit.model` and `fit.params`, checking the model is one of `allowed` and every parameter positive. */
export function requireSpec<M extends ModelName>(fn: string, fit: unknown, allowed: readonly M[]): Spec<M> {
  const record = requireObject(fn, 'fit', fit);
  const model = record['model'];
  if (typeof model !== 'string' || !Object.hasOwn(PARAMETER_NAMES, model)) {
    throw new PatronageError(
      'INVALID_FIT',
      `${fn}: fit.model must be one of ${Object.keys(PARAMETER_NAMES).join(', ')}, got ${describeValue(model)}`,
      {
        argument: 'fit.model',
        value: model,
      },
    );
  }
  if (!(allowed as readonly string[]).includes(model)) {
    throw new PatronageError(
      'UNSUPPORTED_MODEL',
      `${fn}: not defined for a ${model} fit (use one of ${allowed.join(', ')})`,
      {
        argument: 'fit.model',
        value: model,
      },
    );
  }
  const params = requireObject(fn, 'fit.params', record['params']);
  const names = PARAMETER_NAMES[model as M] as readonly string[];
  const checked = [0, 0, 0, 0];
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    const value = params[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || !(value > 0)) {
      throw new PatronageError(
        'INVALID_FIT',
        `${fn}: fit.params.${name} must be a positive finite number, got ${describeValue(value)}`,
        {
          argument: `fit.params.${name}`,
          value,
        },
      );
    }
    checked[i] = value;
  }
  return { model: model as M, params: shaped(model as M, checked) };
}

/** The checked parameter values as the model's parameter object (one fixed shape per model). */
function shaped<M extends ModelName>(model: M, v: readonly number[]): ModelParams[M] {
  const first = v[0] as number;
  const second = v[1] as number;
  const third = v[2] as number;
  const fourth = v[3] as number;
  let params: ModelParams[ModelName];
  switch (model) {
    case 'bgNbd':
    case 'mbgNbd':
      params = { r: first, alpha: second, a: third, b: fourth };
      break;
    case 'paretoNbd':
      params = { r: first, alpha: second, s: third, beta: fourth };
      break;
    case 'bgBb':
      params = { alpha: first, beta: second, gamma: third, delta: fourth };
      break;
    case 'gammaGamma':
      params = { p: first, q: second, gamma: third };
      break;
    default:
      params = { alpha: first, beta: second };
  }
  return params as ModelParams[M];
}

/** The most transaction opportunities a BG/BB history may have (its likelihood sums over them). */
export const MAX_OPPORTUNITIES = 100_000;

function historyError(fn: string, name: string, message: string, value: unknown): PatronageError {
  return new PatronageError('INVALID_SUMMARY_ROW', `${fn}: ${name}: ${message}`, { argument: name, value });
}

/** A discrete-time (BG/BB) history (x, t_x, n). */
export function requireDiscreteHistory(
  fn: string,
  name: string,
  customer: unknown,
): { x: number; tx: number; n: number } {
  const record = requireObject(fn, name, customer);
  const x = requireCount(fn, `${name}.frequency`, record['frequency']);
  const tx = requireCount(fn, `${name}.recency`, record['recency']);
  const n = requireCount(fn, `${name}.periods`, record['periods']);
  checkDiscreteHistory(fn, name, x, tx, n);
  return { x, tx, n };
}

/** A whole number up to `maximum` (counts that a prediction loops over). */
export function requireBoundedCount(fn: string, name: string, value: unknown, maximum: number): number {
  const count = requireCount(fn, name, value);
  if (count > maximum) {
    throw new PatronageError('OUT_OF_RANGE', `${fn}: ${name} (${count}) must be at most ${maximum}`, {
      argument: name,
      value: count,
      maximum,
    });
  }
  return count;
}

/** The consistency rules of a discrete-time (BG/BB) history. */
export function checkDiscreteHistory(fn: string, name: string, x: number, tx: number, n: number): void {
  if (n > MAX_OPPORTUNITIES) throw historyError(fn, name, `periods (${n}) exceeds ${MAX_OPPORTUNITIES}`, n);
  if (tx > n) throw historyError(fn, name, `recency (${tx}) exceeds periods (${n})`, tx);
  if (x > tx) throw historyError(fn, name, `frequency (${x}) exceeds recency (${tx})`, x);
  if (x > 0 !== tx > 0) {
    throw historyError(fn, name, `recency (${tx}) must be 0 exactly when frequency (${x}) is 0`, tx);
  }
}

/** A finite result, or NOT_FINITE naming what overflowed (never NaN out of the library). */
export function finiteResult(fn: string, what: string, value: number): number {
  if (!Number.isFinite(value)) {
    throw new PatronageError(
      'NOT_FINITE',
      `${fn}: ${what} cannot be computed in floating point for these values`,
      {
        argument: what,
        value,
      },
    );
  }
  return value === 0 ? 0 : value;
}
