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
    logLikelihood: -2876.2633137874577,
    gradient: [-927.1299204199073, 29.860515592001747, 30.535752899572785, -10.659895728967593],
    information: [
      [9090.237513712647, -299.28778146532994, -52.744914679280086, 18.08588614638563],
      [-299.28778146532994, 15.426658928127303, 4.22062397038879, -1.392809637481398],
      [-52.744914679280086, 4.22062397038879, 80.88213113712867, -14.402232459614089],
      [18.08588614638563, -1.392809637481398, -14.402232459614089, 0.717263183678372],
    ],
  },
  {
    rows: 'example',
    shift: 0,
    at: [1.3, 12.0, 0.2, 7.0],
    logLikelihood: -3959.3776557795522,
    gradient: [-1302.5038300590666, 82.22087337764411, 164.88715760750551, -4.51171339573245],
    information: [
      [181.32505783451705, -70.95574177398896, -156.1651570644985, 4.294272946237819],
      [-70.95574177398896, 9.422930527549099, 14.147551175902263, -0.3853967292661509],
      [-156.1651570644985, 14.147551175902263, 281.3076053725214, 14.885761479408684],
      [4.294272946237819, -0.3853967292661509, 14.885761479408684, -1.0293937587185218],
    ],
  },
  {
    rows: 'example',
    shift: 1,
    at: [0.185, 3.5, 0.9, 2.4],
    logLikelihood: -2857.653227284563,
    gradient: [-145.40808537485378, 15.162936196886323, 42.51877833817467, -10.876669461890224],
    information: [
      [7869.329513384429, -189.00241795857409, -618.2804672412552, 224.31090014094843],
      [-189.00241795857409, 10.083546486238005, 15.935763303058199, -5.33585868873604],
      [-618.2804672412552, 15.935763303058199, 113.1615554929734, -20.20372575703878],
      [224.31090014094843, -5.33585868873604, -20.20372575703878, 3.582591725057171],
    ],
  },
  {
    rows: 'example',
    shift: 1,
    at: [1.3, 12.0, 0.2, 7.0],
    logLikelihood: -3856.0681428893786,
    gradient: [-1126.3817795342445, 71.99064999397108, 637.1620157545495, -17.520871809343433],
    information: [
      [-28.598501055024055, -50.69120195958246, -914.4544532694686, 25.479207087715736],
      [-50.69120195958246, 7.630144954863096, 58.44348343175161, -1.608383122039149],
      [-914.4544532694686, 58.44348343175161, 688.9378171466458, 68.99444722524863],
      [25.479207087715736, -1.608383122039149, 68.99444722524863, -4.337867515712999],
    ],
  },
  {
    rows: 'grid',
    shift: 0,
    at: [0.185, 3.5, 0.9, 2.4],
    logLikelihood: -5995.134214064943,
    gradient: [3561.1557740958033, -189.2043207145015, 171.08367985867105, -19.258298941747913],
    information: [
      [21506.167900950306, -135.3682624318572, -119.31619136238957, 38.40575228025016],
      [-135.3682624318572, -21.479075192379714, 13.842276753575907, -3.960731535585613],
      [-119.31619136238957, 13.842276753575907, 456.39991286643993, -74.58081358157091],
      [38.40575228025016, -3.960731535585613, -74.58081358157091, 22.64836872457286],
    ],
  },
  {
    rows: 'grid',
    shift: 0,
    at: [1.3, 12.0, 0.2, 7.0],
    logLikelihood: -6279.015059188432,
    gradient: [245.7967492484635, -41.734830699660286, 1231.2658380770952, -25.96382915157307],
    information: [
      [468.94783475118834, -23.203778758279295, -483.35899241810824, 11.98740040496311],
      [-23.203778758279295, -1.2600929163602959, 66.0353021947735, -1.5303478421113015],
      [-483.35899241810824, 66.0353021947735, 4602.698044414849, 36.867638585336316],
      [11.98740040496311, -1.5303478421113015, 36.867638585336316, -3.736413650503279],
    ],
  },
  {
    rows: 'grid',
    shift: 1,
    at: [0.185, 3.5, 0.9, 2.4],
    logLikelihood: -6242.283080593316,
    gradient: [3591.558201919156, -186.95351839671395, 14.736301344817518, 48.92919352335194],
    information: [
      [21392.88351509072, -126.1444645870758, -177.81427660510127, 48.106007850254834],
      [-126.1444645870758, -21.68368565224959, 16.379431213799123, -3.6513820791565084],
      [-177.81427660510127, 16.379431213799123, 391.640716195139, -106.72776493123295],
      [48.106007850254834, -3.6513820791565084, -106.72776493123295, 62.03594702391748],
    ],
  },
  {
    rows: 'grid',
    shift: 1,
    at: [1.3, 12.0, 0.2, 7.0],
    logLikelihood: -6314.705083315541,
    gradient: [248.45463231707805, -41.1179483509694, 1136.2776911359445, -20.945390654066028],
    information: [
      [454.5810503408006, -22.11382936789432, -531.2083339394977, 12.029811536639954],
      [-22.11382936789432, -1.2966865029338155, 68.87538564493514, -1.4463107734001166],
      [-531.2083339394977, 68.87538564493514, 4407.663076852847, 24.423910232749495],
      [12.029811536639954, -1.4463107734001166, 24.423910232749495, -2.425334444087551],
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
    for (const fitOf of [fitBgNbd, fitMbgNbd]) {
      const fromHistogram = fitOf(grid);
      expect(JSON.stringify(fitOf(raw))).toBe(JSON.stringify(fromHistogram));
      expect(fromHistogram.standardErrors).not.toBeNull();
    }
  });
});
