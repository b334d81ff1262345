import { describe, expect, it } from 'vitest';
import { continuousRows } from '../../../src/clv/core/rows';
import { ggomNbdObjective } from '../../../src/clv/ggomNbd/likelihood';
import { MODELS } from '../../../src/clv/registry';
import { expectedPurchases, probabilityAlive, purchaseProbability } from '../../../src/index';

// 40-digit values from scripts/reference/ggomnbd_reference.py (mpmath 1.3 tanh-sinh quadrature, split at
// the integrands' scales and modes), rounded to the nearest double. Per customer [x, t_x, T, ln L, P(alive),
// E[purchases in the next 52 | alive]]; E[X(52)] of a new customer; P(X(20) = 0, 1, 3, 10).
const REFERENCE = {
  interior: {
    params: { r: 0.55, alpha: 10.58, b: 0.05, s: 0.6, beta: 0.5 },
    customers: [
      [0, 0.0, 39.0, -0.4429888180982896, 0.14253535434916376, 0.2852016234705007],
      [2, 30.43, 38.86, -10.001029848745077, 0.7081157146735523, 1.3258106331397503],
      [26, 30.86, 31.0, -39.6337481386513, 0.9950950438198248, 16.21158358624748],
      [5, 1.0, 39.0, -10.962022018362758, 0.00061833293467338, 2.8779436550205073],
      [500, 38.5, 39.0, 654.2815304059377, 0.661767317570999, 259.55940477847116],
      [10000, 99.0, 100.0, 35125.06790835401, 1.0317921092505628e-36, 2378.5360925353652],
    ],
    newCustomer52: 1.0768432993031731,
    purchaseProbability: [0.682622497016572, 0.16608082860939655, 0.03519987130756018, 0.0008448734531264653],
  },
  tinyB: {
    params: { r: 0.553, alpha: 10.578, b: 1e-7, s: 0.606, beta: 1.1667e-6 },
    customers: [
      [0, 0.0, 39.0, -0.5214814563563448, 0.2944355760972102, 0.46017142264000405],
      [2, 30.43, 38.86, -9.554357672866477, 0.8691620269166574, 2.129407960037489],
      [26, 30.86, 31.0, -39.131747589313946, 0.9979186293424173, 25.511316259913922],
      [5, 1.0, 39.0, -11.164404625790292, 0.0014606572933449215, 4.6208533633272015],
      [500, 38.5, 39.0, 654.7327611028402, 0.8410606909836711, 416.52836549135975],
      [10000, 99.0, 100.0, 35125.59230775032, 5.803744436696974e-36, 4166.9484342035175],
    ],
    newCustomer52: 1.4729102872553985,
    purchaseProbability: [
      0.6560056793248029, 0.17289024877697268, 0.039859981368909725, 0.001052124372029697,
    ],
  },
  largeS: {
    params: { r: 2, alpha: 5, b: 0.3, s: 25, beta: 40 },
    customers: [
      [0, 0.0, 39.0, -0.7200848115495742, 2.75813804793554e-89, 0.00606249099692502],
      [2, 30.43, 38.86, -145.38309941506503, 1.658080780589826e-28, 0.012163846847612118],
      [26, 30.86, 31.0, -171.84072128688953, 0.3367588195972621, 0.10405919544217708],
      [5, 1.0, 39.0, -4.420003791688478, 4.870118289823791e-93, 0.02121871848923757],
      [500, 38.5, 39.0, 529.3715148854953, 0.00019260491501301558, 1.5216852402281802],
      [10000, 99.0, 100.0, 35015.25511275071, 2.0675171117738777e-44, 12.70095238099695],
    ],
    newCustomer52: 1.0953725295583032,
    purchaseProbability: [
      0.48671097549743975, 0.24542752590599767, 0.06553092705425241, 0.0010104927833974144,
    ],
  },
  steep: {
    params: { r: 0.8, alpha: 3, b: 20, s: 0.5, beta: 1000 },
    customers: [
      [0, 0.0, 39.0, -0.10264131552790395, 1.789889358986938e-169, 0.0019047619047619048],
      [2, 30.43, 38.86, -309.4373761094362, 1.315621432938596e-37, 0.006688963210702341],
      [26, 30.86, 31.0, -338.2669176349366, 0.23414395759916093, 0.07882352941176471],
      [5, 1.0, 39.0, -9.542597824570674, 1.2672027679121643e-171, 0.01380952380952381],
      [500, 38.5, 39.0, 362.64991360338337, 3.691938614179429e-5, 1.1923809523809523],
      [10000, 99.0, 100.0, 34865.45845801121, 2.0735441886940363e-46, 9.709514563106795],
    ],
    newCustomer52: 0.11063599119865454,
    purchaseProbability: [
      0.9024506104570724, 0.08616921492818098, 0.0012608193177957078, 5.067990586100733e-9,
    ],
  },
  peaked: {
    params: { r: 1.5, alpha: 2, b: 0.4, s: 3, beta: 5000 },
    customers: [
      [0, 0.0, 39.0, -3.323968621407826, 1.7651666666842803e-10, 0.03050699173143844],
      [2, 30.43, 38.86, -20.942151226221885, 2.11264505061929e-5, 0.0714294643465401],
      [26, 30.86, 31.0, -43.624079110429854, 0.8403434189699037, 0.7051239349467575],
      [5, 1.0, 39.0, -8.487190358574605, 8.647680958856412e-14, 0.13219696416956658],
      [500, 38.5, 39.0, 736.3308078921756, 0.01304798669112885, 10.199504235544252],
      [10000, 99.0, 100.0, 35858.89228187153, 4.038313092450585e-42, 81.71160130719085],
    ],
    newCustomer52: 13.16588514769317,
    purchaseProbability: [
      0.036667146733069804, 0.048059940586575096, 0.05455414894981241, 0.04054823520068781,
    ],
  },
  // where fitGgomNbd's optimiser wanders on rows with one T of 123,456.7 (s ≈ 5e5, β ≈ 1.6e6)
  ridge: {
    params: { r: 0.712, alpha: 38.67, b: 0.0415, s: 546560, beta: 1574548.75 },
    customers: [
      [0, 0.0, 39.0, -0.3281250192836538, 0.20748174113771908, 0.08827688002996205],
      [2, 30.43, 38.86, -9.8107273834581, 0.5587663389294242, 0.33832479811714145],
      [26, 30.86, 31.0, -51.58617775820925, 0.9925497858813529, 4.703671015653763],
      [5, 1.0, 39.0, -16.280919607780824, 0.03597582046775144, 0.7081987903527291],
      [500, 38.5, 39.0, 431.4028372601671, 0.7833322712833415, 62.08046791230668],
      [10000, 99.0, 100.0, 32831.32428266061, 1.2598331279604105e-30, 75.62831589427303],
    ],
    newCustomer52: 0.49410422674976734,
    purchaseProbability: [0.7812049909496358, 0.1580883858360356, 0.012519516991970493, 4.345208190124363e-6],
  },
} as const;

const RELATIVE = 1e-10;
const relativeError = (value: number, reference: number) => Math.abs(value - reference) / Math.abs(reference);

describe('GGom/NBD against the 40-digit evaluation of scripts/reference/ggomnbd_reference.py', () => {
  for (const [name, point] of Object.entries(REFERENCE)) {
    const fit = { model: 'ggomNbd', params: point.params } as const;
    const { r, alpha, b, s, beta } = point.params;
    const logParams = Float64Array.from([r, alpha, b, s, beta], Math.log);

    it(`${name}: the log-likelihood of each customer, to ${RELATIVE} relative (x up to 10⁴)`, () => {
      for (const [x, tx, T, logLikelihood] of point.customers) {
        const objective = ggomNbdObjective(continuousRows('test', [{ frequency: x, recency: tx, T }]));
        expect(relativeError(-objective(logParams, null), logLikelihood)).toBeLessThanOrEqual(RELATIVE);
      }
    });

    it(`${name}: the same log-likelihoods from one objective over all six customers`, () => {
      const rows = point.customers.map(([x, tx, T]) => ({ frequency: x, recency: tx, T }));
      const objective = ggomNbdObjective(continuousRows('test', rows));
      const total = point.customers.reduce((sum, customer) => sum + customer[3], 0);
      expect(Math.abs(-6 * objective(logParams, null) - total)).toBeLessThanOrEqual(RELATIVE * 36_000);
    });

    it(`${name}: P(alive) and the expected purchases given alive, to ${RELATIVE} relative`, () => {
      for (const [x, tx, T, , alive, ifAlive] of point.customers) {
        const customer = { frequency: x, recency: tx, T };
        expect(relativeError(probabilityAlive(fit, customer), alive)).toBeLessThanOrEqual(RELATIVE);
        const expectedIfAlive =
          MODELS.ggomNbd.predictions.expectedIfAlive?.(point.params, x, T, 52) ?? Number.NaN;
        expect(relativeError(expectedIfAlive, ifAlive)).toBeLessThanOrEqual(RELATIVE);
        expect(relativeError(expectedPurchases(fit, 52, customer), alive * ifAlive)).toBeLessThanOrEqual(
          2 * RELATIVE,
        );
      }
    });

    it(`${name}: a new customer's expected purchases and purchase probabilities, to ${RELATIVE} relative`, () => {
      expect(relativeError(expectedPurchases(fit, 52), point.newCustomer52)).toBeLessThanOrEqual(RELATIVE);
      [0, 1, 3, 10].forEach((count, i) => {
        expect(
          relativeError(purchaseProbability(fit, count, 20), point.purchaseProbability[i] as number),
        ).toBeLessThanOrEqual(RELATIVE);
      });
    });
  }
});

describe('GGom/NBD quadrature: a grid interval whose mass lies just inside one end', () => {
  // Property run of session 35 (seed 89514430 of "as b → 0 ..."): the rows' common grid has the interval
  // [1.0786, 545.5], whose integrand falls like y^−16.8 so that nearly all its mass lies within 0.1 of its
  // left end, before the first Kronrod node (at 3.4). Both rules saw only the tail and agreed: the piece
  // was accepted at 1e−7 of its value, and ln L of the frequency-1 row was 2.4e−5 off.
  const rows = [
    { frequency: 1, recency: 0.5455472002043539, T: 545.5472002043539, weight: 2 },
    { frequency: 2, recency: 0.001078632042520344, T: 1.078632042520344, weight: 29 },
    { frequency: 0, recency: 0, T: 0.01, weight: 1 },
  ];

  it('one objective over the rows equals the weighted sum of each row’s own (1e−12 relative)', () => {
    for (const [b, s] of [
      [1e-9, 14.82119409634932],
      [1e-12, 20],
    ] as const) {
      const logParams = Float64Array.from([0.01, 0.01, b, s, b * 0.01], Math.log);
      const together = ggomNbdObjective(continuousRows('test', rows))(logParams, null);
      const each = rows.reduce(
        (sum, row) => sum + row.weight * ggomNbdObjective(continuousRows('test', [row]))(logParams, null),
        0,
      );
      expect(relativeError(together, each / 32)).toBeLessThanOrEqual(1e-12);
    }
  });
});
