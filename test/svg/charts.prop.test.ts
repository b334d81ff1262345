import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { cohortRetention, fitBgNbd, kaplanMeier, probabilityAlive } from '../../src/index';
import {
  cohortHeatmapSvg,
  frequencyRecencyMatrixSvg,
  htmlReport,
  probabilityAliveMatrixSvg,
  retentionCurvesSvg,
  segmentSizesSvg,
  survivalCurveSvg,
  trackingSvg,
} from '../../src/svg/index';
import { codeOf } from '../helpers/errors';
import { expectCleanReport, expectWellFormed } from './wellFormed';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
const BG_FIT = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;

/** Parses the SVG (failing the test on invalid XML) and checks the accessibility wiring. */
function parsed(svg: string): Record<string, unknown> {
  expectWellFormed(svg);
  const root = (parser.parse(svg) as { svg: Record<string, unknown> }).svg;
  expect(root['xmlns']).toBe('http://www.w3.org/2000/svg');
  expect(root['role']).toBe('img');
  const [titleId, descriptionId] = String(root['aria-labelledby']).split(' ');
  expect((root['title'] as { id: string }).id).toBe(titleId);
  expect((root['desc'] as { id: string }).id).toBe(descriptionId);
  return root;
}

function count(svg: string, pattern: RegExp): number {
  return svg.match(pattern)?.length ?? 0;
}

const cohortRows = fc
  .array(
    fc.record({
      size: fc.integer({ min: 1, max: 5000 }),
      shares: fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }), {
        minLength: 1,
        maxLength: 30,
      }),
    }),
    { minLength: 1, maxLength: 20 },
  )
  .map((cohorts) =>
    cohorts.map(({ size, shares }, i) => ({
      cohort: `2024-${String(i + 1).padStart(2, '0')} <&>`,
      size,
      counts: shares.map((share) => (share === null ? null : Math.round(share * size))),
      rates: shares,
      revenue: shares.map((share) => (share === null ? null : 10 * share)),
      revenueRates: shares,
    })),
  );

describe('SVG charts', () => {
  it('a cohort heatmap is valid SVG with one cell per known value, whatever the rows', () => {
    fc.assert(
      fc.property(
        cohortRows,
        fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
        (rows, maxPeriods) => {
          const svg = cohortHeatmapSvg(rows, { maxPeriods });
          parsed(svg);
          const columns = Math.min(Math.max(...rows.map((row) => row.rates.length)), maxPeriods ?? 99);
          const known = rows.reduce(
            (sum, row) => sum + row.rates.slice(0, columns).filter((rate) => rate !== null).length,
            0,
          );
          expect(count(svg, /<rect x=/g)).toBe(known);
          expect(svg).not.toContain('NaN');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the same input gives the same bytes (the order of option keys does not matter)', () => {
    const rows = cohortRetention(
      [
        { customerId: 'a', at: '2024-01-03', amount: 10 },
        { customerId: 'a', at: '2024-02-03', amount: 10 },
        { customerId: 'b', at: '2024-02-09', amount: 5 },
      ],
      { period: 'month' },
    );
    expect(cohortHeatmapSvg(rows, { title: 'T', width: 500 })).toBe(
      cohortHeatmapSvg(rows, { width: 500, title: 'T' }),
    );
  });

  it('text is escaped: titles and names with markup stay text', () => {
    const title = '<script>alert("x")</script> & co';
    const svg = segmentSizesSvg({ '<b>bold</b>': 2, "o'neil": 1 }, { title });
    const root = parsed(svg);
    expect((root['title'] as { '#text': string })['#text']).toBe(title);
    expect(svg).not.toContain('<script>');
  });

  it('retention curves are valid SVG for any series, with a band exactly where lower and upper are given', () => {
    const point = fc.record({
      y: fc.double({ min: 0, max: 1, noNaN: true }),
      band: fc.option(fc.double({ min: 0, max: 0.3, noNaN: true }), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(point, { minLength: 1, maxLength: 25 }), { minLength: 1, maxLength: 8 }),
        (curves) => {
          const series = curves.map((points, s) => ({
            name: `series ${s}`,
            points: points.map(({ y, band }, x) =>
              band === null ? { x, y } : { x, y, lower: Math.max(0, y - band), upper: y + band },
            ),
          }));
          const svg = retentionCurvesSvg(series);
          parsed(svg);
          // one band per run of consecutive points that have both ends, none elsewhere
          const runs = curves.reduce(
            (sum, points) =>
              sum +
              points.filter(({ band }, i) => band !== null && (i === 0 || points[i - 1]?.band === null))
                .length,
            0,
          );
          expect(count(svg, /fill-opacity="0.15"/g)).toBe(runs);
          expect(count(svg, /stroke-width="2"/g)).toBe(series.length);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a survival curve starts at 100%, steps down and carries its confidence band', () => {
    const result = kaplanMeier({
      durations: [1, 2, 2, 3, 5, 8, 8, 9, 12, 15],
      observed: [true, true, false, true, true, false, true, true, false, true],
    });
    const svg = survivalCurveSvg(result, { xLabel: 'months' });
    parsed(svg);
    expect(svg).toContain('100%');
    expect(svg).toContain('fill-opacity="0.15"');
    expect(svg).toContain(`median ${result.median}`);
    expect(codeOf(() => survivalCurveSvg([]))).toBe('EMPTY_INPUT');
  });

  it('the matrices draw one cell per valid history and P(alive) stays within 0–100%', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), (maxFrequency, steps) => {
        const options = { T: 30, maxFrequency, recencySteps: steps };
        const alive = probabilityAliveMatrixSvg(BG_FIT, options);
        const expected = frequencyRecencyMatrixSvg(BG_FIT, { ...options, horizon: 10 });
        for (const svg of [alive, expected]) {
          parsed(svg);
          // frequency 0 only at recency 0; other frequencies at every recency above 0
          expect(
            count(
              svg,
              /<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" fill="#[0-9a-f]{6}"><title>/g,
            ),
          ).toBe(1 + maxFrequency * steps);
        }
        const shares = [...alive.matchAll(/: ([\d.]+)%<\/title>/g)].map((match) => Number(match[1]));
        expect(shares.every((share) => share >= 0 && share <= 100)).toBe(true);
        const cell = probabilityAlive(BG_FIT, { frequency: maxFrequency, recency: 30, T: 30 });
        expect(alive).toContain(`frequency ${maxFrequency}, recency 30: ${(100 * cell).toFixed(1)}%`);
      }),
      { numRuns: 20 },
    );
  });

  it('tracking draws the model and the data and marks the end of calibration', () => {
    const svg = trackingSvg(
      {
        points: [1, 2, 3, 4].map((time) => ({ time, expected: 10 * time, actual: 9 * time })),
        meanAbsoluteError: 2.5,
        rootMeanSquaredError: 2.7,
        finalRelativeError: 0.11,
      },
      { calibrationEnd: 2 },
    );
    parsed(svg);
    expect(count(svg, /stroke-width="2"/g)).toBe(2);
    expect(svg).toContain('stroke-dasharray');
  });

  it('segment bars are sorted by size and their shares add up to 100%', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 10_000 }), {
          minKeys: 1,
          maxKeys: 12,
        }),
        (counts) => {
          fc.pre(Object.values(counts).some((value) => value > 0));
          const svg = segmentSizesSvg(counts);
          parsed(svg);
          const sizes = [...svg.matchAll(/>(\d+) \(([\d.]+)%\)</g)].map((match) => [
            Number(match[1]),
            Number(match[2]),
          ]);
          expect(sizes.map(([size]) => size)).toEqual(Object.values(counts).sort((a, b) => b - a));
          const total = sizes.reduce((sum, [, share]) => sum + (share as number), 0);
          expect(Math.abs(total - 100)).toBeLessThanOrEqual(0.05 * sizes.length);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('bad input is a PatronageError with a code, never a broken picture', () => {
    expect(codeOf(() => cohortHeatmapSvg([]))).toBe('EMPTY_INPUT');
    expect(codeOf(() => retentionCurvesSvg([{ name: 'a', points: [{ x: 0, y: Number.NaN }] }]))).toBe(
      'NOT_FINITE',
    );
    expect(
      codeOf(() =>
        retentionCurvesSvg([
          {
            name: 'a',
            points: [
              { x: 1, y: 0 },
              { x: 0, y: 1 },
            ],
          },
        ]),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => segmentSizesSvg({ a: 1 }, { width: 50 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => segmentSizesSvg({ a: 1 }, { idPrefix: 'has space' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => segmentSizesSvg({ a: 0 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => probabilityAliveMatrixSvg(BG_FIT, { T: 0 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => htmlReport([{ title: 'x', svg: '<div>' }]))).toBe('INVALID_ARGUMENT');
  });

  it('a report is one self-contained page: charts inline, text escaped, no scripts', () => {
    const fit = fitBgNbd([
      { frequency: 0, recency: 0, T: 38, weight: 60 },
      { frequency: 1, recency: 4, T: 38, weight: 10 },
      { frequency: 2, recency: 10, T: 38, weight: 4 },
      { frequency: 6, recency: 35, T: 37, weight: 2 },
    ]);
    const html = htmlReport(
      [
        {
          title: 'P(alive) & more',
          svg: probabilityAliveMatrixSvg(fit, { T: 38, maxFrequency: 6, idPrefix: 'a' }),
        },
        { title: 'Segments', svg: segmentSizesSvg({ x: 1 }, { idPrefix: 'b' }), paragraphs: ['<i>raw</i>'] },
      ],
      { title: 'Weekly' },
    );
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(count(html, /<svg /g)).toBe(2);
    expect(html).toContain('P(alive) &amp; more');
    expect(html).toContain('&lt;i&gt;raw&lt;/i&gt;');
    expect(html).not.toMatch(/<script|<link|src=/);
  });

  // One unit of text that a chart must survive: XML's forbidden characters (C0 controls, lone surrogates of
  // either half, U+FFFE/U+FFFF), markup, and any code point.
  const hostileUnit = fc.oneof(
    fc.constantFrom(
      '\u0000',
      '\u0007',
      '\u001f',
      '\u007f',
      '\u0085',
      '\ufffe',
      '\uffff',
      '\ufdd0',
      '<',
      '&',
      '"',
      "'",
      ']]>',
    ),
    fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  );
  const hostile = fc.string({ unit: hostileUnit, maxLength: 10 });

  it('every chart stays well-formed XML whatever the text it is given (titles, labels, names)', () => {
    const kaplan = kaplanMeier({ durations: [1, 2, 2, 4, 6], observed: [true, false, true, true, false] });
    fc.assert(
      fc.property(
        fc.record({
          title: hostile,
          description: fc.option(hostile, { nil: undefined }),
          xLabel: hostile,
          yLabel: hostile,
          names: fc.array(hostile, { minLength: 1, maxLength: 3 }),
        }),
        ({ title, description, xLabel, yLabel, names }) => {
          const options = { title, description };
          const charts = [
            retentionCurvesSvg(
              names.map((name, s) => ({
                name,
                points: [
                  { x: 0, y: 1 },
                  { x: 1, y: 0.5 - s / 10, lower: 0.3, upper: 0.6 },
                ],
              })),
              { ...options, xLabel, yLabel },
            ),
            survivalCurveSvg(
              names.map((name) => ({ name, result: kaplan })),
              { ...options, xLabel },
            ),
            trackingSvg(
              {
                points: [1, 2, 3].map((time) => ({ time, expected: time, actual: time })),
                meanAbsoluteError: 0,
                rootMeanSquaredError: 0,
                finalRelativeError: 0,
              },
              { ...options, xLabel, calibrationEnd: 2 },
            ),
            cohortHeatmapSvg(
              names.map((cohort, i) => ({
                cohort,
                size: 10,
                counts: [10, 5],
                rates: [1, 0.5 - i / 10],
                revenue: [1, 1],
                revenueRates: [1, 1],
              })),
              options,
            ),
            segmentSizesSvg(Object.fromEntries(names.map((name, i) => [name, i + 1])), options),
            frequencyRecencyMatrixSvg(BG_FIT, { ...options, T: 10, maxFrequency: 2, recencySteps: 2 }),
            probabilityAliveMatrixSvg(BG_FIT, { ...options, T: 10, maxFrequency: 2, recencySteps: 2 }),
          ];
          for (const svg of charts) parsed(svg);
          const html = htmlReport(
            [
              {
                title,
                paragraphs: names,
                svg: charts[0] as string,
                table: { columns: names, rows: [names, names.map((_, i) => i)] },
              },
              { title: xLabel, svg: charts[4] as string },
            ],
            { title: yLabel, subtitle: title },
          );
          expectCleanReport(html);
        },
      ),
      { numRuns: 50 },
    );
  });
});
