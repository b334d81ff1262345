// Predictions of the Gamma-Gamma spend model (Fader, Hardie & Lee 2005; Fader & Hardie 2013), on
// validated parameters. Internal.

import { PatronageError } from '../../errors/PatronageError';
import type { ModelPredictions } from '../core/definition';
import type { GammaGammaParams } from '../core/types';

/** The predictions of Gamma-Gamma. */
export const gammaGammaPredictions: ModelPredictions<GammaGammaParams> = {
  /**
   * E[M | x, m̄] = p(γ + x·m̄)/(px + q − 1) (Fader & Hardie 2013, eq. 5); x = 0 gives the population mean
   * pγ/(q − 1). Infinite, so `UNDEFINED_PREDICTION`, when px + q ≤ 1.
   */
  expectedAverageSpend: ({ p, q, gamma }, x, m) => {
    const denominator = p * x + q - 1;
    if (!(denominator > 0)) {
      throw new PatronageError(
        'UNDEFINED_PREDICTION',
        `expectedAverageSpend: p·frequency + q − 1 (${denominator}) must be positive for a finite expected spend`,
        {
          argument: 'fit.params.q',
          value: q,
        },
      );
    }
    return (p * (gamma + (x > 0 ? x * m : 0))) / denominator;
  },
};
