import { describe, expect, it } from 'vitest';
import type { ModelDefinition } from '../../src/clv/core/definition';
import { MODELS, requireModel } from '../../src/clv/registry';
import { contractSurvival, expectedPurchases, isPatronageError, scoreCustomers } from '../../src/index';
import { codeOf } from '../helpers/errors';

const definitions = Object.entries(MODELS) as [string, ModelDefinition][];

/** The message of the PatronageError `run` throws. */
function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isPatronageError(error)) return error.message;
  }
  return '';
}

describe('the model registry (internal)', () => {
  it('files every definition under its own name', () => {
    for (const [name, definition] of definitions) expect(definition.name).toBe(name);
  });

  it('gives each model distinct parameter names and positive starts of their length', () => {
    for (const [, definition] of definitions) {
      expect(new Set(definition.parameters).size).toBe(definition.parameters.length);
      expect(definition.starts.length).toBeGreaterThan(0);
      for (const start of definition.starts) {
        expect(start).toHaveLength(definition.parameters.length);
        expect(start.every((value) => value > 0)).toBe(true);
      }
    }
  });

  it('puts every model that predicts for a customer on a time axis, and scoring only in continuous time', () => {
    const customerPredictions = [
      'probabilityAlive',
      'probabilityAliveLater',
      'conditionalExpectedPurchases',
      'expectedPurchases',
      'purchaseProbability',
    ] as const;
    for (const [, definition] of definitions) {
      const predicts = customerPredictions.some((name) => definition.predictions[name] !== undefined);
      if (predicts) expect(definition.time).not.toBeNull();
      if (definition.predictions.expectedIfAlive !== undefined) expect(definition.time).toBe('continuous');
    }
  });

  it('checks the parameters the definition names, and copies them in its order', () => {
    const found = requireModel('test', { model: 'paretoNbd', params: { beta: 4, s: 3, alpha: 2, r: 1 } }, [
      'probabilityAlive',
    ]);
    expect(Object.keys(found.params)).toEqual(['r', 'alpha', 's', 'beta']);
    expect(
      codeOf(() =>
        requireModel('test', { model: 'paretoNbd', params: { r: 1, alpha: 2, s: 3 } }, ['probabilityAlive']),
      ),
    ).toBe('INVALID_FIT');
  });

  it('names the models that define a prediction when the fit does not (UNSUPPORTED_MODEL)', () => {
    const spend = { model: 'gammaGamma', params: { p: 6, q: 3, gamma: 15 } } as const;
    expect(codeOf(() => expectedPurchases(spend, 10))).toBe('UNSUPPORTED_MODEL');
    expect(messageOf(() => expectedPurchases(spend, 10))).toContain(
      '(use one of bgNbd, mbgNbd, paretoNbd, bgCnbd, mbgCnbd, nbd, ggomNbd, bgBb)',
    );
    const discrete = { model: 'bgBb', params: { alpha: 1, beta: 1, gamma: 1, delta: 1 } } as const;
    expect(messageOf(() => scoreCustomers(discrete, [], { horizon: 1 }))).toContain(
      '(use one of bgNbd, mbgNbd, paretoNbd, bgCnbd, mbgCnbd, nbd, ggomNbd)',
    );
    expect(messageOf(() => contractSurvival(spend, 3))).toContain(
      '(use one of shiftedBetaGeometric, betaDiscreteWeibull)',
    );
  });

  it('lists every model for an unknown one (INVALID_FIT)', () => {
    expect(messageOf(() => expectedPurchases({ model: 'noSuchModel', params: {} } as never, 10))).toContain(
      'bgNbd, mbgNbd, paretoNbd, bgCnbd, mbgCnbd, nbd, ggomNbd, bgBb, gammaGamma, shiftedBetaGeometric, betaDiscreteWeibull',
    );
  });

  it('refuses a fit whose likelihood could not be evaluated, and takes one without a logLikelihood field', () => {
    const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    expect(
      codeOf(() => expectedPurchases({ model: 'bgNbd', params, logLikelihood: null } as never, 10)),
    ).toBe('INVALID_FIT');
    expect(codeOf(() => expectedPurchases({ model: 'bgNbd', params }, 10))).toBeUndefined();
  });
});
