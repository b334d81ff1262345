import { describe, expect, it } from 'vitest';
import { conditionalPurchaseProbability, discountedExpectedTransactions } from '../../../src/index';

// 40-digit values from scripts/reference/ggomnbd_conditional.py (mpmath 1.3; the joint probability of the
// history and the future count over λ and the lifetime, divided by the likelihood: not the library's route),
// rounded to 17 digits. Per customer [x, t_x, T, P(Y(20) = 0, 1, 3 | history), DERT at 15% a year in weeks].
const REFERENCE = {
  interior: {
    params: { r: 0.55, alpha: 10.58, b: 0.05, s: 0.6, beta: 0.5 },
    customers: [
      [
        0,
        0.0,
        39.0,
        [0.98155393841348313, 0.014653847377342503, 0.00066677297542791467],
        0.047099841337222775,
      ],
      [2, 30.43, 38.86, [0.67699188753216388, 0.18819947345794608, 0.033052111774987367], 1.0877293427105646],
      [
        26,
        30.86,
        31.0,
        [0.055933926570357209, 0.048068745018024478, 0.044180728680246302],
        18.661510897147715,
      ],
      [
        5,
        1.0,
        39.0,
        [0.99956834448845264, 0.00015770771586347558, 7.3959391354756753e-5],
        0.0020618141568609042,
      ],
    ],
  },
  tinyB: {
    params: { r: 0.553, alpha: 10.578, b: 1e-7, s: 0.606, beta: 1.1667e-6 },
    customers: [
      [0, 0.0, 39.0, [0.95428151638234311, 0.035598847646469459, 0.0018371027546422577], 0.47722457835582975],
      [2, 30.43, 38.86, [0.53698298590541906, 0.25432242557175733, 0.052574783403767632], 6.5150031194908521],
      [
        26,
        30.86,
        31.0,
        [0.02383423486053767, 0.020715470492659518, 0.021114176722372806],
        86.462596797010295,
      ],
      [
        5,
        1.0,
        39.0,
        [0.99884481368097013, 0.00036224690352568723, 0.00021630717027447924],
        0.023772967291048861,
      ],
    ],
  },
  largeS: {
    params: { r: 2, alpha: 5, b: 0.3, s: 25, beta: 40 },
    customers: [
      [0, 0.0, 39.0, [1.0, 1.6422496202778051e-91, 1.7367443996872637e-95], 1.6715215545386509e-91],
      [2, 30.43, 38.86, [1.0, 1.957165047004396e-30, 5.1461294184166987e-34], 2.0161437876552032e-30],
      [
        26,
        30.86,
        31.0,
        [0.96835583976511168, 0.028584281035841801, 0.00027309263082097335],
        0.035030299701224227,
      ],
      [5, 1.0, 39.0, [1.0, 9.8522989354923271e-95, 6.0717743306817131e-98], 1.0330076463142539e-94],
    ],
  },
  steep: {
    params: { r: 0.8, alpha: 3, b: 20, s: 0.5, beta: 1000 },
    customers: [
      [0, 0.0, 39.0, [1.0, 3.3803791324249885e-172, 9.398168548449998e-177], 3.4084000953197216e-172],
      [2, 30.43, 38.86, [1.0, 8.6430684665454793e-40, 8.6726156546501456e-44], 8.7977868009220138e-40],
      [
        26,
        30.86,
        31.0,
        [0.98293545012957174, 0.015781171184428041, 9.1538482498935562e-5],
        0.018451110838931346,
      ],
      [5, 1.0, 39.0, [1.0, 1.694817412074272e-173, 4.8452232952696694e-177], 1.7494780666804598e-173],
    ],
  },
  peaked: {
    params: { r: 1.5, alpha: 2, b: 0.4, s: 3, beta: 5000 },
    customers: [
      [
        0,
        0.0,
        39.0,
        [0.99999999999487089, 4.8896559576511588e-12, 1.3928700418142434e-14],
        5.3729934709844803e-12,
      ],
      [
        2,
        30.43,
        38.86,
        [0.99999861575740678, 1.2716291841247199e-6, 9.6388350488765803e-9],
        1.5056884342475289e-6,
      ],
      [
        26,
        30.86,
        31.0,
        [0.65516645659961035, 0.20177957371396962, 0.034568987089864051],
        0.59121138721055748,
      ],
      [
        5,
        1.0,
        39.0,
        [0.99999999999999006, 8.664777030608535e-15, 1.5262830561741312e-16],
        1.1406498598775805e-14,
      ],
    ],
  },
} as const;

const RELATIVE = 1e-10;
const relativeError = (value: number, reference: number) => Math.abs(value - reference) / Math.abs(reference);
const COUNTS = [0, 1, 3] as const;
const DERT_OPTIONS = { discountRate: 0.15, timeUnit: 'week' } as const;

describe('GGom/NBD conditional purchase probabilities and DERT against scripts/reference/ggomnbd_conditional.py', () => {
  for (const [name, point] of Object.entries(REFERENCE)) {
    const fit = { model: 'ggomNbd', params: point.params } as const;
    it(`${name}: P(Y(20) = 0, 1, 3 | history) and DERT, to ${RELATIVE} relative (down to 1e−177)`, () => {
      for (const [x, tx, T, probabilities, dert] of point.customers) {
        const customer = { frequency: x, recency: tx, T };
        COUNTS.forEach((count, i) => {
          const value = conditionalPurchaseProbability(fit, customer, count, 20);
          expect(
            relativeError(value, probabilities[i] as number),
            `P(${count}) of ${x}, ${tx}, ${T}`,
          ).toBeLessThanOrEqual(RELATIVE);
        });
        const value = discountedExpectedTransactions(fit, customer, DERT_OPTIONS);
        expect(relativeError(value, dert), `DERT of ${x}, ${tx}, ${T}`).toBeLessThanOrEqual(RELATIVE);
      }
    });
  }
});

// the same script's NBD values (closed forms at r 0.385, alpha 12.072: scripts/reference/nbd_cdnow.py's CDNOW
// fit, rounded)
const NBD = [
  [0, 0, 39.0, [0.88053468215186629, 0.095397864877439363, 0.0041589957708767683], 2.8143117454036849],
  [2, 30.43, 38.86, [0.45385197757970072, 0.30520412973766035, 0.060026497958761253], 17.482035266023041],
  [26, 30.86, 31.0, [4.2613511548640247e-5, 0.00035653142510491911, 0.00464445751649518], 228.69485764912305],
  [5, 1, 39.0, [0.16872059907898939, 0.25567324010590891, 0.15911398167374524], 39.363814932464528],
] as const;

describe('NBD conditional purchase probabilities and DERT against scripts/reference/ggomnbd_conditional.py', () => {
  const fit = { model: 'nbd', params: { r: 0.385, alpha: 12.072 } } as const;
  it(`P(Y(20) = 0, 1, 3 | x, T) = NBD(n; r+x, α+T, 20) and DERT = (r+x)/((α+T)δ), to 1e−13 relative`, () => {
    for (const [x, tx, T, probabilities, dert] of NBD) {
      const customer = { frequency: x, recency: tx, T };
      COUNTS.forEach((count, i) => {
        expect(
          relativeError(conditionalPurchaseProbability(fit, customer, count, 20), probabilities[i] as number),
        ).toBeLessThanOrEqual(1e-13);
      });
      expect(
        relativeError(discountedExpectedTransactions(fit, customer, DERT_OPTIONS), dert),
      ).toBeLessThanOrEqual(1e-13);
    }
  });
});
