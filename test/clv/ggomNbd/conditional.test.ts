import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src/index';
import { conditionalPurchaseProbability, discountedExpectedTransactions } from '../../../src/index';

// 40-digit values from scripts/reference/ggomnbd_conditional.py (mpmath 1.3; the joint probability of the
// history and the future count over λ and the lifetime, divided by the likelihood: not the library's route),
// rounded to the nearest double. Per customer [x, t_x, T, P(Y(20) = 0, 1, 3 | history), DERT at 15% a year in weeks].
const REFERENCE = {
  interior: {
    params: { r: 0.55, alpha: 10.58, b: 0.05, s: 0.6, beta: 0.5 },
    customers: [
      [0, 0.0, 39.0, [0.9815539384134832, 0.014653847377342504, 0.0006667729754279147], 0.047099841337222774],
      [2, 30.43, 38.86, [0.6769918875321639, 0.18819947345794608, 0.03305211177498737], 1.0877293427105645],
      [26, 30.86, 31.0, [0.05593392657035721, 0.04806874501802448, 0.0441807286802463], 18.661510897147714],
      [
        5,
        1.0,
        39.0,
        [0.9995683444884527, 0.00015770771586347558, 7.395939135475675e-5],
        0.0020618141568609044,
      ],
    ],
  },
  tinyB: {
    params: { r: 0.553, alpha: 10.578, b: 1e-7, s: 0.606, beta: 1.1667e-6 },
    customers: [
      [0, 0.0, 39.0, [0.9542815163823432, 0.03559884764646946, 0.0018371027546422577], 0.47722457835582976],
      [2, 30.43, 38.86, [0.536982985905419, 0.2543224255717573, 0.05257478340376763], 6.515003119490852],
      [26, 30.86, 31.0, [0.02383423486053767, 0.020715470492659517, 0.021114176722372806], 86.46259679701029],
      [
        5,
        1.0,
        39.0,
        [0.9988448136809701, 0.00036224690352568725, 0.00021630717027447925],
        0.02377296729104886,
      ],
    ],
  },
  largeS: {
    params: { r: 2, alpha: 5, b: 0.3, s: 25, beta: 40 },
    customers: [
      [0, 0.0, 39.0, [1.0, 1.642249620277805e-91, 1.736744399687264e-95], 1.671521554538651e-91],
      [2, 30.43, 38.86, [1.0, 1.957165047004396e-30, 5.146129418416699e-34], 2.0161437876552032e-30],
      [
        26,
        30.86,
        31.0,
        [0.9683558397651116, 0.0285842810358418, 0.00027309263082097337],
        0.035030299701224225,
      ],
      [5, 1.0, 39.0, [1.0, 9.852298935492327e-95, 6.071774330681713e-98], 1.0330076463142539e-94],
    ],
  },
  steep: {
    params: { r: 0.8, alpha: 3, b: 20, s: 0.5, beta: 1000 },
    customers: [
      [0, 0.0, 39.0, [1.0, 3.3803791324249885e-172, 9.398168548449997e-177], 3.408400095319722e-172],
      [2, 30.43, 38.86, [1.0, 8.643068466545479e-40, 8.672615654650146e-44], 8.797786800922014e-40],
      [
        26,
        30.86,
        31.0,
        [0.9829354501295717, 0.015781171184428042, 9.153848249893556e-5],
        0.018451110838931344,
      ],
      [5, 1.0, 39.0, [1.0, 1.694817412074272e-173, 4.84522329526967e-177], 1.74947806668046e-173],
    ],
  },
  peaked: {
    params: { r: 1.5, alpha: 2, b: 0.4, s: 3, beta: 5000 },
    customers: [
      [
        0,
        0.0,
        39.0,
        [0.9999999999948709, 4.889655957651159e-12, 1.3928700418142434e-14],
        5.37299347098448e-12,
      ],
      [
        2,
        30.43,
        38.86,
        [0.9999986157574068, 1.27162918412472e-6, 9.63883504887658e-9],
        1.5056884342475289e-6,
      ],
      [26, 30.86, 31.0, [0.6551664565996104, 0.20177957371396962, 0.03456898708986405], 0.5912113872105574],
      [
        5,
        1.0,
        39.0,
        [0.99999999999999, 8.664777030608535e-15, 1.5262830561741312e-16],
        1.1406498598775804e-14,
      ],
    ],
  },
} as const;

const RELATIVE = 1e-10;
const relativeError = (value: number, reference: number) => Math.abs(value - reference) / Math.abs(reference);
const COUNTS = [0, 1, 3] as const;
const DERT_OPTIONS = { discountRate: 0.15, timeUnit: 'week' } as const;

type Row = readonly [number, number, number, readonly number[], number];

/** Each customer's P(Y(20) = 0, 1, 3 | history) and DERT against the reference, to `tolerance` relative. */
function expectCustomers(fit: ModelSpec, customers: readonly Row[], tolerance: number): void {
  for (const [x, tx, T, probabilities, dert] of customers) {
    const customer = { frequency: x, recency: tx, T };
    COUNTS.forEach((count, i) => {
      const value = conditionalPurchaseProbability(fit, customer, count, 20);
      expect(
        relativeError(value, probabilities[i] as number),
        `P(${count}) of ${x}, ${tx}, ${T}`,
      ).toBeLessThanOrEqual(tolerance);
    });
    const value = discountedExpectedTransactions(fit, customer, DERT_OPTIONS);
    expect(relativeError(value, dert), `DERT of ${x}, ${tx}, ${T}`).toBeLessThanOrEqual(tolerance);
  }
}

describe('GGom/NBD conditional purchase probabilities and DERT against scripts/reference/ggomnbd_conditional.py', () => {
  for (const [name, point] of Object.entries(REFERENCE)) {
    it(`${name}: P(Y(20) = 0, 1, 3 | history) and DERT, to ${RELATIVE} relative (down to 1e−177)`, () => {
      expectCustomers({ model: 'ggomNbd', params: point.params }, point.customers, RELATIVE);
    });
  }
});

// the same script's NBD values (closed forms at r 0.385, alpha 12.072: scripts/reference/nbd_cdnow.py's CDNOW
// fit, rounded)
const NBD = [
  [0, 0, 39.0, [0.8805346821518663, 0.09539786487743936, 0.004158995770876768], 2.814311745403685],
  [2, 30.43, 38.86, [0.4538519775797007, 0.30520412973766037, 0.060026497958761256], 17.48203526602304],
  [26, 30.86, 31.0, [4.2613511548640246e-5, 0.0003565314251049191, 0.00464445751649518], 228.69485764912304],
  [5, 1, 39.0, [0.1687205990789894, 0.2556732401059089, 0.15911398167374524], 39.36381493246453],
] as const;

describe('NBD conditional purchase probabilities and DERT against scripts/reference/ggomnbd_conditional.py', () => {
  it('P(Y(20) = 0, 1, 3 | x, T) = NBD(n; r+x, α+T, 20) and DERT = (r+x)/((α+T)δ), to 1e−13 relative', () => {
    expectCustomers({ model: 'nbd', params: { r: 0.385, alpha: 12.072 } }, NBD, 1e-13);
  });
});
