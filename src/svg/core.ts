// Shared pieces of the SVG charts: options, escaping, number formatting, scales, axes and the document
// wrapper. Everything is a pure function of its input, so a chart is the same string on every runtime.

import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { optionalObject, optionKeys } from '../internal/validate';

/**
 * Options every chart takes.
 *
 * @category Charts
 */
export interface ChartOptions {
  /** Width in CSS pixels (the SVG scales with its `viewBox`); default per chart. */
  readonly width?: number | undefined;
  /** Height in CSS pixels; default per chart. */
  readonly height?: number | undefined;
  /** Title, drawn above the chart and given to screen readers as the SVG's `<title>`. */
  readonly title?: string | undefined;
  /** Longer description for screen readers (`<desc>`); default: a summary of the data. */
  readonly description?: string | undefined;
  /**
   * Prefix of the element ids inside the SVG (`<title>`, `<desc>`, clip paths), so several charts can
   * share one HTML page; default `'patronage-chart'`. Letters, digits, `-` and `_` only.
   */
  readonly idPrefix?: string | undefined;
}

/** The keys of {@link ChartOptions}. */
export const CHART_OPTION_KEYS: readonly (keyof ChartOptions & string)[] =
  /* @__PURE__ */ optionKeys<ChartOptions>()(['width', 'height', 'title', 'description', 'idPrefix']);

/** Chart options after validation. */
export interface ResolvedChart {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly description: string | undefined;
  readonly id: string;
}

/** Validates the shared options; `keys` are the valid keys of the chart's whole options object. */
export function resolveChart(
  fn: string,
  options: unknown,
  keys: readonly string[],
  defaults: { readonly width: number; readonly height: number; readonly title: string },
): ResolvedChart & { readonly record: Readonly<Record<string, unknown>> } {
  const record = optionalObject(fn, 'options', options, keys);
  const size = (name: 'width' | 'height'): number => {
    const value = record[name] ?? defaults[name];
    if (typeof value !== 'number' || !(value >= 100) || !(value <= 10_000)) {
      throw new PatronageError(
        'OUT_OF_RANGE',
        `${fn}: options.${name} must be a number of pixels from 100 to 10000, got ${describeValue(value)}`,
        { argument: `options.${name}`, value },
      );
    }
    return value;
  };
  const text = (name: 'title' | 'description'): string | undefined => {
    const value = record[name];
    if (value !== undefined && typeof value !== 'string') {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${fn}: options.${name} must be a string, got ${describeValue(value)}`,
        { argument: `options.${name}`, value },
      );
    }
    return value;
  };
  const id = record['idPrefix'] ?? 'patronage-chart';
  if (typeof id !== 'string' || !/^[A-Za-z][\w-]{0,63}$/.test(id)) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: options.idPrefix must start with a letter and hold up to 64 letters, digits, '-' or '_', got ${describeValue(id)}`,
      { argument: 'options.idPrefix', value: id },
    );
  }
  return {
    width: size('width'),
    height: size('height'),
    title: text('title') ?? defaults.title,
    description: text('description'),
    id,
    record,
  };
}

// What escapeXml replaces: the five markup characters, and the characters that make a document not
// well-formed XML or that HTML reports as parse errors: C0 controls but tab, LF and CR; DEL and the C1
// controls; the noncharacters U+FDD0–U+FDEF and U+xFFFE/U+xFFFF of every plane (those above U+FFFF as
// their surrogate pairs); lone surrogates. Written with code units rather than Unicode properties
// (`/[^\P{Cc}\t\n\r]|\p{Cs}|\p{Noncharacter_Code_Point}/u` matches the same), which is about 6 times as fast.
const NOT_TEXT_SOURCE =
  '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\uFDD0-\\uFDEF\\uFFFE\\uFFFF]' +
  '|[\\uD83F\\uD87F\\uD8BF\\uD8FF\\uD93F\\uD97F\\uD9BF\\uD9FF\\uDA3F\\uDA7F\\uDABF\\uDAFF\\uDB3F\\uDB7F\\uDBBF\\uDBFF][\\uDFFE\\uDFFF]' +
  '|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const ESCAPED = new RegExp(`[&<>"']|${NOT_TEXT_SOURCE}`, 'g');
const NOT_TEXT = new RegExp(NOT_TEXT_SOURCE, 'g');

/**
 * Escapes text for XML character data and attribute values, the one function every string that reaches a
 * chart or a report goes through. A character XML forbids (NUL, U+0007, a lone surrogate, U+FFFF) or one
 * that HTML reports as an error (DEL, the C1 controls, the other noncharacters) becomes U+FFFD, the
 * replacement character, so the SVG stays well-formed whatever the text.
 */
export function escapeXml(text: string): string {
  return text.replace(ESCAPED, (character) =>
    character === '&'
      ? '&amp;'
      : character === '<'
        ? '&lt;'
        : character === '>'
          ? '&gt;'
          : character === '"'
            ? '&quot;'
            : character === "'"
              ? '&#39;'
              : '\uFFFD',
  );
}

/**
 * Markup with the characters {@link escapeXml} replaces, other than the five markup characters, replaced by
 * U+FFFD: for an SVG document a caller gives `htmlReport` to embed as it is.
 */
export function replaceNonText(markup: string): string {
  return markup.replace(NOT_TEXT, '\uFFFD');
}

/** A coordinate with at most two decimals and no trailing zeros: stable output, small files. */
export function coordinate(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}

/** A number for a label: whole numbers as they are, others with up to `digits` significant decimals. */
export function label(value: number, digits = 2): string {
  if (Number.isInteger(value)) return String(value);
  const fixed = value.toFixed(digits);
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

/** A share as a percentage label, such as `42.5%`. */
export function percent(value: number, digits = 1): string {
  const scaled = 100 * value;
  if (Number.isFinite(scaled)) return `${scaled.toFixed(digits)}%`;
  // beyond the largest double once multiplied by 100: the exponent of the value, plus 2
  const [mantissa, exponent] = value.toExponential(digits).split('e');
  return `${mantissa}e+${Number(exponent) + 2}%`;
}

/** A linear map from [domainLow, domainHigh] to [rangeLow, rangeHigh]. */
export function linear(
  domainLow: number,
  domainHigh: number,
  rangeLow: number,
  rangeHigh: number,
): (value: number) => number {
  const span = domainHigh - domainLow;
  if (span === 0) return () => (rangeLow + rangeHigh) / 2;
  if (!Number.isFinite(span)) {
    // a domain wider than the largest double (from -1e308 to 1e308): the same map on halved values
    const half = domainHigh / 2 - domainLow / 2;
    return (value) => rangeLow + ((value / 2 - domainLow / 2) / half) * (rangeHigh - rangeLow);
  }
  return (value) => rangeLow + ((value - domainLow) / span) * (rangeHigh - rangeLow);
}

/** About `count` round tick values covering [low, high] (1, 2 or 5 times a power of ten apart). */
export function ticks(low: number, high: number, count = 5): number[] {
  if (!(high > low)) return [low];
  const raw = (high - low) / count;
  if (!Number.isFinite(raw)) return [low, high]; // a span beyond the largest double: just the ends
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= raw) ?? raw;
  const first = Math.ceil(low / step);
  const last = Math.floor(high / step + 1e-9);
  // far from 0 relative to the span, tick positions are not distinct doubles: just the ends
  if (
    !(
      last - first >= 0 &&
      last - first <= 4 * count &&
      Number.isSafeInteger(first) &&
      Number.isSafeInteger(last)
    )
  ) {
    return [low, high];
  }
  const values: number[] = [];
  for (let k = first; k <= last; k++) values.push(Number((k * step).toPrecision(12)));
  return values;
}

// viridis at five stops: perceptually uniform, readable in greyscale and by most colour-blind readers
const STOPS: readonly (readonly [number, number, number])[] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** The colour of a value in [0, 1] on the sequential scale, as `#rrggbb`. */
export function sequentialColour(value: number): string {
  const t = Math.min(1, Math.max(0, value)) * (STOPS.length - 1);
  const index = Math.min(STOPS.length - 2, Math.floor(t));
  const from = STOPS[index] as readonly [number, number, number];
  const to = STOPS[index + 1] as readonly [number, number, number];
  const f = t - index;
  return `#${[0, 1, 2]
    .map((channel) =>
      Math.round((from[channel] as number) + f * ((to[channel] as number) - (from[channel] as number)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** Text colour that stays readable on a cell of the sequential scale. */
export function inkOn(value: number): string {
  return value < 0.6 ? '#ffffff' : '#1a1a1a';
}

/** Colours for up to eight series, distinguishable by most colour-blind readers (Okabe & Ito 2008). */
export const SERIES_COLOURS: readonly string[] = [
  '#0072b2',
  '#d55e00',
  '#009e73',
  '#cc79a7',
  '#e69f00',
  '#56b4e9',
  '#f0e442',
  '#000000',
];

/** The plotting area inside the margins. */
export interface Frame {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** The plotting area for a chart with axis labels. */
export function frameOf(chart: ResolvedChart, margins?: Partial<Frame>): Frame {
  return {
    left: margins?.left ?? 64,
    top: margins?.top ?? 44,
    right: chart.width - (margins?.right ?? 20),
    bottom: chart.height - (margins?.bottom ?? 48),
  };
}

/** A left axis with ticks, grid lines and a label. */
export function yAxis(
  frame: Frame,
  values: readonly number[],
  scale: (value: number) => number,
  format: (value: number) => string,
  title: string,
): string {
  const parts = values.map((value) => {
    const y = coordinate(scale(value));
    return `<line x1="${frame.left}" x2="${coordinate(frame.right)}" y1="${y}" y2="${y}" stroke="#e3e3e3"/><text x="${frame.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${escapeXml(format(value))}</text>`;
  });
  const middle = coordinate((frame.top + frame.bottom) / 2);
  parts.push(
    `<text x="16" y="${middle}" text-anchor="middle" transform="rotate(-90 16 ${middle})">${escapeXml(title)}</text>`,
  );
  return `<g class="axis y" font-size="11" fill="#444">${parts.join('')}</g>`;
}

/** A bottom axis with ticks and a label. */
export function xAxis(
  frame: Frame,
  values: readonly number[],
  scale: (value: number) => number,
  format: (value: number) => string,
  title: string,
): string {
  const parts = values.map((value) => {
    const x = coordinate(scale(value));
    return `<line x1="${x}" x2="${x}" y1="${coordinate(frame.bottom)}" y2="${coordinate(frame.bottom + 4)}" stroke="#888"/><text x="${x}" y="${coordinate(frame.bottom + 16)}" text-anchor="middle">${escapeXml(format(value))}</text>`;
  });
  parts.push(
    `<line x1="${frame.left}" x2="${coordinate(frame.right)}" y1="${coordinate(frame.bottom)}" y2="${coordinate(frame.bottom)}" stroke="#888"/>`,
    `<text x="${coordinate((frame.left + frame.right) / 2)}" y="${coordinate(frame.bottom + 36)}" text-anchor="middle">${escapeXml(title)}</text>`,
  );
  return `<g class="axis x" font-size="11" fill="#444">${parts.join('')}</g>`;
}

/** A legend row of coloured swatches and names, top right. */
export function legend(chart: ResolvedChart, entries: readonly { name: string; colour: string }[]): string {
  if (entries.length < 2) return '';
  const items = entries.map((entry, i) => {
    const y = 40 + 16 * i;
    return `<rect x="${chart.width - 150}" y="${y - 9}" width="12" height="12" fill="${entry.colour}"/><text x="${chart.width - 132}" y="${y}" dominant-baseline="middle">${escapeXml(entry.name)}</text>`;
  });
  return `<g class="legend" font-size="11" fill="#333">${items.join('')}</g>`;
}

/** The complete SVG document: accessible title and description, a white background, then the body. */
export function svgDocument(chart: ResolvedChart, summary: string, body: string): string {
  const titleId = `${chart.id}-title`;
  const descriptionId = `${chart.id}-desc`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${chart.width}" height="${chart.height}" viewBox="0 0 ${chart.width} ${chart.height}" role="img" aria-labelledby="${titleId} ${descriptionId}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif">` +
    `<title id="${titleId}">${escapeXml(chart.title)}</title>` +
    `<desc id="${descriptionId}">${escapeXml(chart.description ?? summary)}</desc>` +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    `<text x="${coordinate(chart.width / 2)}" y="22" text-anchor="middle" font-size="15" font-weight="600" fill="#1a1a1a">${escapeXml(chart.title)}</text>` +
    `${body}</svg>`
  );
}

/** An optional string option, or its default. */
export function textOption(
  fn: string,
  record: Readonly<Record<string, unknown>>,
  name: string,
  fallback: string,
): string {
  const value = record[name] ?? fallback;
  if (typeof value !== 'string') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: options.${name} must be a string, got ${describeValue(value)}`,
      { argument: `options.${name}`, value },
    );
  }
  return value;
}
