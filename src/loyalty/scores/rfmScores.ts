import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { selectInPlace } from '../../internal/select';
import { optionalObject, optionKeys, requireList } from '../../internal/validate';
import { isSummaryRow } from '../../model/customerSummary';

/**
 * The named RFM segments of the default map.
 *
 * @category Loyalty
 */
export type RfmSegment =
  | 'champions'
  | 'loyal'
  | 'potential loyalist'
  | 'new'
  | 'promising'
  | 'need attention'
  | 'about to sleep'
  | 'at risk'
  | "can't lose them"
  | 'hibernating'
  | 'lost';

/**
 * A summary row to score: `T − recency` is the time since the last purchase, as in {@link rfmSummary}.
 *
 * @category Loyalty
 */
export interface RfmScoreInput {
  /** Carried to the result when present. */
  readonly customerId?: string;
  /** Repeat purchases. */
  readonly frequency: number;
  /** Time of the last purchase since the first. */
  readonly recency: number;
  /** Age: time since the first purchase. */
  readonly T: number;
  /** Average repeat-purchase value (0 without repeats). */
  readonly monetaryValue: number;
}

/**
 * A scored row.
 *
 * @category Loyalty
 */
export interface RfmScoreRow<S extends string = RfmSegment> {
  /** The input row's `customerId`, or null when it had none. */
  readonly customerId: string | null;
  /** Recency score 1–5: 5 for the most recent buyers. */
  readonly r: number;
  /** Frequency score 1–5. */
  readonly f: number;
  /** Monetary score 1–5. */
  readonly m: number;
  /** The segment. */
  readonly segment: S;
}

/**
 * Options of {@link rfmScores}.
 *
 * @category Loyalty
 */
export interface RfmScoresOptions<S extends string = RfmSegment> {
  /** A segment for each (r, f, m); default {@link defaultRfmSegment}. */
  readonly segment?: (r: number, f: number, m: number) => S;
}

const RFM_SCORES_OPTION_KEYS = /* @__PURE__ */ optionKeys<RfmScoresOptions<string>>()(['segment']);

// rows: r = 5 … 1 from the top; columns: fm = 1 … 5
const GRID: readonly (readonly RfmSegment[])[] = [
  ['new', 'potential loyalist', 'potential loyalist', 'champions', 'champions'],
  ['promising', 'potential loyalist', 'potential loyalist', 'loyal', 'champions'],
  ['about to sleep', 'about to sleep', 'need attention', 'loyal', 'loyal'],
  ['hibernating', 'hibernating', 'at risk', 'at risk', "can't lose them"],
  ['lost', 'lost', 'at risk', "can't lose them", "can't lose them"],
];

/**
 * The default score-to-segment map: the recency score against fm = round((f + m) / 2) (halves up).
 *
 * | r \ fm | 1 | 2 | 3 | 4 | 5 |
 * | --- | --- | --- | --- | --- | --- |
 * | 5 | new | potential loyalist | potential loyalist | champions | champions |
 * | 4 | promising | potential loyalist | potential loyalist | loyal | champions |
 * | 3 | about to sleep | about to sleep | need attention | loyal | loyal |
 * | 2 | hibernating | hibernating | at risk | at risk | can't lose them |
 * | 1 | lost | lost | at risk | can't lose them | can't lose them |
 *
 * @param r - recency score 1–5
 * @param f - frequency score 1–5
 * @param m - monetary score 1–5
 * @returns the segment
 * @throws PatronageError `OUT_OF_RANGE` for a score that is not a whole number from 1 to 5.
 *
 * @example
 * ```ts
 * import { defaultRfmSegment } from 'patronage';
 *
 * defaultRfmSegment(5, 5, 4); // => 'champions'
 * defaultRfmSegment(1, 5, 5); // => "can't lose them"
 * defaultRfmSegment(5, 1, 1); // => 'new'
 * ```
 *
 * @category Loyalty
 */
export function defaultRfmSegment(r: number, f: number, m: number): RfmSegment {
  for (const [name, score] of [
    ['r', r],
    ['f', f],
    ['m', m],
  ] as const) {
    if (!(Number.isInteger(score) && score >= 1 && score <= 5)) {
      throw new PatronageError(
        'OUT_OF_RANGE',
        `defaultRfmSegment: ${name} must be a whole score from 1 to 5, got ${describeValue(score)}`,
        { argument: name, value: score },
      );
    }
  }
  return gridSegment(r, f, m);
}

/** The grid's segment for valid scores: row 5 − r, column round((f + m) / 2) with halves up. */
function gridSegment(r: number, f: number, m: number): RfmSegment {
  return (GRID[5 - r] as readonly RfmSegment[])[Math.floor((f + m) / 2 + 0.5) - 1] as RfmSegment;
}

const FN = 'rfmScores';

/**
 * Quintile scores: a value's score is 1 + ⌊5 · (rows with a strictly lower value) / n⌋, so equal values
 * always share a score and the result does not depend on row order.
 */
function quintiles(values: Float64Array): Uint8Array {
  const n = values.length;
  const scores = new Uint8Array(n);
  if (n === 0) return scores;
  // score ≥ k + 1 ⇔ 5·L/n ≥ k ⇔ L ≥ m_k = ⌈k·n/5⌉ ⇔ sorted[m_k − 1] < value, where L counts the rows
  // strictly below the value: four comparisons per row instead of a binary search. The four order
  // statistics are selected (largest first, each within the part below the last) rather than sorted for.
  const work = Float64Array.from(values);
  const cuts = [0, 0, 0, 0];
  let to = n;
  for (let k = 4; k >= 1; k--) {
    const m = Math.ceil((k * n) / 5);
    cuts[k - 1] = m === 0 ? Number.NEGATIVE_INFINITY : selectInPlace(work, m - 1, 0, to);
    if (m > 0) to = m;
  }
  const [c1, c2, c3, c4] = cuts as [number, number, number, number];
  for (let i = 0; i < n; i++) {
    const value = values[i] as number;
    scores[i] = 1 + (value > c1 ? 1 : 0) + (value > c2 ? 1 : 0) + (value > c3 ? 1 : 0) + (value > c4 ? 1 : 0);
  }
  return scores;
}

function rowError(index: number, message: string, value: unknown): PatronageError {
  return new PatronageError('INVALID_SUMMARY_ROW', `${FN}: rows[${index}]: ${message}`, {
    argument: `rows[${index}]`,
    index,
    value,
  });
}

/**
 * RFM scores and segments for a customer base (docs/formulas.md §1.6): each row gets recency, frequency and
 * monetary scores from 1 to 5 by quintile, and a named segment.
 *
 * - Scores: a value's score is 1 + ⌊5 · (number of rows with a strictly lower value) / n⌋. Ties share a
 *   score (the lowest their position allows), so equal customers are never split and row order does
 *   not matter; with many ties a quintile can hold more or fewer than a fifth of the rows.
 * - `r` scores the time since the last purchase, `T − recency`, reversed: the most recent buyers score 5.
 *   `f` scores `frequency`, `m` scores `monetaryValue`.
 * - `segment` maps (r, f, m) with {@link defaultRfmSegment} unless `options.segment` is given.
 *
 * @param rows - summary rows, as {@link rfmSummary} returns them (any time unit, the same for all)
 * @param options - `segment`, a custom (r, f, m) → name map
 * @returns one scored row per input row, in input order; an empty list gives an empty list
 * @throws PatronageError `INVALID_SUMMARY_ROW` naming a row with a non-finite or negative field or recency
 *   above T; `INVALID_ARGUMENT` for a non-list or a custom map that does not return a string.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { rfmScores } from 'patronage';
 *
 * const rows = [
 *   { customerId: 'ann', frequency: 9, recency: 50, T: 52, monetaryValue: 80 },
 *   { customerId: 'bao', frequency: 0, recency: 0, T: 40, monetaryValue: 0 },
 *   { customerId: 'cy', frequency: 2, recency: 10, T: 50, monetaryValue: 30 },
 *   { customerId: 'dee', frequency: 5, recency: 40, T: 45, monetaryValue: 120 },
 *   { customerId: 'eli', frequency: 1, recency: 1, T: 3, monetaryValue: 20 },
 * ];
 * rfmScores(rows).map(({ customerId, r, f, m, segment }) => `${customerId} ${r}${f}${m} ${segment}`);
 * // => ['ann 454 champions', 'bao 111 lost', 'cy 133 at risk', 'dee 345 loyal', 'eli 422 potential loyalist']
 * // ann and eli share the shortest time since their last purchase: 3 of 5 rows are strictly behind them, so r = 4
 * ```
 *
 * @category Loyalty
 */
export function rfmScores<S extends string = RfmSegment>(
  rows: readonly RfmScoreInput[],
  options?: RfmScoresOptions<S>,
): RfmScoreRow<S>[] {
  const list = requireList(FN, 'rows', rows);
  const record = optionalObject(FN, 'options', options, RFM_SCORES_OPTION_KEYS);
  const custom = record['segment'];
  if (custom !== undefined && typeof custom !== 'function') {
    throw new PatronageError('INVALID_ARGUMENT', `${FN}: options.segment must be a function`, {
      argument: 'options.segment',
      value: custom,
    });
  }
  const n = list.length;
  const sinceLast = new Float64Array(n);
  const frequency = new Float64Array(n);
  const monetary = new Float64Array(n);
  const ids: (string | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = list[i] as Record<string, unknown> | null;
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw rowError(i, `must be an object, got ${describeValue(row)}`, row);
    }
    const { frequency: x, recency, T, monetaryValue, customerId } = row;
    if (!isSummaryRow(x, recency, T, monetaryValue)) {
      throw rowError(
        i,
        'frequency, recency, T and monetaryValue must be finite numbers ≥ 0 with recency ≤ T',
        [x, recency, T, monetaryValue],
      );
    }
    if (customerId !== undefined && typeof customerId !== 'string') {
      throw rowError(i, `customerId must be a string, got ${describeValue(customerId)}`, customerId);
    }
    // most recent scores highest: rank the negated time since the last purchase
    sinceLast[i] = -((T as number) - (recency as number)) || 0;
    frequency[i] = x as number;
    monetary[i] = monetaryValue as number;
    ids[i] = customerId ?? null;
  }
  const r = quintiles(sinceLast);
  const f = quintiles(frequency);
  const m = quintiles(monetary);
  const segmentOf = (custom as ((r: number, f: number, m: number) => S) | undefined) ?? null;
  const out: RfmScoreRow<S>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const ri = r[i] as number;
    const fi = f[i] as number;
    const mi = m[i] as number;
    let segment: S;
    if (segmentOf === null) {
      segment = gridSegment(ri, fi, mi) as S;
    } else {
      segment = segmentOf(ri, fi, mi);
      if (typeof segment !== 'string') {
        throw new PatronageError(
          'INVALID_ARGUMENT',
          `${FN}: options.segment returned ${describeValue(segment)} for (${ri}, ${fi}, ${mi}); it must return a string`,
          { argument: 'options.segment', value: segment },
        );
      }
    }
    out[i] = { customerId: ids[i] ?? null, r: ri, f: fi, m: mi, segment };
  }
  return out;
}
