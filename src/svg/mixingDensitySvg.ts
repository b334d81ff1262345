import type { MixingDensity } from '../clv/mixingDensities';
import { PatronageError } from '../errors/PatronageError';
import { optionKeys, requireFinite, requireList, requireObject, requireOptions } from '../internal/validate';
import {
  CHART_OPTION_KEYS,
  type ChartOptions,
  coordinate,
  escapeXml,
  type Frame,
  label,
  linear,
  resolveChart,
  SERIES_COLOURS,
  svgDocument,
  ticks,
  xAxis,
  yAxis,
} from './core';
import { drawnPoints, type ReadPoint, requireIncreasingX } from './curves';
import { requireText } from './read';

/**
 * Options of {@link mixingDensitySvg}.
 *
 * @category Charts
 */
export interface MixingDensitySvgOptions extends ChartOptions {
  /**
   * Labels of the horizontal axes by density name (`{ lambda: 'purchases per week' }`); the default names
   * the quantity (`'λ: purchase rate per time unit'`). A name that is not among the densities is
   * `INVALID_OPTION`.
   */
  readonly labels?: Readonly<Record<string, string>> | undefined;
}

const OPTION_KEYS = /* @__PURE__ */ optionKeys<MixingDensitySvgOptions>()(['labels'], [CHART_OPTION_KEYS]);

const FN = 'mixingDensitySvg';
/** Panels at most: the models have one to three mixing distributions. */
const MAX_PANELS = 8;
/** Height of one panel, in pixels, for the default height. */
const PANEL_HEIGHT = 200;
/** The smallest panel that holds its title, axes and labels. */
const MIN_PANEL_HEIGHT = 90;

const GREEK: Readonly<Record<string, string>> = {
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  lambda: 'λ',
  mu: 'μ',
  eta: 'η',
  nu: 'ν',
  theta: 'θ',
};
const symbol = (name: string): string => GREEK[name] ?? name;

/**
 * The quantity a density is of, from its name and the parameters that shape it: `p` is BG/NBD's dropout
 * probability (shapes a, b) or BG/BB's transaction probability (α, β), `theta` BG/BB's dropout probability
 * (γ, δ) or the contract models' churn probability (α, β).
 */
function quantityOf(name: string, shapes: readonly string[]): string {
  const by = shapes.join(',');
  if (name === 'lambda') return 'λ: purchase rate per time unit';
  if (name === 'mu') return 'μ: dropout rate per time unit';
  if (name === 'eta') return 'η: dropout scale per time unit';
  if (name === 'nu') return 'ν: spend scale';
  if (name === 'p')
    return by === 'a,b'
      ? 'p: dropout probability after a purchase'
      : 'p: transaction probability per opportunity';
  if (name === 'theta')
    return by === 'gamma,delta'
      ? 'θ: dropout probability per opportunity'
      : 'θ: churn probability per period';
  return symbol(name);
}

/** A density as read: its name, family, shapes and points. */
interface ReadDensity {
  readonly name: string;
  readonly family: string;
  readonly parameters: readonly (readonly [string, number])[];
  readonly mean: number;
  readonly points: readonly ReadPoint[];
}

/**
 * The heterogeneity of a fit: one panel per mixing distribution of {@link patronage!mixingDensities}
 * (the purchase rates λ, the dropout rates μ or probabilities p, …), each its density as a line over the
 * quantity, with the distribution, its shapes and its mean in the panel's title and a dashed line at the
 * mean. Panels are stacked, each with its own axes, so a rate and a probability are not forced onto one
 * scale.
 *
 * A density of more than 10,000 points is drawn from at most 7 of its points per pixel column (M4
 * aggregation, docs/charts.md, "Long series and large tables").
 *
 * @param densities - the result of {@link patronage!mixingDensities}: one to eight densities, each
 *   `{ name, family, parameters, mean, points: [{ x, density }] }` with points in increasing x
 * @param options - `labels` (axis labels by density name), and the {@link ChartOptions}; the default height
 *   is 200 pixels a panel plus 40
 * @returns an SVG document as a string; deterministic
 * @throws PatronageError `EMPTY_INPUT` for no densities or a density without points, `OUT_OF_RANGE` for
 *   more than eight, a negative density or a height that leaves a panel less than 90 pixels, `INVALID_ARGUMENT` for a malformed density (a hole in an array
 *   included) or points out of order, `NOT_FINITE`. `INVALID_OPTION` for an unknown option key, or a
 *   `labels` key that names no density (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { mixingDensities } from 'patronage';
 * import { mixingDensitySvg } from 'patronage/svg';
 *
 * // the CDNOW BG/NBD fit (weeks): λ ~ Gamma(0.243, 4.414), p ~ Beta(0.793, 2.426)
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const svg = mixingDensitySvg(mixingDensities(fit), { labels: { lambda: 'λ: purchases per week' } });
 * svg.match(/<g class="panel"/g)?.length; // => 2
 * svg.includes('λ: purchases per week'); // => true
 * svg.includes('p ~ beta(a 0.793, b 2.426), mean 0.246'); // => true
 * ```
 *
 * @category Charts
 */
export function mixingDensitySvg(
  densities: readonly MixingDensity[],
  options?: MixingDensitySvgOptions,
): string {
  const list = requireList(FN, 'densities', densities);
  if (list.length === 0 || list.length > MAX_PANELS) {
    throw new PatronageError(
      list.length === 0 ? 'EMPTY_INPUT' : 'OUT_OF_RANGE',
      `${FN}: densities must hold 1 to ${MAX_PANELS} densities, got ${list.length}`,
      { argument: 'densities', value: list.length },
    );
  }
  const chart = resolveChart(FN, options, OPTION_KEYS, {
    width: 720,
    height: Math.min(10_000, 40 + PANEL_HEIGHT * list.length),
    title: 'Heterogeneity: the mixing distributions',
  });
  const read = list.map((value, d) => readDensity(`densities[${d}]`, value));
  const labelsValue = chart.record['labels'];
  // a label for a density that is not drawn is a misspelt name: INVALID_OPTION, naming the nearest one
  const labels =
    labelsValue === undefined
      ? {}
      : requireOptions(
          FN,
          'options.labels',
          labelsValue,
          read.map((density) => density.name),
        );
  const top = 36;
  const panelHeight = (chart.height - top) / read.length;
  if (panelHeight < MIN_PANEL_HEIGHT) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${FN}: options.height (${chart.height}) leaves less than ${MIN_PANEL_HEIGHT} pixels to each of the ${read.length} panels; give at least ${top + MIN_PANEL_HEIGHT * read.length}`,
      { argument: 'options.height', value: chart.height, minimum: top + MIN_PANEL_HEIGHT * read.length },
    );
  }
  const body: string[] = [];
  read.forEach((density, d) => {
    const own = labels[density.name];
    const xTitle =
      own === undefined
        ? quantityOf(
            density.name,
            density.parameters.map(([name]) => name),
          )
        : requireText(FN, `options.labels.${density.name}`, own);
    const frame: Frame = {
      left: 64,
      top: top + d * panelHeight + 24,
      right: chart.width - 20,
      bottom: top + (d + 1) * panelHeight - 44,
    };
    body.push(panel(density, frame, xTitle, SERIES_COLOURS[d % SERIES_COLOURS.length] as string));
  });
  const summary = read
    .map((density) => `${symbol(density.name)} ~ ${density.family} with mean ${label(density.mean, 3)}`)
    .join('; ');
  return svgDocument(chart, `Mixing distributions: ${summary}.`, body.join(''));
}

/** One panel: axes, the density's line, a dashed line at its mean and its title. */
function panel(density: ReadDensity, frame: Frame, xTitle: string, colour: string): string {
  const points = density.points;
  let minX = 0;
  let maxX = 0;
  let maxY = 0;
  for (let i = 0; i < points.length; i++) {
    const point = points[i] as ReadPoint;
    if (point.x < minX) minX = point.x;
    if (point.x > maxX) maxX = point.x;
    if (point.y > maxY) maxY = point.y;
  }
  // a beta's axis is the whole of [0, 1]; a gamma's runs to its last point
  const xHigh = Math.max(density.family === 'beta' ? 1 : minX + 1e-300, maxX);
  const yHigh = maxY > 0 ? maxY : 1;
  const x = linear(minX, xHigh, frame.left, frame.right);
  const y = linear(0, yHigh, frame.bottom, frame.top);
  const drawn = drawnPoints(points, x, frame.left, frame.right);
  const path = new Array<string>(drawn.length);
  for (let i = 0; i < drawn.length; i++) {
    const point = drawn[i] as ReadPoint;
    path[i] = `${i === 0 ? 'M' : 'L'}${coordinate(x(point.x))},${coordinate(y(point.y))}`;
  }
  const shapes = density.parameters.map(([name, value]) => `${symbol(name)} ${label(value, 3)}`).join(', ');
  const heading = `${symbol(density.name)} ~ ${density.family}(${shapes}), mean ${label(density.mean, 3)}`;
  const mean = coordinate(x(Math.min(Math.max(density.mean, minX), xHigh)));
  return (
    `<g class="panel">` +
    `<text x="${frame.left}" y="${coordinate(frame.top - 8)}" font-size="12" font-weight="600" fill="#1a1a1a">${escapeXml(heading)}</text>` +
    yAxis(frame, ticks(0, yHigh, 4), y, label, 'density') +
    xAxis(frame, ticks(minX, xHigh, 8), x, label, xTitle) +
    `<g class="series"><title>${escapeXml(`density of ${symbol(density.name)}`)}</title><path d="${path.join('')}" fill="none" stroke="${colour}" stroke-width="2"/></g>` +
    `<line class="mean" x1="${mean}" x2="${mean}" y1="${frame.top}" y2="${coordinate(frame.bottom)}" stroke="#666" stroke-dasharray="4 3"/>` +
    `</g>`
  );
}

/** Reads one density, each field once. */
function readDensity(name: string, value: unknown): ReadDensity {
  const record = requireObject(FN, name, value);
  const densityName = requireText(FN, `${name}.name`, record['name']);
  const family = requireText(FN, `${name}.family`, record['family']);
  const parameters = requireObject(FN, `${name}.parameters`, record['parameters']);
  const shapes = Object.keys(parameters).map(
    (key) => [key, requireFinite(FN, `${name}.parameters.${key}`, parameters[key])] as const,
  );
  const mean = requireFinite(FN, `${name}.mean`, record['mean']);
  const rawPoints = requireList(FN, `${name}.points`, record['points']);
  if (rawPoints.length === 0) {
    throw new PatronageError('EMPTY_INPUT', `${FN}: ${name}.points is empty`, {
      argument: `${name}.points`,
      value: 0,
    });
  }
  const points: ReadPoint[] = new Array(rawPoints.length);
  for (let i = 0; i < rawPoints.length; i++) {
    const point = requireObject(FN, `${name}.points[${i}]`, rawPoints[i]);
    const x = point['x'];
    const density = point['density'];
    const y = requireFinite(FN, `${name}.points[${i}].density`, density);
    if (y < 0) {
      throw new PatronageError('OUT_OF_RANGE', `${FN}: ${name}.points[${i}].density (${y}) is negative`, {
        argument: `${name}.points[${i}].density`,
        value: y,
      });
    }
    points[i] = { x: requireFinite(FN, `${name}.points[${i}].x`, x), y, lower: null, upper: null };
  }
  requireIncreasingX(FN, `${name}.points`, points);
  return { name: densityName, family, parameters: shapes, mean, points };
}
