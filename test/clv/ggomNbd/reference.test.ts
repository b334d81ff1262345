import { describe, expect, it } from 'vitest';
import { continuousRows } from '../../../src/clv/core/rows';
import { ggomNbdObjective } from '../../../src/clv/ggomNbd/likelihood';
import { MODELS } from '../../../src/clv/registry';
import { expectedPurchases, probabilityAlive, purchaseProbability } from '../../../src/index';

// 40-digit values from scripts/reference/ggomnbd_reference.py (mpmath 1.3 tanh-sinh quadrature, split at
// the integrands' scales and modes), printed to 17 digits. Per customer [x, t_x, T, ln L, P(alive),
// E[purchases in the next 52 | alive]]; E[X(52)] of a new customer; P(X(20) = 0, 1, 3, 10).
const REFERENCE = {
  interior: {
    params: { r: 0.55, alpha: 10.58, b: 0.05, s: 0.6, beta: 0.5 },
    customers: [
      [0, 0.0, 39.0, -0.44298881809828963, 0.14253535434916377, 0.28520162347050071],
      [2, 30.43, 38.86, -10.001029848745077, 0.70811571467355233, 1.3258106331397503],
      [26, 30.86, 31.0, -39.633748138651297, 0.99509504381982487, 16.21158358624748],
      [5, 1.0, 39.0, -10.962022018362758, 0.00061833293467338004, 2.8779436550205072],
      [500, 38.5, 39.0, 654.2815304059377, 0.66176731757099902, 259.55940477847115],
      [10000, 99.0, 100.0, 35125.06790835401, 1.0317921092505629e-36, 2378.5360925353654],
    ],
    newCustomer52: 1.0768432993031732,
    purchaseProbability: [
      0.68262249701657199, 0.16608082860939655, 0.035199871307560179, 0.00084487345312646526,
    ],
  },
  tinyB: {
    params: { r: 0.553, alpha: 10.578, b: 1e-7, s: 0.606, beta: 1.1667e-6 },
    customers: [
      [0, 0.0, 39.0, -0.52148145635634484, 0.29443557609721021, 0.46017142264000405],
      [2, 30.43, 38.86, -9.5543576728664761, 0.86916202691665747, 2.1294079600374889],
      [26, 30.86, 31.0, -39.131747589313947, 0.99791862934241725, 25.511316259913924],
      [5, 1.0, 39.0, -11.164404625790292, 0.0014606572933449214, 4.6208533633272016],
      [500, 38.5, 39.0, 654.73276110284017, 0.84106069098367108, 416.52836549135976],
      [10000, 99.0, 100.0, 35125.592307750319, 5.8037444366969736e-36, 4166.9484342035172],
    ],
    newCustomer52: 1.4729102872553986,
    purchaseProbability: [
      0.65600567932480295, 0.17289024877697267, 0.039859981368909728, 0.001052124372029697,
    ],
  },
  largeS: {
    params: { r: 2, alpha: 5, b: 0.3, s: 25, beta: 40 },
    customers: [
      [0, 0.0, 39.0, -0.72008481154957411, 2.7581380479355399e-89, 0.0060624909969250203],
      [2, 30.43, 38.86, -145.38309941506504, 1.6580807805898261e-28, 0.012163846847612119],
      [26, 30.86, 31.0, -171.84072128688954, 0.33675881959726212, 0.10405919544217708],
      [5, 1.0, 39.0, -4.4200037916884776, 4.8701182898237915e-93, 0.021218718489237571],
      [500, 38.5, 39.0, 529.37151488549538, 0.00019260491501301559, 1.5216852402281801],
      [10000, 99.0, 100.0, 35015.25511275071, 2.0675171117738777e-44, 12.70095238099695],
    ],
    newCustomer52: 1.0953725295583033,
    purchaseProbability: [
      0.48671097549743973, 0.24542752590599768, 0.065530927054252417, 0.0010104927833974145,
    ],
  },
  steep: {
    params: { r: 0.8, alpha: 3, b: 20, s: 0.5, beta: 1000 },
    customers: [
      [0, 0.0, 39.0, -0.10264131552790396, 1.7898893589869382e-169, 0.0019047619047619048],
      [2, 30.43, 38.86, -309.43737610943619, 1.3156214329385961e-37, 0.0066889632107023411],
      [26, 30.86, 31.0, -338.26691763493658, 0.23414395759916092, 0.078823529411764706],
      [5, 1.0, 39.0, -9.5425978245706735, 1.2672027679121643e-171, 0.01380952380952381],
      [500, 38.5, 39.0, 362.64991360338338, 3.6919386141794291e-5, 1.1923809523809524],
      [10000, 99.0, 100.0, 34865.45845801121, 2.0735441886940364e-46, 9.7095145631067961],
    ],
    newCustomer52: 0.11063599119865454,
    purchaseProbability: [
      0.90245061045707237, 0.086169214928180986, 0.0012608193177957078, 5.0679905861007334e-9,
    ],
  },
  peaked: {
    params: { r: 1.5, alpha: 2, b: 0.4, s: 3, beta: 5000 },
    customers: [
      [0, 0.0, 39.0, -3.3239686214078257, 1.7651666666842803e-10, 0.03050699173143844],
      [2, 30.43, 38.86, -20.942151226221884, 2.1126450506192902e-5, 0.071429464346540102],
      [26, 30.86, 31.0, -43.624079110429854, 0.84034341896990371, 0.70512393494675746],
      [5, 1.0, 39.0, -8.4871903585746042, 8.647680958856412e-14, 0.13219696416956657],
      [500, 38.5, 39.0, 736.33080789217558, 0.013047986691128849, 10.199504235544252],
      [10000, 99.0, 100.0, 35858.892281871528, 4.0383130924505852e-42, 81.711601307190844],
    ],
    newCustomer52: 13.16588514769317,
    purchaseProbability: [
      0.036667146733069801, 0.048059940586575096, 0.054554148949812412, 0.040548235200687807,
    ],
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
