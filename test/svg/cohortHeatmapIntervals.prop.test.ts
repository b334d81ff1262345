import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { type CohortRow, cohortRetention, type Transaction } from '../../src/index';
import { cohortHeatmapSvg } from '../../src/svg/index';
import { expectWellFormed } from './wellFormed';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly title: string;
}

/** The cells (rects with a title) and the ▲/▼ glyphs of a heatmap, read back from its XML. */
function drawnMarks(svg: string): { cells: Box[]; glyphs: { x: number; y: number; glyph: string }[] } {
  expectWellFormed(svg);
  const group = (parser.parse(svg) as { svg: { g: Record<string, unknown> } }).svg.g;
  const list = <T>(value: T | T[] | undefined): T[] =>
    value === undefined ? [] : Array.isArray(value) ? value : [value];
  const cells = list(group['rect'] as Record<string, unknown> | Record<string, unknown>[]).map((rect) => ({
    x: Number(rect['x']),
    y: Number(rect['y']),
    width: Number(rect['width']),
    height: Number(rect['height']),
    title: String(rect['title']),
  }));
  const glyphs = list(group['text'] as Record<string, unknown> | Record<string, unknown>[])
    .filter((text) => text['#text'] === '▲' || text['#text'] === '▼')
    .map((text) => ({ x: Number(text['x']), y: Number(text['y']), glyph: String(text['#text']) }));
  return { cells, glyphs };
}

/** The glyph each cell should carry: from the rows' own intervals, by the cell's `cohort, period k` title. */
function expectedMarks(rows: readonly CohortRow[]): Map<string, string> {
  const marks = new Map<string, string>();
  for (const row of rows)
    row.intervals?.forEach((cell, k) => {
      if (cell?.direction === 'higher') marks.set(`${row.cohort}, period ${k}:`, '▲');
      if (cell?.direction === 'lower') marks.set(`${row.cohort}, period ${k}:`, '▼');
    });
  return marks;
}

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);
/** Customers acquired over 5 months, each with a return probability of its month: differences to find. */
const log: fc.Arbitrary<Transaction[]> = fc
  .array(
    fc.record({
      month: fc.integer({ min: 0, max: 4 }),
      day: fc.integer({ min: 0, max: 27 }),
      returns: fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { maxLength: 4 }),
    }),
    { minLength: 1, maxLength: 300 },
  )
  .map((customers) =>
    customers.flatMap(({ month, day, returns }, i) => [
      { customerId: i, at: Date.UTC(2024, month, 1) + day * DAY, amount: 1 },
      // later cohorts return less often: keep the returns below 5 − month
      ...returns
        .filter((offset) => offset < 5 - month || i % 3 === 0)
        .map((offset) => ({ customerId: i, at: Date.UTC(2024, month + offset, 1) + day * DAY, amount: 1 })),
    ]),
  );

describe('cohortHeatmapSvg intervals', () => {
  it('the marks are exactly the significant cells, each inside its cell, with the right glyph', () => {
    let marked = 0;
    fc.assert(
      fc.property(log, fc.constantFrom(0.8, 0.95, 0.99), (transactions, confidenceLevel) => {
        const rows = cohortRetention(transactions, {
          observationEnd: START + 200 * DAY,
          intervals: { confidenceLevel },
        });
        const svg = cohortHeatmapSvg(rows, { intervals: true });
        const { cells, glyphs } = drawnMarks(svg);
        const expected = expectedMarks(rows);
        const found = new Map<string, string>();
        for (const glyph of glyphs) {
          const inside = cells.filter(
            (cell) =>
              glyph.x > cell.x &&
              glyph.x <= cell.x + cell.width &&
              glyph.y >= cell.y &&
              glyph.y < cell.y + cell.height,
          );
          expect(inside).toHaveLength(1);
          const title = (inside[0] as Box).title;
          found.set(title.slice(0, title.indexOf(':') + 1), glyph.glyph);
          expect(title).toContain(
            `significantly ${glyph.glyph === '▲' ? 'higher' : 'lower'} than the previous cohort`,
          );
        }
        expect(found).toEqual(expected);
        if (glyphs.length > 0) marked++;
        // every drawn cell's tooltip gives its interval
        for (const cell of cells) expect(cell.title).toMatch(/\(interval \d+\.\d%–\d+\.\d%/);
      }),
      { numRuns: 60 },
    );
    expect(marked, 'runs with at least one mark').toBeGreaterThan(10);
  });
});
