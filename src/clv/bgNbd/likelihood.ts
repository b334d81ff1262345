// The BG/NBD and MBG/NBD log-likelihoods with analytic gradients, over compressed rows. Internal.
//
// BG/NBD (Fader, Hardie & Lee 2005, eq. 6), per customer with x repeat purchases, last at t_x, observed T:
//   ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
//          + ln[(α+T)^−(r+x) + 1{x>0} · a/(b+x−1) · (α+t_x)^−(r+x)]
// MBG/NBD (Batislam, Denizel & Filiztekin 2007) shifts b+x to b+x+1 and keeps the second term for x = 0.

import { HASH_SEED, mixNumber } from '../../internal/perf/numberHash';
import type { Objective } from '../../math/optimize';
import { trigamma } from '../../math/special';
import { fillFrequencyTerms, frequencyTerms, logsAndInverses } from '../core/bgFrequencyTerms';
import type { Likelihood } from '../core/definition';
import { rememberLast } from '../core/rememberLast';
import { type CompressedRows, indexDistinct, subsample } from '../core/rows';
import { timeScaleOf, totalPurchases } from '../core/timeScale';

/**
 * The span, in natural-log units, that the terms of one frequency may cover and still be taken as
 * exponentials scaled by their largest: e^−600 ≈ 1e−261 is far above the smallest normal double (e^−708),
 * so no scaled term underflows and their sums keep full relative precision.
 */
const PAIR_SPAN = 600;

/** Rows [start[j], start[j + 1]) are run j, of frequency `frequency[j]` (an index into the distinct ones). */
interface FrequencyRuns {
  readonly start: Int32Array;
  readonly frequency: Int32Array;
}

/** The distinct (frequency, time) pairs of the rows: per pair its frequency and time indexes, per row its pair. */
interface PairIndex {
  readonly frequency: Int32Array;
  readonly time: Int32Array;
  /** The distinct times. */
  readonly times: Float64Array;
  readonly ofRow: Int32Array;
}

/** An open-addressing table of (group, value) pairs, as {@link indexDistinct}'s. */
interface PairTable {
  slots: Int32Array;
  readonly groups: Int32Array;
  readonly values: Float64Array;
  count: number;
}

function pairTable(rows: number): PairTable {
  return {
    slots: new Int32Array(16).fill(-1),
    groups: new Int32Array(rows),
    values: new Float64Array(rows),
    count: 0,
  };
}

/** The index of the pair (group, value) in `table`, added if new; the table doubles when a quarter full. */
function pairOf(table: PairTable, group: number, value: number): number {
  const mask = table.slots.length - 1;
  let slot = mixNumber(HASH_SEED ^ group, value) & mask;
  for (;;) {
    const index = table.slots[slot] as number;
    if (index < 0) break;
    if (table.values[index] === value && table.groups[index] === group) return index;
    slot = (slot + 1) & mask;
  }
  const index = table.count++;
  table.slots[slot] = index;
  table.groups[index] = group;
  table.values[index] = value;
  if (4 * table.count > table.slots.length) {
    const slots = new Int32Array(2 * table.slots.length).fill(-1);
    const wider = slots.length - 1;
    for (let k = 0; k < table.count; k++) {
      let at = mixNumber(HASH_SEED ^ (table.groups[k] as number), table.values[k] as number) & wider;
      while ((slots[at] as number) >= 0) at = (at + 1) & wider;
      slots[at] = k;
    }
    table.slots = slots;
  }
  return index;
}

function pairIndex(table: PairTable, ofRow: Int32Array): PairIndex {
  const times = indexDistinct(table.values.subarray(0, table.count));
  return { frequency: table.groups.slice(0, table.count), time: times.ofRow, times: times.values, ofRow };
}

/**
 * The rows' distinct frequencies, their runs (consecutive rows of one frequency: compressed rows are in
 * ascending order of frequency, so as many runs as distinct frequencies; any order is still right, with more
 * runs), and their distinct (x, T) and (x, t_x) pairs, from one pass: in canonical order a row is compared
 * with the one before it first, so only a change of T (and of t_x or x) is looked up.
 */
function indexRows(
  frequencyColumn: Float64Array,
  recencyColumn: Float64Array,
  ageColumn: Float64Array,
): { frequencies: Float64Array; runs: FrequencyRuns; age: PairIndex; recency: PairIndex } {
  const length = frequencyColumn.length;
  const indexOfFrequency = new Map<number, number>();
  const frequencies: number[] = [];
  const starts: number[] = [];
  const runFrequency: number[] = [];
  const ages = pairTable(length);
  const recencies = pairTable(length);
  const ageOfRow = new Int32Array(length);
  const recencyOfRow = new Int32Array(length);
  let k = -1;
  let agePair = -1;
  let recencyPair = -1;
  for (let i = 0; i < length; i++) {
    const x = frequencyColumn[i] as number;
    const recency = recencyColumn[i] as number;
    const age = ageColumn[i] as number;
    const sameFrequency = i > 0 && x === frequencyColumn[i - 1];
    if (!sameFrequency) {
      let found = indexOfFrequency.get(x);
      if (found === undefined) {
        found = frequencies.length;
        indexOfFrequency.set(x, found);
        frequencies.push(x);
      }
      k = found;
      starts.push(i);
      runFrequency.push(k);
    }
    if (!sameFrequency || recency !== recencyColumn[i - 1]) recencyPair = pairOf(recencies, k, recency);
    if (!sameFrequency || age !== ageColumn[i - 1]) agePair = pairOf(ages, k, age);
    recencyOfRow[i] = recencyPair;
    ageOfRow[i] = agePair;
  }
  starts.push(length);
  return {
    frequencies: Float64Array.from(frequencies),
    runs: { start: Int32Array.from(starts), frequency: Int32Array.from(runFrequency) },
    age: pairIndex(ages, ageOfRow),
    recency: pairIndex(recencies, recencyOfRow),
  };
}

/**
 * The sums over a run's rows that the objective needs, with w the row's weight and w4 its second term's share
 * of ln L's sum (the logistic weight): [0] Σ w·ℓ (the row's part of ln L beyond its frequency's constant
 * and, in the per-row form, −(r+x) ln(α+T)), [1] Σ w·w4, [2] Σ w·ln(α+T), [3] Σ w·w4·(ln(α+t_x) − ln(α+T)),
 * [4] Σ w/(α+T), [5] Σ w·w4·(1/(α+t_x) − 1/(α+T)). Without the gradient only [0] (and [2] in the per-row
 * form), from the same expressions in the same order, so a value has the same bits with or without it. The
 * times' values come from the pairs' packed tables (`ageData`, `recencyData`: per pair its scaled term,
 * ln(α+time) and 1/(α+time)).
 */
const RUN_SUMS = 6;

/** [2] and [4] of {@link RUN_SUMS} over rows without a second term (x = 0 in BG/NBD). */
function ageRun(
  from: number,
  to: number,
  weight: Float64Array,
  agePairOfRow: Int32Array,
  ageData: Float64Array,
  out: Float64Array,
): void {
  let logSum = 0;
  let inverseSum = 0;
  for (let i = from; i < to; i++) {
    const w = weight[i] as number;
    const p = 3 * (agePairOfRow[i] as number);
    logSum += w * (ageData[p + 1] as number);
    inverseSum += w * (ageData[p + 2] as number);
  }
  out[2] = logSum;
  out[4] = inverseSum;
}

/**
 * {@link RUN_SUMS} over rows of the pair form: ℓ = ln(first + second), the two scaled terms of the pairs.
 * Kept apart from {@link perRowRun}, whose sums are the same but for ℓ and the share: one loop for both forms
 * (a branch per row on the form, as {@link informationRun} has) took 2,604,482,796 instructions per fit of
 * the 1M-customer histogram against 2,462,976,250 (+5.7%, callgrind, session 35, docs/benchmarks.md), and
 * 276 against 255 ms CPU (medians of 21 fits each, alternating; ranges 201–405 and 183–352).
 */
function pairedRun(
  from: number,
  to: number,
  weight: Float64Array,
  agePairOfRow: Int32Array,
  recencyPairOfRow: Int32Array,
  ageData: Float64Array,
  recencyData: Float64Array,
  wantGradient: boolean,
  out: Float64Array,
): void {
  let logSum = 0;
  if (!wantGradient) {
    for (let i = from; i < to; i++) {
      const both =
        (ageData[3 * (agePairOfRow[i] as number)] as number) +
        (recencyData[3 * (recencyPairOfRow[i] as number)] as number);
      logSum += (weight[i] as number) * Math.log(both);
    }
    out[0] = logSum;
    return;
  }
  let shareSum = 0;
  let logAgeSum = 0;
  let logGapSum = 0;
  let inverseAgeSum = 0;
  let inverseGapSum = 0;
  for (let i = from; i < to; i++) {
    const w = weight[i] as number;
    const p = 3 * (agePairOfRow[i] as number);
    const q = 3 * (recencyPairOfRow[i] as number);
    const second = recencyData[q] as number;
    const both = (ageData[p] as number) + second;
    logSum += w * Math.log(both);
    const share = (w * second) / both;
    const logAlphaT = ageData[p + 1] as number;
    const inverseAlphaT = ageData[p + 2] as number;
    shareSum += share;
    logAgeSum += w * logAlphaT;
    logGapSum += share * ((recencyData[q + 1] as number) - logAlphaT);
    inverseAgeSum += w * inverseAlphaT;
    inverseGapSum += share * ((recencyData[q + 2] as number) - inverseAlphaT);
  }
  out[0] = logSum;
  out[1] = shareSum;
  out[2] = logAgeSum;
  out[3] = logGapSum;
  out[4] = inverseAgeSum;
  out[5] = inverseGapSum;
}

/**
 * {@link RUN_SUMS} over rows of the per-row form: with d = ln a − ln(b+x−1+shift) + (r+x)(ln(α+T) − ln(α+t_x)),
 * ℓ = ln(1 + e^d), and the logistic weight e^d/(1 + e^d), from one exponential.
 */
function perRowRun(
  from: number,
  to: number,
  weight: Float64Array,
  agePairOfRow: Int32Array,
  recencyPairOfRow: Int32Array,
  ageData: Float64Array,
  recencyData: Float64Array,
  logRatio: number,
  rx: number,
  wantGradient: boolean,
  out: Float64Array,
): void {
  let logSum = 0;
  let shareSum = 0;
  let logAgeSum = 0;
  let logGapSum = 0;
  let inverseAgeSum = 0;
  let inverseGapSum = 0;
  for (let i = from; i < to; i++) {
    const w = weight[i] as number;
    const p = 3 * (agePairOfRow[i] as number);
    const q = 3 * (recencyPairOfRow[i] as number);
    const logAlphaT = ageData[p + 1] as number;
    const logGap = (recencyData[q + 1] as number) - logAlphaT;
    const d = logRatio - rx * logGap;
    const e = Math.exp(-Math.abs(d));
    logSum += w * (Math.max(d, 0) + Math.log1p(e));
    logAgeSum += w * logAlphaT;
    if (wantGradient) {
      const inverse = 1 / (1 + e);
      const share = w * (d >= 0 ? inverse : e * inverse);
      const inverseAlphaT = ageData[p + 2] as number;
      shareSum += share;
      logGapSum += share * logGap;
      inverseAgeSum += w * inverseAlphaT;
      inverseGapSum += share * ((recencyData[q + 2] as number) - inverseAlphaT);
    }
  }
  out[0] = logSum;
  out[1] = shareSum;
  out[2] = logAgeSum;
  out[3] = logGapSum;
  out[4] = inverseAgeSum;
  out[5] = inverseGapSum;
}

/**
 * The sums over a run's rows with a second term that its part of the information needs, with w3 = 1 − w4
 * the first term's share, c = w·w3·w4, g = ln(α+t_x) − ln(α+T) and h = 1/(α+t_x) − 1/(α+T): [0] Σ c,
 * [1] Σ c·g, [2] Σ c·g², [3] Σ c·h, [4] Σ c·h², [5] Σ c·g·h, [6] Σ |c·g·h|, [7] Σ c·|g|, [8] Σ c·|h|,
 * [9] Σ w·w4, [10] Σ w·(w3/(α+T) + w4/(α+t_x)), [11] Σ w·(w3/(α+T)² + w4/(α+t_x)²).
 */
const INFORMATION_SUMS = 12;

function informationRun(
  from: number,
  to: number,
  weight: Float64Array,
  agePairOfRow: Int32Array,
  recencyPairOfRow: Int32Array,
  ageData: Float64Array,
  recencyData: Float64Array,
  pairForm: boolean,
  logRatio: number,
  rx: number,
  out: Float64Array,
): void {
  let c0 = 0;
  let cg = 0;
  let cgg = 0;
  let ch = 0;
  let chh = 0;
  let cgh = 0;
  let cghSize = 0;
  let cgSize = 0;
  let chSize = 0;
  let share = 0;
  let first = 0;
  let second = 0;
  for (let i = from; i < to; i++) {
    const w = weight[i] as number;
    const p = 3 * (agePairOfRow[i] as number);
    const q = 3 * (recencyPairOfRow[i] as number);
    const logAlphaT = ageData[p + 1] as number;
    const iT = ageData[p + 2] as number;
    const iTx = recencyData[q + 2] as number;
    const g = (recencyData[q + 1] as number) - logAlphaT;
    let w4: number;
    if (pairForm) {
      const term = recencyData[q] as number;
      w4 = term / ((ageData[p] as number) + term);
    } else {
      const d = logRatio - rx * g;
      const e = Math.exp(-Math.abs(d));
      const inverse = 1 / (1 + e);
      w4 = d >= 0 ? inverse : e * inverse;
    }
    const w3 = 1 - w4;
    const h = iTx - iT;
    const c = w * w3 * w4;
    c0 += c;
    cg += c * g;
    cgg += c * g * g;
    ch += c * h;
    chh += c * h * h;
    cgh += c * g * h;
    cghSize += Math.abs(c * g * h);
    cgSize += c * Math.abs(g);
    chSize += c * Math.abs(h);
    share += w * w4;
    first += w * (w3 * iT + w4 * iTx);
    second += w * (w3 * iT * iT + w4 * iTx * iTx);
  }
  out[0] = c0;
  out[1] = cg;
  out[2] = cgg;
  out[3] = ch;
  out[4] = chh;
  out[5] = cgh;
  out[6] = cghSize;
  out[7] = cgSize;
  out[8] = chSize;
  out[9] = share;
  out[10] = first;
  out[11] = second;
}

/**
 * ln(α+time) and 1/(α+time) of each distinct time into `logs` and `inverses`, then into each pair's packed
 * slots 1 and 2 of `data` (per pair [scaled term, ln(α+time), 1/(α+time)]).
 */
function packTimes(
  alpha: number,
  times: Float64Array,
  logs: Float64Array,
  inverses: Float64Array,
  pairs: PairIndex,
  data: Float64Array,
): void {
  logsAndInverses(alpha, times, logs, inverses);
  for (let p = 0; p < pairs.time.length; p++) {
    const slot = pairs.time[p] as number;
    data[3 * p + 1] = logs[slot] as number;
    data[3 * p + 2] = inverses[slot] as number;
  }
}

/** Each pair's exponent (slot 0 of `data`) as its term scaled by its frequency's largest, e^(exponent − s). */
function scaleTerms(pairs: PairIndex, perRow: Uint8Array, pairScale: Float64Array, data: Float64Array): void {
  for (let p = 0; p < pairs.frequency.length; p++) {
    const k = pairs.frequency[p] as number;
    if (perRow[k] === 0) data[3 * p] = Math.exp((data[3 * p] as number) - (pairScale[k] as number));
  }
}

/**
 * The per-row terms of −ln L / total and their derivatives, over compressed rows, with the tables every
 * evaluation fills once per distinct value instead of once per row. Summaries from day-resolution logs share
 * few distinct recency and T values, and fewer distinct (x, t_x) and (x, T) pairs than rows: the terms
 * (α+T)^−(r+x) and a/(b+x−1)·(α+t_x)^−(r+x) are exponentials of those pairs, scaled per frequency by the
 * largest of them (e^−s), so that a row takes one logarithm, ln of their sum, and no exponential. A
 * frequency whose terms span more than {@link PAIR_SPAN} (or rows whose pairs are not fewer than half the
 * rows) keeps the per-row form, ln(1 + e^d) from one exponential. Session 30 (docs/benchmarks.md): with the
 * closed-form information below, the fit of a 1M-customer histogram (685,518 rows, 52,256 pairs) takes 0.68
 * of the CPU time it took (median 317 ms against 468, 4 alternating children of 3 fits each), and 0.408 of
 * the raw fit's (0.534 before). Session 33: the objective sums each run of rows of one frequency on its own
 * ({@link RUN_SUMS}): the frequency's constants multiply the run's weight once instead of entering every row,
 * a row of the pair form reads its two pairs' packed values and nothing per frequency, and each form's loop is
 * a function of its own; the 1M-customer histogram fit, each in a fresh process, took 0.67 of the CPU time
 * (median 471 ms against 704, 7 alternating children each, load 14–17); the row indexes from one pass
 * ({@link indexRows}) and the information per run took 0.91 of what was left (348 against 383 ms), and with
 * them the histogram fit takes 0.372 of the raw fit's CPU time (main 0.474 in the same rounds).
 */
function bgNbdKernel(rows: CompressedRows, shift: 0 | 1, scale: number) {
  const { first: frequency, second: recency, third: age } = rows;
  const indexes = indexRows(frequency, recency, age);
  const { frequencies, runs } = indexes;
  const agePairs = indexes.age;
  const recencyPairs = indexes.recency;
  const distinct = frequencies.length;
  const rowCount = frequency.length;
  // times over the time scale, divided once per distinct value (the quotients the rows would have)
  const scaledRecency = scale === 1 ? recencyPairs.times : recencyPairs.times.map((value) => value / scale);
  const scaledAge = scale === 1 ? agePairs.times : agePairs.times.map((value) => value / scale);
  const paired = 2 * (agePairs.frequency.length + recencyPairs.frequency.length) <= rowCount;
  const tables = {
    frequencies,
    runs,
    agePairs,
    recencyPairs,
    distinct,
    paired,
    logRecency: new Float64Array(scaledRecency.length),
    inverseRecency: new Float64Array(scaledRecency.length),
    logAge: new Float64Array(scaledAge.length),
    inverseAge: new Float64Array(scaledAge.length),
    // per frequency: r + x (`shape`), the part of ln L and its derivatives, ln a − ln(b + x − 1 + shift) …
    ...frequencyTerms(distinct),
    // per frequency: the scale s of its pair terms, and whether its rows take the per-row form
    pairScale: new Float64Array(distinct),
    pairSmallest: new Float64Array(distinct),
    perRow: new Uint8Array(distinct).fill(1), // without pair tables every frequency keeps the per-row form
    // per pair, [scaled term, ln(α+time), 1/(α+time)] side by side: a row reads two short runs of memory
    ageData: new Float64Array(3 * agePairs.frequency.length),
    recencyData: new Float64Array(3 * recencyPairs.frequency.length),
  };
  const prepare = (r: number, alpha: number, a: number, b: number): boolean => {
    if (![r, alpha, a, b].every((value) => value > 0 && Number.isFinite(value))) return false;
    const t = tables;
    fillFrequencyTerms(t, frequencies, 1, shift, r, alpha, a, b);
    const { ageData, recencyData } = t;
    packTimes(alpha, scaledRecency, t.logRecency, t.inverseRecency, recencyPairs, recencyData);
    packTimes(alpha, scaledAge, t.logAge, t.inverseAge, agePairs, ageData);
    if (paired) {
      const { pairScale, pairSmallest, perRow, shape: rPlusX, logRatio, hasSecond } = t;
      pairScale.fill(Number.NEGATIVE_INFINITY);
      pairSmallest.fill(Number.POSITIVE_INFINITY);
      // the exponents ln of (α+T)^−(r+x) and of a/(b+x−1)·(α+t_x)^−(r+x), and per frequency their largest
      for (let p = 0; p < agePairs.frequency.length; p++) {
        const k = agePairs.frequency[p] as number;
        const exponent = -(rPlusX[k] as number) * (ageData[3 * p + 1] as number);
        ageData[3 * p] = exponent;
        if (exponent > (pairScale[k] as number)) pairScale[k] = exponent;
        if (exponent < (pairSmallest[k] as number)) pairSmallest[k] = exponent;
      }
      for (let q = 0; q < recencyPairs.frequency.length; q++) {
        const k = recencyPairs.frequency[q] as number;
        const exponent = (logRatio[k] as number) - (rPlusX[k] as number) * (recencyData[3 * q + 1] as number);
        recencyData[3 * q] = exponent;
        if (exponent > (pairScale[k] as number)) pairScale[k] = exponent;
      }
      // every row's first term is at least e^−PAIR_SPAN of the scale, so the sum of its two never underflows
      for (let k = 0; k < distinct; k++) {
        const within = (pairSmallest[k] as number) - (pairScale[k] as number) >= -PAIR_SPAN;
        perRow[k] = hasSecond[k] === 1 && within ? 0 : 1;
      }
      scaleTerms(agePairs, perRow, pairScale, ageData);
      scaleTerms(recencyPairs, perRow, pairScale, recencyData);
    }
    return true;
  };
  return { tables, prepare };
}

/**
 * −ln L / total over log-parameters (ln r, ln α, ln a, ln b), with its gradient. `shift` is 0 for BG/NBD
 * and 1 for MBG/NBD. Terms that depend only on the frequency are computed once per distinct frequency.
 */
export function bgNbdObjective(rows: CompressedRows, shift: 0 | 1, scale = 1): Objective {
  return bgNbdFunctions(rows, shift, scale).objective;
}

/**
 * The objective ({@link bgNbdObjective}) and the observed information matrix of the same rows: −∂² ln L over
 * the natural (time-rescaled) parameters θ = exp(log-parameters), row-major 4 × 4, from one pass over the
 * rows (the second derivatives of the closed form), or null where it is not finite.
 */
export function bgNbdFunctions(
  rows: CompressedRows,
  shift: 0 | 1,
  scale = 1,
): {
  objective: Objective;
  information: (logParams: Float64Array) => Float64Array | null;
  /** Whether the pair tables are used (rows with few distinct (x, T) and (x, t_x) pairs). */
  pairTables: boolean;
} {
  const { weight, total } = rows;
  const { tables: t, prepare } = bgNbdKernel(rows, shift, scale);
  const agePairOfRow = t.agePairs.ofRow;
  const recencyPairOfRow = t.recencyPairs.ofRow;
  const { runs, distinct } = t;
  const runCount = runs.frequency.length;
  // the weight of each run of rows of one frequency: the factor of that frequency's per-row constants
  const runWeight = new Float64Array(runCount);
  for (let j = 0; j < runCount; j++) {
    let sum = 0;
    for (let i = runs.start[j] as number; i < (runs.start[j + 1] as number); i++) sum += weight[i] as number;
    runWeight[j] = sum;
  }
  const sums = new Float64Array(RUN_SUMS);
  const objective: Objective = (logParams, gradient) => {
    const r = Math.exp(logParams[0] as number);
    const alpha = Math.exp(logParams[1] as number);
    const a = Math.exp(logParams[2] as number);
    const b = Math.exp(logParams[3] as number);
    if (!prepare(r, alpha, a, b)) return Number.NaN;
    const { shape: rPlusX, constant, dConstR, dConstA, dConstB, logRatio, inverseDenominator, hasSecond } = t;
    const { perRow, pairScale, ageData, recencyData } = t;
    let sum = 0;
    let gR = 0;
    let gAlpha = 0;
    let gA = 0;
    let gB = 0;
    const wantGradient = gradient !== null;
    const rOverAlpha = r / alpha;
    const inverseA = 1 / a;
    // per run of one frequency, the sums over its rows (RUN_SUMS); per row only indexes and the pairs'
    // tables are read: every logarithm and reciprocal of a time comes from them
    for (let j = 0; j < runCount; j++) {
      const k = runs.frequency[j] as number;
      const from = runs.start[j] as number;
      const to = runs.start[j + 1] as number;
      const w = runWeight[j] as number;
      const rx = rPlusX[k] as number;
      if (hasSecond[k] === 0) {
        // ln L = constant − (r+x) ln(α+T)
        ageRun(from, to, weight, agePairOfRow, ageData, sums);
        sum += (constant[k] as number) * w - rx * (sums[2] as number);
        if (wantGradient) {
          gR += (dConstR[k] as number) * w - (sums[2] as number);
          gAlpha += rOverAlpha * w - rx * (sums[4] as number);
          gA += (dConstA[k] as number) * w;
          gB += (dConstB[k] as number) * w;
        }
        continue;
      }
      if (perRow[k] === 0) {
        // the two terms from the pair tables, scaled by e^−s: ln L = constant + s + ln(sum of the two)
        pairedRun(from, to, weight, agePairOfRow, recencyPairOfRow, ageData, recencyData, wantGradient, sums);
        sum += ((constant[k] as number) + (pairScale[k] as number)) * w + (sums[0] as number);
      } else {
        // ln L = constant − (r+x) ln(α+T) + ln(1 + e^d)
        perRowRun(
          from,
          to,
          weight,
          agePairOfRow,
          recencyPairOfRow,
          ageData,
          recencyData,
          logRatio[k] as number,
          rx,
          wantGradient,
          sums,
        );
        sum += (constant[k] as number) * w - rx * (sums[2] as number) + (sums[0] as number);
      }
      if (wantGradient) {
        // with w3 = 1 − w4: w3 ln(α+T) + w4 ln(α+t_x) = ln(α+T) + w4 (ln(α+t_x) − ln(α+T)), and so for 1/(α+·)
        gR += (dConstR[k] as number) * w - (sums[2] as number) - (sums[3] as number);
        gAlpha += rOverAlpha * w - rx * ((sums[4] as number) + (sums[5] as number));
        gA += (dConstA[k] as number) * w + (sums[1] as number) * inverseA;
        gB += (dConstB[k] as number) * w - (sums[1] as number) * (inverseDenominator[k] as number);
      }
    }
    if (gradient !== null) {
      gradient[0] = (-gR * r) / total;
      gradient[1] = (-gAlpha * alpha) / total;
      gradient[2] = (-gA * a) / total;
      gradient[3] = (-gB * b) / total;
    }
    return -sum / total;
  };
  const weightOfX = new Float64Array(distinct);
  for (let j = 0; j < runCount; j++) {
    const k = runs.frequency[j] as number;
    weightOfX[k] = (weightOfX[k] as number) + (runWeight[j] as number);
  }
  const entries = new Float64Array(10);
  const magnitudes = new Float64Array(10);
  const informationSums = new Float64Array(INFORMATION_SUMS);
  const information = (logParams: Float64Array): Float64Array | null => {
    const r = Math.exp(logParams[0] as number);
    const alpha = Math.exp(logParams[1] as number);
    const a = Math.exp(logParams[2] as number);
    const b = Math.exp(logParams[3] as number);
    if (!prepare(r, alpha, a, b)) return null;
    const { shape: rPlusX, logRatio, inverseDenominator, hasSecond, perRow, ageData, recencyData } = t;
    // second derivatives of ln L over (r, α, a, b): per row, of ln(e^u + e^v) with weights w3 = e^u/(e^u + e^v)
    // and w4 = 1 − w3, it is w3 ∇²u + w4 ∇²v + w3·w4 (∇u − ∇v)(∇u − ∇v)ᵀ, where u = −(r+x) ln(α+T) and
    // v = ln a − ln(b+x−1+shift) − (r+x) ln(α+t_x); per frequency, that of its constant
    // the ten entries (r r, r α, α α, r a, r b, α a, α b, a a, a b, b b) and the sums of their terms' magnitudes
    const h = entries;
    const size = magnitudes;
    h.fill(0);
    size.fill(0);
    const add = (j: number, value: number, magnitude: number = Math.abs(value)): void => {
      h[j] = (h[j] as number) + value;
      size[j] = (size[j] as number) + magnitude;
    };
    const inverseA = 1 / a;
    const s = informationSums;
    // per run of one frequency, the sums over its rows (INFORMATION_SUMS) times the frequency's factors:
    // ∇u − ∇v = (ln(α+t_x) − ln(α+T), (r+x)(1/(α+t_x) − 1/(α+T)), −1/a, 1/(b+x−1+shift))
    for (let j = 0; j < runCount; j++) {
      const k = runs.frequency[j] as number;
      const from = runs.start[j] as number;
      const to = runs.start[j + 1] as number;
      const rx = rPlusX[k] as number;
      if (hasSecond[k] === 0) {
        let first = 0;
        let second = 0;
        for (let i = from; i < to; i++) {
          const w = weight[i] as number;
          const iT = ageData[3 * (agePairOfRow[i] as number) + 2] as number;
          first += w * iT;
          second += w * iT * iT;
        }
        add(1, -first);
        add(2, rx * second);
        continue;
      }
      informationRun(
        from,
        to,
        weight,
        agePairOfRow,
        recencyPairOfRow,
        ageData,
        recencyData,
        perRow[k] === 0,
        logRatio[k] as number,
        rx,
        s,
      );
      const dA = -inverseA;
      const dB = inverseDenominator[k] as number;
      const c = s[0] as number;
      add(0, s[2] as number);
      add(1, rx * (s[5] as number), rx * (s[6] as number));
      add(1, -(s[10] as number));
      add(2, rx * rx * (s[4] as number));
      add(2, rx * (s[11] as number));
      add(3, dA * (s[1] as number), Math.abs(dA) * (s[7] as number));
      add(4, dB * (s[1] as number), Math.abs(dB) * (s[7] as number));
      add(5, dA * rx * (s[3] as number), Math.abs(dA) * rx * (s[8] as number));
      add(6, dB * rx * (s[3] as number), Math.abs(dB) * rx * (s[8] as number));
      add(7, dA * dA * c);
      add(7, -(s[9] as number) * inverseA * inverseA);
      add(8, dA * dB * c);
      add(9, dB * dB * c);
      add(9, (s[9] as number) * dB * dB);
    }
    const psi1R = trigamma(r);
    const psi1B = trigamma(b);
    const psi1AB = trigamma(a + b);
    for (let k = 0; k < distinct; k++) {
      const w = weightOfX[k] as number;
      const x = t.frequencies[k] as number;
      const psi1ABX = trigamma(a + b + x + shift);
      // each term on its own, so that terms cancelling exactly show in the magnitudes
      add(0, w * trigamma(r + x));
      add(0, -w * psi1R);
      add(1, w / alpha);
      add(2, -(w * r) / (alpha * alpha));
      for (const j of [7, 8, 9]) {
        add(j, w * psi1AB);
        add(j, -w * psi1ABX);
      }
      add(9, w * trigamma(b + x + shift));
      add(9, -w * psi1B);
    }
    // an entry within rounding of 0 (below 1e−12 of its terms' magnitudes, as when they cancel exactly in
    // exact arithmetic: T = 0 everywhere) is 0: its computed value carries no information
    for (let j = 0; j < 10; j++) if (Math.abs(h[j] as number) <= 1e-12 * (size[j] as number)) h[j] = 0;
    const at = (j: number): number => (h[j] === 0 ? 0 : -(h[j] as number));
    const matrix = Float64Array.from([
      at(0),
      at(1),
      at(3),
      at(4),
      at(1),
      at(2),
      at(5),
      at(6),
      at(3),
      at(5),
      at(7),
      at(8),
      at(4),
      at(6),
      at(8),
      at(9),
    ]);
    return matrix.every(Number.isFinite) ? matrix : null;
  };
  return { objective, information, pairTables: t.paired };
}

/**
 * The likelihood of BG/NBD (shift 0) or MBG/NBD (shift 1) on validated rows, over rescaled times (see
 * {@link timeScaleOf}), with a pilot subsample for large data.
 */
export function bgFamilyLikelihood(rows: CompressedRows, shift: 0 | 1): Likelihood {
  const scale = timeScaleOf(rows);
  const purchases = totalPurchases(rows);
  // the rows keep their times: each objective divides its distinct times by the scale (scaleTimes' quotients)
  const sampled = subsample(rows);
  const full = bgNbdFunctions(rows, shift, scale);
  return {
    objective: rememberLast(full.objective),
    information: full.information,
    pilot: sampled === null ? null : bgNbdObjective(sampled, shift, scale),
    total: rows.total,
    distinctRows: rows.first.length,
    unscale: ([r, alpha, a, b]) => [r as number, (alpha as number) * scale, a as number, b as number],
    unscaleLogLikelihood: (logLikelihood) => logLikelihood - purchases * Math.log(scale),
  };
}
