import { describe, expect, it } from 'vitest';
import { bgNbdFunctions } from '../../../src/clv/bgNbd/likelihood';
import { continuousRows } from '../../../src/clv/core/rows';
import { fitBgNbd, fitMbgNbd } from '../../../src/index';
import { expectClose } from '../../helpers/numbers';

// Session 30 (issue 18): the closed-form observed information of BG/NBD and MBG/NBD, and the pair-table
// objective, against mpmath at 40 digits (scripts/reference/bgnbd_information.py: the Hessian and gradient
// of ln L by mpmath.diff of the log-likelihood itself).

/** The histogram of fitBgNbd's TSDoc example. */
const example = [
  [0, 0, 38, 600],
  [0, 0, 30, 300],
  [1, 4, 38, 100],
  [1, 30, 36, 90],
  [2, 10, 38, 40],
  [2, 33, 35, 40],
  [4, 20, 37, 20],
  [6, 35, 37, 15],
  [12, 36, 38, 5],
].map(([frequency, recency, T, weight]) => ({ frequency, recency, T, weight }));

/** Few distinct t_x and T: fewer (x, T) and (x, t_x) pairs than half the rows, so the pair tables are used. */
const grid = [0, 1, 2, 5].flatMap((frequency) =>
  (frequency === 0 ? [0] : [2, 6, 10]).flatMap((recency) =>
    Array.from({ length: 20 }, (_, k) => 12 + 2 * k).map((T) => ({
      frequency,
      recency,
      T,
      weight: 1 + ((frequency + recency + T) % 7),
    })),
  ),
);

const cases: readonly {
  readonly rows: 'example' | 'grid';
  readonly shift: 0 | 1;
  readonly at: readonly number[];
  readonly logLikelihood: number;
  readonly gradient: readonly number[];
  readonly information: readonly (readonly number[])[];
}[] = [
  {
    rows: 'example',
    shift: 0,
    at: [0.185, 3.5, 0.9, 2.4],
    logLikelihood: -2876.2633137874576,
    gradient: [-927.12992041990728, 29.860515592001745, 30.535752899572786, -10.659895728967593],
    information: [
      [9090.2375137126465, -299.28778146532994, -52.744914679280089, 18.085886146385628],
      [-299.28778146532994, 15.426658928127302, 4.2206239703887894, -1.3928096374813981],
      [-52.744914679280089, 4.2206239703887894, 80.882131137128661, -14.402232459614089],
      [18.085886146385628, -1.3928096374813981, -14.402232459614089, 0.71726318367837205],
    ],
  },
  {
    rows: 'example',
    shift: 0,
    at: [1.3, 12.0, 0.2, 7.0],
    logLikelihood: -3959.3776557795523,
    gradient: [-1302.5038300590666, 82.220873377644113, 164.88715760750552, -4.5117133957324501],
    information: [
      [181.32505783451705, -70.955741773988958, -156.1651570644985, 4.2942729462378187],
      [-70.955741773988958, 9.4229305275490986, 14.147551175902264, -0.3853967292661509],
      [-156.1651570644985, 14.147551175902264, 281.30760537252137, 14.885761479408683],
      [4.2942729462378187, -0.3853967292661509, 14.885761479408683, -1.0293937587185217],
    ],
  },
  {
    rows: 'example',
    shift: 1,
    at: [0.185, 3.5, 0.9, 2.4],
    logLikelihood: -2857.6532272845629,
    gradient: [-145.40808537485379, 15.162936196886323, 42.518778338174672, -10.876669461890223],
    information: [
      [7869.3295133844297, -189.00241795857409, -618.28046724125528, 224.31090014094842],
      [-189.00241795857409, 10.083546486238004, 15.935763303058198, -5.3358586887360395],
      [-618.28046724125528, 15.935763303058198, 113.1615554929734, -20.20372575703878],
      [224.31090014094842, -5.3358586887360395, -20.20372575703878, 3.5825917250571709],
    ],
  },
  {
    rows: 'example',
    shift: 1,
    at: [1.3, 12.0, 0.2, 7.0],
    logLikelihood: -3856.0681428893788,
    gradient: [-1126.3817795342445, 71.990649993971082, 637.16201575454957, -17.520871809343434],
    information: [
      [-28.598501055024054, -50.691201959582459, -914.45445326946861, 25.479207087715734],
      [-50.691201959582459, 7.6301449548630957, 58.44348343175161, -1.608383122039149],
      [-914.45445326946861, 58.44348343175161, 688.93781714664574, 68.994447225248628],
      [25.479207087715734, -1.608383122039149, 68.994447225248628, -4.3378675157129986],
    ],
  },
  {
    rows: 'grid',
    shift: 0,
    at: [0.185, 3.5, 0.9, 2.4],
    logLikelihood: -5995.1342140649435,
    gradient: [3561.1557740958032, -189.20432071450152, 171.08367985867105, -19.258298941747914],
    information: [
      [21506.167900950306, -135.36826243185721, -119.31619136238958, 38.405752280250161],
      [-135.36826243185721, -21.479075192379715, 13.842276753575908, -3.9607315355856131],
      [-119.31619136238958, 13.842276753575908, 456.39991286643995, -74.580813581570901],
      [38.405752280250161, -3.9607315355856131, -74.580813581570901, 22.64836872457286],
    ],
  },
  {
    rows: 'grid',
    shift: 0,
    at: [1.3, 12.0, 0.2, 7.0],
    logLikelihood: -6279.0150591884325,
    gradient: [245.79674924846349, -41.734830699660285, 1231.2658380770951, -25.963829151573068],
    information: [
      [468.94783475118832, -23.203778758279296, -483.35899241810826, 11.98740040496311],
      [-23.203778758279296, -1.2600929163602959, 66.035302194773488, -1.5303478421113014],
      [-483.35899241810826, 66.035302194773488, 4602.698044414849, 36.867638585336313],
      [11.98740040496311, -1.5303478421113014, 36.867638585336313, -3.7364136505032792],
    ],
  },
  {
    rows: 'grid',
    shift: 1,
    at: [0.185, 3.5, 0.9, 2.4],
    logLikelihood: -6242.2830805933163,
    gradient: [3591.5582019191563, -186.95351839671395, 14.736301344817517, 48.929193523351942],
    information: [
      [21392.88351509072, -126.1444645870758, -177.81427660510127, 48.106007850254835],
      [-126.1444645870758, -21.683685652249591, 16.379431213799122, -3.6513820791565083],
      [-177.81427660510127, 16.379431213799122, 391.64071619513903, -106.72776493123295],
      [48.106007850254835, -3.6513820791565083, -106.72776493123295, 62.035947023917477],
    ],
  },
  {
    rows: 'grid',
    shift: 1,
    at: [1.3, 12.0, 0.2, 7.0],
    logLikelihood: -6314.7050833155404,
    gradient: [248.45463231707806, -41.117948350969397, 1136.2776911359444, -20.945390654066028],
    information: [
      [454.58105034080057, -22.113829367894319, -531.20833393949768, 12.029811536639954],
      [-22.113829367894319, -1.2966865029338155, 68.875385644935136, -1.4463107734001165],
      [-531.20833393949768, 68.875385644935136, 4407.6630768528464, 24.423910232749497],
      [12.029811536639954, -1.4463107734001165, 24.423910232749497, -2.4253344440875512],
    ],
  },
];

describe('BG/NBD and MBG/NBD likelihood kernel (internal)', () => {
  it.each(cases)(
    '$rows rows, shift $shift, at $at: ln L, its gradient and the information matrix match mpmath',
    (c) => {
      const rows = continuousRows('test', c.rows === 'example' ? example : grid);
      const functions = bgNbdFunctions(rows, c.shift);
      expect(functions.pairTables).toBe(c.rows === 'grid');
      const logParams = Float64Array.from(c.at, Math.log);
      const gradient = new Float64Array(4);
      const value = functions.objective(logParams, gradient);
      expectClose(-value * rows.total, c.logLikelihood, 1e-14);
      // the objective's gradient is over log-parameters: −θ ∂ln L/∂θ / n
      const scale = Math.max(...c.gradient.map((g, i) => Math.abs(g * (c.at[i] as number))));
      c.gradient.forEach((g, i) => {
        const expected = (-g * (c.at[i] as number)) / rows.total;
        expect(Math.abs((gradient[i] as number) - expected)).toBeLessThanOrEqual(
          (1e-13 * scale) / rows.total,
        );
      });
      const information = functions.information(logParams) as Float64Array;
      expect(information).not.toBeNull();
      for (let i = 0; i < 4; i++) {
        for (let j = 0; j < 4; j++) {
          const expected = c.information[i]?.[j] as number;
          const size = Math.sqrt(
            Math.abs((c.information[i]?.[i] as number) * (c.information[j]?.[j] as number)),
          );
          expect(
            Math.abs((information[i * 4 + j] as number) - expected),
            `entry (${i}, ${j})`,
          ).toBeLessThanOrEqual(1e-11 * Math.max(size, Math.abs(expected)));
          // symmetric to the bit
          expect(information[i * 4 + j]).toBe(information[j * 4 + i]);
        }
      }
    },
  );

  it('the fits take their standard errors from it: raw rows and their histogram give the same bits', () => {
    const raw = grid.flatMap((row) => Array.from({ length: row.weight }, () => ({ ...row, weight: 1 })));
    for (const fit of [fitBgNbd, fitMbgNbd]) {
      const fromHistogram = fit(grid);
      expect(JSON.stringify(fit(raw))).toBe(JSON.stringify(fromHistogram));
      expect(fromHistogram.standardErrors).not.toBeNull();
    }
  });
});
