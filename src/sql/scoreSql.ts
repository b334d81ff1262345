// SQL that scores a table of summary rows inside the engine: P(alive) and expected purchases of a fit.

import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { optionKeys, requireAtLeast, requireObject, requireOptions } from '../internal/validate';
import { type Dialect, dialectOf, doubleLiteral, identifier, type SqlDialect } from './dialects';

/**
 * A fit {@link scoreSql} can score: BG/NBD, MBG/NBD or Pareto/NBD parameters, as the fit functions of
 * `patronage` return them (a `ModelFit` is one).
 *
 * @category SQL
 */
export type ScoreSqlFit =
  | {
      /** BG/NBD or MBG/NBD. */
      readonly model: 'bgNbd' | 'mbgNbd';
      /** Its parameters (purchase rate λ ~ Gamma(r, alpha), dropout p ~ Beta(a, b)). */
      readonly params: {
        /** Shape of the Gamma distribution of purchase rates. */
        readonly r: number;
        /** Its scale, in the data's time unit. */
        readonly alpha: number;
        /** First shape of the Beta distribution of the dropout probability. */
        readonly a: number;
        /** Its second shape. */
        readonly b: number;
      };
    }
  | {
      /** Pareto/NBD. */
      readonly model: 'paretoNbd';
      /** Its parameters (purchase rate λ ~ Gamma(r, alpha), dropout rate μ ~ Gamma(s, beta)). */
      readonly params: {
        /** Shape of the Gamma distribution of purchase rates. */
        readonly r: number;
        /** Its scale, in the data's time unit. */
        readonly alpha: number;
        /** Shape of the Gamma distribution of dropout rates. */
        readonly s: number;
        /** Its scale, in the data's time unit. */
        readonly beta: number;
      };
    };

/**
 * The options of {@link scoreSql}.
 *
 * @category SQL
 */
export interface ScoreSqlOptions {
  /** The engine to write for. */
  readonly dialect: SqlDialect;
  /** The table (or view) of summary rows, a plain identifier, optionally `schema.table`. */
  readonly table: string;
  /** The window for expected purchases, in the fit's time unit (≥ 0). */
  readonly horizon: number;
  /** Its customer column. Default `customer_id`. */
  readonly customerId?: string;
  /** Its x column (repeat purchases). Default `frequency`. */
  readonly frequency?: string;
  /** Its t_x column. Default `recency`. */
  readonly recency?: string;
  /** Its T column. Default `T` (quoted, so it stays upper case in PostgreSQL). */
  readonly T?: string;
}

const SCORE_SQL_OPTION_KEYS = /* @__PURE__ */ optionKeys<ScoreSqlOptions>()([
  'dialect',
  'table',
  'horizon',
  'customerId',
  'frequency',
  'recency',
  'T',
]);

/**
 * The largest z = t/(α + T + t) of the ₂F₁ series the BG/NBD expectation is summed for. The series' rounding
 * grows with its length (about ln 2^−60 / ln z terms): measured against 50-digit values on 1,120 rows of
 * random fits, at most 9e−14 at z = 0.99 (4,100 terms), 2.5e−13 at 0.998 and 4.7e−13 at 0.999, where one CI
 * case reached 1.0e−12 (r 0.05, a 0.05); 0.99 keeps a margin below the promised 1e−12.
 */
const MAX_Z = 0.99;
/**
 * scoreCustomers' closed form for the BG/NBD expectation, (c/(a − 1))·(1 − e^L), takes L as a difference
 * of two terms of size k·ln(1 + u), so its relative error is a few units in the last place times its
 * condition κ = k·ln(1 + u)·|c/(E·(a − 1)) − 1| (E the expectation). Measured against 40-digit values: at
 * most 7e−16·(1 + κ) for z ≤ 0.9 and 4.5e−15·(1 + κ) above (its longer series); so the SQL writes a row only
 * where κ ≤ 800 (z ≤ 0.9) or κ ≤ 100, where the two agree to 1e−12 (the SQL's own form is good to about
 * 2e−16 for z ≤ 0.9; above, see MAX_Z). Above z = 0.9 scoreCustomers first tries the connection formula about
 * z = 1, kept only where its error bound is below 1e−13, so the κ rule there is the conservative one of its
 * fallback.
 */
const MAX_KAPPA_NEAR = 800;
const MAX_KAPPA_FAR = 100;
/** Where scoreCustomers leaves the closed form for quadrature: (a + b + x + shift − 1)/|a − 1| above 1e4. */
const MAX_CONDITION = 1e4;
/** The most series terms written for one (x, T). */
const MAX_TERMS = 100_000;
/** ln 2^−60: the truncated tail of a series stays below 2^−60 of the value. */
const LOG_TOLERANCE = -60 * Math.LN2;
/** Below e^−708 exp would underflow into subnormals (an error in PostgreSQL): 0 instead. */
const EXP_FLOOR = -708;

/** What differs between dialects in the scoring SQL, beyond dialects.ts. */
interface Flavour {
  readonly ln: (x: string) => string;
  /** Rows `n` = 0 … count − 1 joined to each row of `from` (aliased `k`), or null: arrays instead (ClickHouse). */
  readonly series: ((from: string, count: string, n: string) => string) | null;
}

function flavourOf(d: Dialect): Flavour {
  const q = d.quote;
  switch (d.name) {
    case 'clickhouse':
      return { ln: (x) => `log(${x})`, series: null };
    case 'postgres':
      return {
        ln: (x) => `ln(${x})`,
        series: (from, count, n) =>
          `${from} CROSS JOIN LATERAL generate_series(0, ${count} - 1) AS ${q('g')}(${n})`,
      };
    case 'duckdb':
      return {
        ln: (x) => `ln(${x})`,
        series: (from, count, n) =>
          `(SELECT *, unnest(range(0, ${count})) AS ${n} FROM ${from}) AS ${q('g')}`,
      };
    case 'bigquery':
      return {
        ln: (x) => `LN(${x})`,
        series: (from, count, n) => `${from} CROSS JOIN UNNEST(GENERATE_ARRAY(0, ${count} - 1)) AS ${n}`,
      };
    case 'snowflake':
      return {
        ln: (x) => `LN(${x})`,
        series: (from, count, n) =>
          `(SELECT *, CAST(${q('f')}.${q('VALUE')} AS BIGINT) AS ${n} FROM ${from}, LATERAL FLATTEN(ARRAY_GENERATE_RANGE(0, ${count})) AS ${q('f')}) AS ${q('g')}`,
      };
    case 'spark':
      return {
        ln: (x) => `ln(${x})`,
        series: (from, count, n) =>
          `${from} LATERAL VIEW explode(sequence(0, ${count} - 1)) ${q('g')} AS ${n}`,
      };
  }
}

/** The expression builder of one query: the dialect, quoting and the guarded functions it needs. */
class Writer {
  readonly q: (name: string) => string;
  readonly ln: (x: string) => string;
  constructor(
    readonly d: Dialect,
    readonly flavour: Flavour,
  ) {
    this.q = d.quote;
    this.ln = flavour.ln;
  }
  /** A double literal (a subnormal one too: {@link doubleLiteral} writes it so that ClickHouse 18.16 reads it). */
  num(value: number): string {
    return doubleLiteral(this.d, value);
  }
  /** The column that numbers the distinct keys, where a window cannot partition by a double (BigQuery). */
  get partitionKey(): readonly string[] {
    return this.d.doublePartitions ? [] : [this.q('partition_key')];
  }
  /**
   * `keys`, distinct rows of `columns`, with (where a window cannot partition by a double) the INT64
   * `partition_key` numbering them, dense_rank() over their order: equal keys, equal numbers, and no two
   * distinct keys share one, so a window partitioned by it is the window partitioned by `columns`.
   */
  numbered(keys: string, columns: readonly string[]): string {
    if (this.d.doublePartitions) return keys;
    const list = columns.join(', ');
    return sub(
      [`SELECT ${list}, dense_rank() OVER (ORDER BY ${list}) AS ${this.q('partition_key')}`, `FROM ${keys}`],
      this.q('d1'),
    );
  }
  /** The PARTITION BY list of a window over the rows of one key `columns`. */
  partitionBy(columns: readonly string[]): string {
    return this.d.doublePartitions ? columns.join(', ') : this.q('partition_key');
  }
  /** e^x, 0 where it would underflow. */
  exp(x: string): string {
    return `CASE WHEN ${x} < ${this.num(EXP_FLOOR)} THEN ${this.num(0)} ELSE exp(${x}) END`;
  }
  /** ln(1 + v) for v ≥ 0 (Goldberg's form ln(w)·v/(w − 1), w = 1 + v: a few ulps). */
  log1p(v: string): string {
    const w = `(${this.num(1)} + ${v})`;
    return `CASE WHEN ${w} = ${this.num(1)} THEN ${v} ELSE ${this.ln(w)} * ${v} / (${w} - ${this.num(1)}) END`;
  }
  /** 1 − e^(−v) for v > −700: Kahan's form of expm1, (e − 1)·v/ln(e), below 1; the plain difference above. */
  oneMinusExpNeg(v: string): string {
    const e = `exp(-(${v}))`;
    return `CASE WHEN ${v} >= ${this.num(1)} THEN ${this.num(1)} - (${this.exp(`-(${v})`)}) WHEN ${e} = ${this.num(1)} THEN ${v} ELSE (${this.num(1)} - ${e}) * ${v} / -${this.ln(e)} END`;
  }
}

function requireFit(
  fn: string,
  fit: unknown,
): { model: 'bgNbd' | 'mbgNbd' | 'paretoNbd'; params: Record<string, number> } {
  const record = requireObject(fn, 'fit', fit);
  const model = record['model'];
  const names: Readonly<Record<string, readonly string[]>> = {
    bgNbd: ['r', 'alpha', 'a', 'b'],
    mbgNbd: ['r', 'alpha', 'a', 'b'],
    paretoNbd: ['r', 'alpha', 's', 'beta'],
  };
  if (typeof model !== 'string' || !Object.hasOwn(names, model)) {
    const known = ['bgBb', 'gammaGamma', 'shiftedBetaGeometric'];
    throw new PatronageError(
      typeof model === 'string' && known.includes(model) ? 'UNSUPPORTED_MODEL' : 'INVALID_FIT',
      `${fn}: scoring in SQL is defined for bgNbd, mbgNbd and paretoNbd fits, got ${describeValue(model)} (scoreBatches scores any fit scoreCustomers takes)`,
      { argument: 'fit.model', value: model },
    );
  }
  if (record['logLikelihood'] === null) {
    throw new PatronageError(
      'INVALID_FIT',
      `${fn}: the fit could not evaluate its likelihood (logLikelihood is null), so it has no estimates`,
      {
        argument: 'fit.logLikelihood',
        value: null,
      },
    );
  }
  if (record['coefficients'] !== undefined && record['coefficients'] !== null) {
    throw new PatronageError(
      'INVALID_FIT',
      `${fn}: does not write SQL for a fit with covariates (fit.coefficients)`,
      {
        argument: 'fit.coefficients',
        value: record['coefficients'],
      },
    );
  }
  const given = requireObject(fn, 'fit.params', record['params']);
  const params: Record<string, number> = {};
  for (const name of names[model] as readonly string[]) {
    const value = given[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || !(value > 0)) {
      throw new PatronageError(
        'INVALID_FIT',
        `${fn}: fit.params.${name} must be a positive finite number, got ${describeValue(value)}`,
        {
          argument: `fit.params.${name}`,
          value,
        },
      );
    }
    params[name] = value;
  }
  return { model: model as 'bgNbd' | 'mbgNbd' | 'paretoNbd', params };
}

/** `SELECT … FROM (SELECT …) AS alias`, indented. */
function sub(select: readonly string[], alias: string): string {
  return `(\n${select.map((line) => `  ${line}`).join('\n')}\n) AS ${alias}`;
}

/**
 * The BG/NBD (shift 0) or MBG/NBD (shift 1) expectation given alive, one row per distinct (x, T) of
 * `keys` (a subquery with columns x, age): columns x, age, if_alive (NULL where not written).
 *
 * E = c·[ln(1+u)·(1 − e^−y)/y − e^−y·S], y = (a − 1)·ln(1 + u), u = t/(α+T), z = t/(α+T+t), c = a + b + x +
 * shift − 1, k = r + x, S = Σ_{n≥1} s_n, s_1 = (c − k)/c·z, s_{n+1}/s_n = (c − k + n)(a − 1 + n)/((c + n)(n + 1))·z:
 * Fader, Hardie & Lee (2005) eq. 10 after Euler's transformation of its ₂F₁, with (a − 1) divided out, so
 * that only a cancellation of about c/k is left (scoreCustomers' form cancels c/|a − 1|).
 */
function bgExpectation(
  w: Writer,
  p: Record<string, number>,
  shift: 0 | 1,
  horizon: number,
  keys: string,
): string {
  const { q, ln, d } = w;
  const { r, alpha, a, b } = p as { r: number; alpha: number; a: number; b: number };
  const num = (v: number) => w.num(v);
  const t = num(horizon);
  const am1 = a - 1;
  const growth = Math.max(0, a - 2);
  const [x, age, k, c, u, z, l1u, ck, ok, n] = ['x', 'age', 'k', 'c', 'u', 'z', 'l1u', 'ck', 'ok', 'n'].map(
    q,
  ) as [string, string, string, string, string, string, string, string, string, string];
  // per (x, T): the quantities of the series (scoreCustomers' expressions, in its order of operations)
  // the distinct (x, T) and, for a window that cannot partition by a double, their number, carried along
  const carried = w.partitionKey.map((name) => `, ${name}`).join('');
  const base = sub(
    [
      `SELECT ${x}, ${age}${carried}, ${num(r)} + ${x} AS ${k}, ${num(a)} + (${num(b)} + ${x} + ${num(shift)}) - ${num(1)} AS ${c},`,
      `  ${t} / (${num(alpha)} + ${age}) AS ${u}, ${t} / ((${num(alpha)} + ${age}) + ${t}) AS ${z}`,
      `FROM ${w.flavour.series === null ? keys : w.numbered(keys, [x, age])}`,
    ],
    q('b0'),
  );
  const closed = [
    `${c} > ${num(0)}`,
    `${z} <= ${num(MAX_Z)}`,
    `${c} <= ${num(MAX_CONDITION * Math.abs(am1))}`,
    `${u} * (${k} + ${num(1)}) >= ${num(Number.EPSILON / 2)}`,
  ].join(' AND ');
  const flagged = sub(
    [
      `SELECT ${x}, ${age}${carried}, ${k}, ${c}, ${u}, ${z}, ${c} - ${k} AS ${ck}, ${w.log1p(u)} AS ${l1u},`,
      `  CASE WHEN ${closed} THEN 1 ELSE 0 END AS ${ok}`,
      `FROM ${base}`,
    ],
    q('b1'),
  );
  // ln of the lower bound E/c ≥ (1 − (1+u)^−k)/c and ln|s_1|, where the series is summed
  const y = `${num(am1)} * ${l1u}`;
  const series = `${ok} = 1 AND ${ck} <> ${num(0)}`;
  const lnLow = q('ln_low');
  const lnS1 = q('ln_s1');
  const logs = sub(
    [
      `SELECT ${x}, ${age}${carried}, ${k}, ${c}, ${u}, ${z}, ${ck}, ${l1u}, ${ok},`,
      `  CASE WHEN ${series} THEN ${ln(w.oneMinusExpNeg(`${k} * ${l1u}`))} - ${ln(c)} ELSE ${num(0)} END AS ${lnLow},`,
      `  CASE WHEN ${series} THEN ${ln(`abs(${ck})`)} - ${ln(c)} + ${ln(z)} ELSE ${num(0)} END AS ${lnS1}`,
      `FROM ${flagged}`,
    ],
    q('b2'),
  );
  // terms for a tail below 2^−60·(E/c)·e^y by |s_1|·z^N/(1 − z), plus an allowance for the growth of
  // (a − 1 + n)/(n + 1) above 1 when a > 2, and at least −(c − k) (past the negative factors c − k + n);
  // the tail is checked again after the last term
  const estimate = `ceil((${num(LOG_TOLERANCE)} + ${lnLow} + ${y} - ${l1u} - ${lnS1}) / ${ln(z)})`;
  const n0 = q('n0');
  const extra =
    growth === 0
      ? num(0)
      : `CASE WHEN ${series} THEN ceil(${num(growth)} * ${ln(`${n0} + ${num(2)}`)} / -${ln(z)}) + ${num(1)} ELSE ${num(0)} END`;
  const nTerms = q('n_terms');
  const counted = sub(
    [
      `SELECT ${x}, ${age}${carried}, ${k}, ${c}, ${u}, ${z}, ${ck}, ${l1u}, ${ok}, ${lnLow}, ${lnS1},`,
      `  ${d.bigint(`CASE WHEN ${n0} + ${extra} > ${num(MAX_TERMS)} THEN ${num(MAX_TERMS)} WHEN ${n0} + ${extra} < -${ck} THEN ceil(-${ck}) ELSE ${n0} + ${extra} END`)} AS ${nTerms}`,
      `FROM ${sub(
        [
          `SELECT *, CASE WHEN ${series} THEN (CASE WHEN ${estimate} < ${num(1)} THEN ${num(1)} ELSE ${estimate} END) ELSE ${num(1)} END AS ${n0}`,
          `FROM ${logs}`,
        ],
        q('b3'),
      )}`,
    ],
    q('b4'),
  );
  const keyCols = [x, age, ...w.partitionKey, k, c, u, z, ck, l1u, ok, lnLow, lnS1, nTerms].join(', ');
  // rows left NULL, and rows whose series would need more than MAX_TERMS terms, sum one term only
  const termsToSum = `CASE WHEN ${ok} = 1 AND ${nTerms} < ${num(MAX_TERMS)} THEN ${nTerms} ELSE 1 END`;
  // s_{n+1}/s_n; the running sums of ln|ratio|, of negative ratios and of zero ratios, per (x, T), in order of n
  const ratio = `(${ck} + ${n}) * (${num(am1)} + ${n}) / ((${c} + ${n}) * (${n} + 1)) * ${z}`;
  const lnTerm = q('ln_term');
  const negatives = q('negatives');
  const zeros = q('zeros');
  const signOfS1 = `CASE WHEN ${ck} < ${num(0)} THEN -1 ELSE 1 END`;
  let sums: string;
  if (w.flavour.series !== null) {
    const over = `OVER (PARTITION BY ${w.partitionBy([x, age])} ORDER BY ${n} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;
    const ratios = sub(
      [
        `SELECT ${keyCols}, ${n}, CASE WHEN ${n} = 0 THEN ${num(1)} ELSE ${ratio} END AS ${q('ratio')}`,
        `FROM ${w.flavour.series(counted, termsToSum, n)}`,
        `WHERE ${ok} = 1`,
      ],
      q('r0'),
    );
    const running = sub(
      [
        `SELECT ${keyCols}, ${n},`,
        `  ${lnS1} + sum(CASE WHEN ${q('ratio')} = ${num(0)} THEN ${num(0)} ELSE ${ln(`abs(${q('ratio')})`)} END) ${over} AS ${lnTerm},`,
        `  sum(CASE WHEN ${q('ratio')} < ${num(0)} THEN 1 ELSE 0 END) ${over} AS ${negatives},`,
        `  sum(CASE WHEN ${q('ratio')} = ${num(0)} THEN 1 ELSE 0 END) ${over} AS ${zeros}`,
        `FROM ${ratios}`,
      ],
      q('r1'),
    );
    sums = sub(
      [
        `SELECT ${keyCols},`,
        `  sum(CASE WHEN ${zeros} > 0 OR ${ck} = ${num(0)} THEN ${num(0)} ELSE CASE WHEN ${d.mod(negatives, '2')} = 1 THEN -1 ELSE 1 END * ${signOfS1} * (${w.exp(lnTerm)}) END) AS ${q('s_sum')},`,
        `  max(CASE WHEN ${n} = ${nTerms} - 1 THEN (CASE WHEN ${zeros} > 0 THEN ${num(-1e300)} ELSE ${lnTerm} END) END) AS ${q('ln_last')}`,
        `FROM ${running}`,
        `GROUP BY ${keyCols}`,
      ],
      q('r2'),
    );
    // rows outside the bounds were left out of the series: back with a NULL sum
    sums = sub(
      [
        `SELECT ${keyCols}, ${q('s_sum')}, ${q('ln_last')} FROM ${sums}`,
        `UNION ALL`,
        `SELECT ${keyCols}, NULL AS ${q('s_sum')}, NULL AS ${q('ln_last')} FROM ${counted} WHERE ${ok} = 0`,
      ],
      q('r3'),
    );
  } else {
    // ClickHouse 18.16 has no window functions: the running sums as arrays, one row per (x, T)
    const range = `range(toUInt64(${termsToSum}))`;
    const lnRatio = `arrayMap(${n} -> if(${n} = 0 OR (${ratio}) = 0, ${num(0)}, log(abs(${ratio}))), ${range})`;
    const negative = `arrayMap(${n} -> if(${n} > 0 AND (${ratio}) < 0, 1, 0), ${range})`;
    const zero = `arrayMap(${n} -> if(${n} > 0 AND (${ratio}) = 0, 1, 0), ${range})`;
    const [ls, ns, zs] = ['ls', 'ns', 'zs'].map(q) as [string, string, string];
    const term = `if(${zs} > 0 OR ${ck} = ${num(0)}, ${num(0)}, if(${d.mod(ns, '2')} = 1, -1, 1) * ${signOfS1} * if(${lnS1} + ${ls} < ${num(EXP_FLOOR)}, ${num(0)}, exp(${lnS1} + ${ls})))`;
    sums = sub(
      [
        `SELECT ${keyCols},`,
        `  if(${ok} = 1, arraySum(arrayMap((${ls}, ${ns}, ${zs}) -> ${term}, ${q('cum_ln')}, ${q('cum_neg')}, ${q('cum_zero')})), NULL) AS ${q('s_sum')},`,
        `  if(arrayElement(${q('cum_zero')}, length(${q('cum_zero')})) > 0, ${num(-1e300)}, ${lnS1} + arrayElement(${q('cum_ln')}, length(${q('cum_ln')}))) AS ${q('ln_last')}`,
        `FROM ${sub(
          [
            `SELECT ${keyCols}, arrayCumSum(${lnRatio}) AS ${q('cum_ln')}, arrayCumSum(${negative}) AS ${q('cum_neg')}, arrayCumSum(${zero}) AS ${q('cum_zero')}`,
            `FROM ${counted}`,
          ],
          q('r1'),
        )}`,
      ],
      q('r2'),
    );
  }
  // the tail after the last term is at most |s_N|·ρ/(1 − ρ), ρ = z·(1 + max(0, a − 2)/(N + 1)), once
  // c − k + N ≥ 0 (then every later ratio is at most ρ)
  const rho = q('rho');
  // nested CASEs: SQL does not promise to evaluate AND from the left, and ln must not see 0 or less
  const tailBelow = `${q('ln_last')} + ${ln(rho)} - ${ln(`${num(1)} - ${rho}`)} <= ${num(LOG_TOLERANCE)} + ${lnLow} + ${y}`;
  const phi = am1 === 0 ? num(1) : `(${w.oneMinusExpNeg(y)}) / (${y})`;
  const value = `${c} * (${l1u} * ${phi} - (${w.exp(`-(${y})`)}) * ${q('s_sum')})`;
  const settledValue = `CASE WHEN ${ok} = 1 AND ${nTerms} < ${num(MAX_TERMS)} AND ${ck} + ${nTerms} >= ${num(0)} AND ${rho} > ${num(0)} AND ${rho} < ${num(1)} THEN CASE WHEN ${ck} = ${num(0)} THEN ${value} WHEN ${tailBelow} THEN ${value} END END`;
  // NULL (no value) where the SQL's value is not computed; a value of 0 cannot occur (c, k, u > 0)
  const kappa = `${k} * ${l1u} * abs(CASE WHEN ${q('value')} > ${num(0)} THEN ${c} / (${q('value')} * ${num(am1)}) END - ${num(1)})`;
  return [
    `SELECT ${x}, ${age},`,
    `  CASE WHEN ${u} * (${k} + ${num(1)}) < ${num(Number.EPSILON / 2)} THEN ${k} * ${u}`,
    `    WHEN ${am1 === 0 ? '1 = 0' : `${q('value')} > ${num(0)}`} AND ${kappa} <= CASE WHEN ${z} <= ${num(0.9)} THEN ${num(MAX_KAPPA_NEAR)} ELSE ${num(MAX_KAPPA_FAR)} END THEN ${q('value')} END AS ${q('if_alive')}`,
    `FROM ${sub(
      [
        `SELECT ${x}, ${age}, ${k}, ${u}, ${z}, ${l1u}, ${c}, ${settledValue} AS ${q('value')}`,
        `FROM ${sub([`SELECT *, ${z} * (${num(1)} + ${num(growth)} / (${nTerms} + ${num(1)})) AS ${rho}`, `FROM ${sums}`], q('r4'))}`,
      ],
      q('r5'),
    )}`,
  ].join('\n');
}

/** The largest z = |α − β|/(max(α, β) + t) of the Pareto/NBD ₂F₁ series (scoreCustomers integrates above it). */
const MAX_Z_PARETO = 0.9;

/**
 * ln J(t) of the Pareto/NBD likelihood (Fader & Hardie 2005, eq. 22, after Euler's transformation, as
 * scoreCustomers writes it) per distinct (x, t) of `keys` (columns x and `time`): columns x, `time` and
 * `out`, NULL where z exceeds {@link MAX_Z_PARETO}.
 *   α ≥ β:  J(t) = (α+t)^−(r+x) (β+t)^−s     · H(r+x, r+s+x+1, (α−β)/(α+t))
 *   α < β:  J(t) = (α+t)^−(r+x−1) (β+t)^−(s+1) · H(s+1,  r+s+x+1, (β−α)/(β+t)),
 * H(p, q, z) = Σ_n ((p)_n/(q)_n) z^n, summed until its tail is below 2^−60 of it.
 */
function paretoLogJ(
  w: Writer,
  params: Record<string, number>,
  keys: string,
  time: string,
  out: string,
): string {
  const { q, ln, d } = w;
  const num = (v: number) => w.num(v);
  const { r, alpha, s, beta } = params as { r: number; alpha: number; s: number; beta: number };
  const [x, t, pp, qq, z, pre, n, nTerms] = ['x', time, 'pp', 'qq', 'z', 'pre', 'n', 'n_terms'].map(q) as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const alphaT = `(${num(alpha)} + ${t})`;
  const betaT = `(${num(beta)} + ${t})`;
  const up = alpha >= beta;
  const carried = w.partitionKey.map((name) => `, ${name}`).join('');
  const base = sub(
    [
      `SELECT ${x}, ${t}${carried}, ${up ? `${num(r)} + ${x}` : num(s + 1)} AS ${pp}, ${num(r)} + ${num(s)} + ${x} + ${num(1)} AS ${qq},`,
      `  ${up ? `(${num(alpha)} - ${num(beta)}) / ${alphaT}` : `(${num(beta)} - ${num(alpha)}) / ${betaT}`} AS ${z},`,
      up
        ? `  -(${num(r)} + ${x}) * ${ln(alphaT)} - ${num(s)} * ${ln(betaT)} AS ${pre}`
        : `  -(${num(r)} + ${x} - ${num(1)}) * ${ln(alphaT)} - ${num(s + 1)} * ${ln(betaT)} AS ${pre}`,
      `FROM ${w.flavour.series === null ? keys : w.numbered(keys, [x, t])}`,
    ],
    q('j0'),
  );
  // terms for a tail below 2^−60: every ratio is below z, so the tail after N terms is below z^N/(1 − z)
  const count = `CASE WHEN ${z} = ${num(0)} OR ${z} > ${num(MAX_Z_PARETO)} THEN ${num(1)} ELSE ceil((${num(LOG_TOLERANCE)} + ${ln(`${num(1)} - ${z}`)}) / ${ln(z)}) END`;
  const counted = sub(
    [
      `SELECT ${x}, ${t}${carried}, ${pp}, ${qq}, ${z}, ${pre}, ${d.bigint(count)} AS ${nTerms}`,
      `FROM ${base}`,
    ],
    q('j1'),
  );
  const keyCols = [x, t, ...w.partitionKey, pp, qq, z, pre, nTerms].join(', ');
  // p and q written from x: ClickHouse 18.16 prunes a subquery's columns that only a lambda uses
  const ppFromX = up ? `(${num(r)} + ${x})` : num(s + 1);
  const qqFromX = `(${num(r)} + ${num(s)} + ${x} + ${num(1)})`;
  const lnRatio = `${ln(`(${ppFromX} + ${n} - 1) / (${qqFromX} + ${n} - 1) * ${z}`)}`;
  let sums: string;
  if (w.flavour.series !== null) {
    const over = `OVER (PARTITION BY ${w.partitionBy([x, t])} ORDER BY ${n} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;
    const running = sub(
      [
        `SELECT ${keyCols}, sum(CASE WHEN ${n} = 0 THEN ${num(0)} ELSE ${lnRatio} END) ${over} AS ${q('ln_term')}`,
        `FROM ${w.flavour.series(counted, nTerms, n)}`,
      ],
      q('j2'),
    );
    sums = sub(
      [
        `SELECT ${keyCols}, sum(${w.exp(q('ln_term'))}) AS ${q('h')}`,
        `FROM ${running}`,
        `GROUP BY ${keyCols}`,
      ],
      q('j3'),
    );
  } else {
    // two levels, as in the BG/NBD query: 18.16 does not resolve columns in a lambda nested in another's argument
    const ls = q('ls');
    const cumulative = sub(
      [
        `SELECT ${keyCols}, arrayCumSum(arrayMap(${n} -> if(${n} = 0, ${num(0)}, ${lnRatio}), range(toUInt64(${nTerms})))) AS ${q('cum_ln')}`,
        `FROM ${counted}`,
      ],
      q('j2'),
    );
    sums = sub(
      [
        `SELECT ${keyCols}, arraySum(arrayMap(${ls} -> if(${ls} < ${num(EXP_FLOOR)}, ${num(0)}, exp(${ls})), ${q('cum_ln')})) AS ${q('h')}`,
        `FROM ${cumulative}`,
      ],
      q('j3'),
    );
  }
  return [
    `SELECT ${x}, ${t}, CASE WHEN ${z} <= ${num(MAX_Z_PARETO)} THEN ${pre} + ${ln(q('h'))} END AS ${q(out)}`,
    `FROM ${sums}`,
  ].join('\n');
}

/**
 * The Pareto/NBD query: P(alive) = e0/(e0 + max(0, e1 − e2)) as scoreCustomers computes it (the shares of
 * the likelihood's bracket, relative to its largest term), and the closed expectation given alive,
 * ((r+x)/(α+T))·(β+T)·(1 − ((β+T)/(β+T+t))^(s−1))/(s − 1).
 */
function paretoSql(w: Writer, params: Record<string, number>, horizon: number, rows: string): string {
  const { q, ln, d } = w;
  const num = (v: number) => w.num(v);
  const { r, alpha, s, beta } = params as { r: number; alpha: number; s: number; beta: number };
  const [x, tx, age, jx, jt] = ['x', 'tx', 'age', 'j_tx', 'j_t'].map(q) as [
    string,
    string,
    string,
    string,
    string,
  ];
  const join = d.name === 'clickhouse' ? 'ANY LEFT JOIN' : 'LEFT JOIN';
  const atTx = sub(
    [paretoLogJ(w, params, sub([`SELECT DISTINCT ${x}, ${tx} FROM ${rows}`], q('d')), 'tx', 'j_tx')],
    q('jx'),
  );
  const atT = sub(
    [paretoLogJ(w, params, sub([`SELECT DISTINCT ${x}, ${age} FROM ${rows}`], q('d')), 'age', 'j_t')],
    q('jt'),
  );
  const joined = sub(
    [
      `SELECT ${q('customer_id')}, ${x}, ${tx}, ${age}, ${jx}, ${jt}`,
      `FROM ${sub([`SELECT ${q('customer_id')}, ${x}, ${tx}, ${age}, ${jx}`, `FROM ${rows}`, `${join} ${atTx} USING (${x}, ${tx})`], q('s1'))}`,
      `${join} ${atT} USING (${x}, ${age})`,
    ],
    q('s2'),
  );
  const logFirst = `-(${num(r)} + ${x}) * ${ln(`${num(alpha)} + ${age}`)} - ${num(s)} * ${ln(`${num(beta)} + ${age}`)}`;
  const top = q('top');
  const shares = sub(
    [
      `SELECT ${q('customer_id')}, ${x}, ${age}, ${w.exp(`${q('lf')} - ${top}`)} AS ${q('e0')},`,
      `  ${num(s)} / (${num(r)} + ${num(s)} + ${x}) * (${w.exp(`${jx} - ${top}`)}) AS ${q('e1')},`,
      `  ${num(s)} / (${num(r)} + ${num(s)} + ${x}) * (${w.exp(`${jt} - ${top}`)}) AS ${q('e2')}`,
      `FROM ${sub([`SELECT *, CASE WHEN ${q('lf')} >= ${jx} THEN ${q('lf')} ELSE ${jx} END AS ${top}`, `FROM ${sub([`SELECT *, ${logFirst} AS ${q('lf')}`, `FROM ${joined}`], q('s3'))}`], q('s4'))}`,
    ],
    q('s5'),
  );
  const alive = `${q('e0')} / (${q('e0')} + CASE WHEN ${q('e1')} - ${q('e2')} > ${num(0)} THEN ${q('e1')} - ${q('e2')} ELSE ${num(0)} END)`;
  const p = q('p');
  const betaT = `(${num(beta)} + ${age})`;
  // (1 − e^(y·L))/y, y = s − 1, L = −ln(1 + t/(β+T)): −L·(1 + y·L/2) where |y·L| < 1e−9, as scoreCustomers
  const logBase = q('lb');
  const y = num(s - 1);
  const product = `${y} * ${logBase}`;
  const shape = `CASE WHEN abs(${product}) < ${num(1e-9)} THEN -${logBase} * (${num(1)} + ${product} / ${num(2)}) ELSE (${w.oneMinusExpNeg(`-(${product})`)}) / ${y} END`;
  const ifAlive =
    horizon === 0 ? num(0) : `(${num(r)} + ${x}) / (${num(alpha)} + ${age}) * ${betaT} * (${shape})`;
  return [
    `SELECT ${q('customer_id')}, ${p} AS ${q('probability_alive')}, ${p} * ${q('if_alive')} AS ${q('expected_purchases')}`,
    `FROM ${sub(
      [
        `SELECT ${q('customer_id')}, ${alive} AS ${p}, ${ifAlive} AS ${q('if_alive')}`,
        `FROM ${sub([`SELECT *, -(${w.log1p(`${num(horizon)} / ${betaT}`)}) AS ${logBase}`, `FROM ${shares}`], q('s6'))}`,
      ],
      q('s7'),
    )}`,
  ].join('\n');
}

/**
 * One SQL query that scores a table of summary rows inside the engine with a BG/NBD, MBG/NBD or Pareto/NBD
 * fit: columns `customer_id, probability_alive, expected_purchases`, one row per row of the table, each
 * number within 1e−12 (relative) of what {@link patronage!scoreCustomers} gives for the same row and
 * `horizon`, or NULL where the SQL cannot promise that.
 *
 * P(alive) is the closed form of each model (for Pareto/NBD in SQL only where its ₂F₁ series settles, as
 * below). The BG/NBD and MBG/NBD expected purchases are P(alive) times the expectation given alive, Fader,
 * Hardie & Lee (2005) eq. 10 with its ₂F₁ after Euler's transformation, summed as a bounded series with
 * running log-products (window sums; arrays in ClickHouse), once per distinct (x, T); the Pareto/NBD
 * expectation is closed. `expected_purchases` is NULL on a row where z = t/(α + T + t) exceeds 0.99 (the
 * series would need more than about 4,000 terms, and its rounding would approach 1e−12), where (a + b + x + shift − 1)/|a − 1| exceeds 10^4
 * (there scoreCustomers' own closed form loses more than 1e−13; every row for a = 1), where scoreCustomers'
 * closed form is itself not good to 1e−12 (its condition κ = k·ln(1 + u)·|c/(E·(a − 1)) − 1| above 800 for
 * z ≤ 0.9, above 100 beyond), or where the series did not settle within 100,000 terms; see the guide (docs/scaling.md, "Scoring in the engine"). Those
 * rows need {@link patronage!scoreBatches}. Without a NULL input the SQL never divides by zero or takes the
 * logarithm of a non-positive number, and exp never under- or overflows. BigQuery's windows cannot partition
 * by a FLOAT64, so there the distinct (x, T) are numbered first (`dense_rank()` over their order, an INT64)
 * and the window sums partition by that number: the same sums, one more step.
 *
 * The engine's rows are trusted as they are (the SQL checks nothing; {@link patronage!scoreCustomers}
 * rejects an invalid history). Names are quoted identifiers, every number a literal patronage writes; no
 * common table expression, so the text runs on ClickHouse 18.16.
 *
 * @param fit - a BG/NBD, MBG/NBD or Pareto/NBD fit
 * @param options - the dialect, the table and its columns, and `horizon` in the fit's time unit
 * @returns the SQL text of one query
 * @throws PatronageError `UNSUPPORTED_MODEL` for a fit of another model (BG/BB, Gamma-Gamma, sBG);
 *   `INVALID_FIT` for a fit that is not one; `UNSUPPORTED_DIALECT`, `INVALID_ARGUMENT` for a name that is
 *   not a plain identifier, `OUT_OF_RANGE` or `NOT_FINITE` for the horizon, `INVALID_OPTION` for an unknown
 *   option.
 *
 * @example
 * ```ts
 * import { scoreSql } from 'patronage/sql';
 *
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const sql = scoreSql(fit, { dialect: 'duckdb', table: 'summary', horizon: 39 });
 * sql.includes('"expected_purchases"'); // => true
 * scoreSql({ model: 'bgBb', params: { alpha: 1, beta: 1, gamma: 1, delta: 1 } } as never, { dialect: 'duckdb', table: 'summary', horizon: 39 }); // => throws UNSUPPORTED_MODEL
 * ```
 *
 * @category SQL
 */
export function scoreSql(fit: ScoreSqlFit, options: ScoreSqlOptions): string {
  return scoreSqlWith(fit, options, (dialect) => dialect);
}

/**
 * {@link scoreSql} with its dialect adjusted by `adjust` before the text is written. Internal: the tests
 * render BigQuery's shape (windows partitioned by a numbered key) in DuckDB's dialect and run it.
 */
export function scoreSqlWith(
  fit: ScoreSqlFit,
  options: ScoreSqlOptions,
  adjust: (dialect: Dialect) => Dialect,
): string {
  const fn = 'scoreSql';
  const { model, params } = requireFit(fn, fit);
  const record = requireOptions(fn, 'options', options, SCORE_SQL_OPTION_KEYS);
  const d = adjust(dialectOf(fn, record['dialect']));
  const table = identifier(fn, d, 'table', record['table'], true);
  const column = (name: string, fallback: string): string =>
    identifier(fn, d, name, record[name] === undefined ? fallback : record[name]);
  const customerId = column('customerId', 'customer_id');
  const frequency = column('frequency', 'frequency');
  const recency = column('recency', 'recency');
  const age = column('T', 'T');
  const horizon = requireAtLeast(fn, 'options.horizon', record['horizon'], 0);
  const w = new Writer(d, flavourOf(d));
  const { q } = w;
  const num = (v: number) => w.num(v);
  const rows = sub(
    [
      `SELECT ${customerId} AS ${q('customer_id')}, ${d.double(frequency)} AS ${q('x')}, ${d.double(recency)} AS ${q('tx')}, ${d.double(age)} AS ${q('age')}`,
      `FROM ${table}`,
    ],
    q('s'),
  );
  if (model === 'paretoNbd') return paretoSql(w, params, horizon, rows);
  const shift = model === 'mbgNbd' ? 1 : 0;
  const { r, alpha, a, b } = params as { r: number; alpha: number; a: number; b: number };
  const [x, tx, ageColumn, wAlive] = ['x', 'tx', 'age', 'w'].map(q) as [string, string, string, string];
  // 1/(1 + a/(b+x−1+shift)·((α+T)/(α+t_x))^(r+x)) as the logistic of −w; 1 for BG/NBD at x = 0
  const wExpression = `${num(Math.log(a))} - ${w.ln(`${num(b)} + ${x} - ${num(1)} + ${num(shift)}`)} + (${num(r)} + ${x}) * ${w.ln(`(${num(alpha)} + ${ageColumn}) / (${num(alpha)} + ${tx})`)}`;
  const logistic = `CASE WHEN ${wAlive} <= ${num(0)} THEN ${num(1)} / (${num(1)} + ${w.exp(wAlive)}) ELSE (${w.exp(`-${wAlive}`)}) / (${num(1)} + (${w.exp(`-${wAlive}`)})) END`;
  const alive = shift === 0 ? `CASE WHEN ${x} = ${num(0)} THEN ${num(1)} ELSE ${logistic} END` : logistic;
  const withW = sub(
    [
      `SELECT ${q('customer_id')}, ${x}, ${ageColumn}, CASE WHEN ${shift === 0 ? `${x} = ${num(0)}` : '1 = 0'} THEN ${num(0)} ELSE ${wExpression} END AS ${wAlive}`,
      `FROM ${rows}`,
    ],
    q('s1'),
  );
  const scored = sub(
    [`SELECT ${q('customer_id')}, ${x}, ${ageColumn}, ${alive} AS ${q('p')}`, `FROM ${withW}`],
    q('s2'),
  );
  const p = q('p');
  if (horizon === 0) {
    return `SELECT ${q('customer_id')}, ${p} AS ${q('probability_alive')}, ${p} * ${num(0)} AS ${q('expected_purchases')}\nFROM ${scored}`;
  }
  const keys = sub([`SELECT DISTINCT ${x}, ${ageColumn} FROM ${rows}`], q('d'));
  const expectation = sub([bgExpectation(w, params, shift, horizon, keys)], q('e'));
  const join = d.name === 'clickhouse' ? 'ANY LEFT JOIN' : 'LEFT JOIN';
  return [
    `SELECT ${q('customer_id')}, ${p} AS ${q('probability_alive')}, ${p} * ${q('if_alive')} AS ${q('expected_purchases')}`,
    `FROM ${scored}`,
    `${join} ${expectation} USING (${x}, ${ageColumn})`,
  ].join('\n');
}
