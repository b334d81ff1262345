import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { optionalObject, requireList, requireObject } from '../internal/validate';
import { escapeXml } from './core';

/**
 * One section of an {@link htmlReport}: a heading, optional paragraphs, an optional chart and an optional
 * table.
 *
 * @category Charts
 */
export interface ReportSection {
  /** Heading. */
  readonly title: string;
  /** Paragraphs of plain text (escaped). */
  readonly paragraphs?: readonly string[] | undefined;
  /** An SVG document from one of the chart functions, embedded as is. */
  readonly svg?: string | undefined;
  /** A table. */
  readonly table?: ReportTable | undefined;
}

/**
 * A table of an {@link ReportSection}.
 *
 * @category Charts
 */
export interface ReportTable {
  /** Column names. */
  readonly columns: readonly string[];
  /** Rows of cells: numbers and strings (escaped); null shows as an empty cell. */
  readonly rows: readonly (readonly (string | number | null)[])[];
}

/**
 * Options of {@link htmlReport}.
 *
 * @category Charts
 */
export interface HtmlReportOptions {
  /** The page title; default `'patronage report'`. */
  readonly title?: string | undefined;
  /** A line under the title, such as the data source and date. */
  readonly subtitle?: string | undefined;
}

const FN = 'htmlReport';

function text(name: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: ${name} must be a string, got ${describeValue(value)}`,
      {
        argument: name,
        value,
      },
    );
  }
  return value;
}

/**
 * A self-contained HTML page (no scripts, no external files) from sections of text, charts and tables:
 * what the command-line `report` writes, and what a nightly job can mail or store.
 *
 * @param sections - the sections, in order
 * @param options - `title`, `subtitle`
 * @returns the HTML document as a string
 * @throws PatronageError `INVALID_ARGUMENT` for a malformed section or an `svg` that is not an SVG
 *   document, `EMPTY_INPUT` for no sections.
 *
 * @example
 * ```ts
 * import { htmlReport, segmentSizesSvg } from 'patronage/svg';
 *
 * const html = htmlReport(
 *   [{ title: 'Segments', svg: segmentSizesSvg({ champions: 3, 'at risk': 1 }), table: { columns: ['segment', 'customers'], rows: [['champions', 3], ['at risk', 1]] } }],
 *   { title: 'Weekly loyalty report' },
 * );
 * html.startsWith('<!doctype html>'); // => true
 * html.includes('<td>at risk</td>'); // => true
 * ```
 *
 * @category Charts
 */
export function htmlReport(sections: readonly ReportSection[], options?: HtmlReportOptions): string {
  const record = optionalObject(FN, 'options', options);
  const title = record['title'] === undefined ? 'patronage report' : text('options.title', record['title']);
  const subtitle = record['subtitle'] === undefined ? null : text('options.subtitle', record['subtitle']);
  const list = requireList(FN, 'sections', sections);
  if (list.length === 0) {
    throw new PatronageError('EMPTY_INPUT', `${FN}: sections is empty; there is nothing to report`, {
      argument: 'sections',
      value: list,
    });
  }
  const body = list.map((raw, i) => {
    const section = requireObject(FN, `sections[${i}]`, raw);
    const parts = [`<h2>${escapeXml(text(`sections[${i}].title`, section['title']))}</h2>`];
    if (section['paragraphs'] !== undefined) {
      requireList(FN, `sections[${i}].paragraphs`, section['paragraphs']).forEach((paragraph, k) => {
        parts.push(`<p>${escapeXml(text(`sections[${i}].paragraphs[${k}]`, paragraph))}</p>`);
      });
    }
    if (section['svg'] !== undefined) {
      const svg = text(`sections[${i}].svg`, section['svg']);
      if (!svg.startsWith('<svg') || !svg.endsWith('</svg>')) {
        throw new PatronageError(
          'INVALID_ARGUMENT',
          `${FN}: sections[${i}].svg must be an SVG document (from a chart function)`,
          { argument: `sections[${i}].svg`, value: svg.slice(0, 40) },
        );
      }
      parts.push(`<figure>${svg}</figure>`);
    }
    if (section['table'] !== undefined) {
      const table = requireObject(FN, `sections[${i}].table`, section['table']);
      const columns = requireList(FN, `sections[${i}].table.columns`, table['columns']).map((column, k) =>
        text(`sections[${i}].table.columns[${k}]`, column),
      );
      const rows = requireList(FN, `sections[${i}].table.rows`, table['rows']).map((row, r) =>
        requireList(FN, `sections[${i}].table.rows[${r}]`, row).map((cell, k) => {
          if (cell === null) return '<td></td>';
          if (typeof cell === 'number' && Number.isFinite(cell)) return `<td class="number">${cell}</td>`;
          return `<td>${escapeXml(text(`sections[${i}].table.rows[${r}][${k}]`, cell))}</td>`;
        }),
      );
      parts.push(
        `<table><thead><tr>${columns.map((column) => `<th>${escapeXml(column)}</th>`).join('')}</tr></thead><tbody>${rows
          .map((cells) => `<tr>${cells.join('')}</tr>`)
          .join('')}</tbody></table>`,
      );
    }
    return `<section>${parts.join('')}</section>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(title)}</title>
<style>
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1a1a1a; max-width: 980px; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { margin-bottom: 0.2rem; } .subtitle { color: #555; margin-top: 0; }
section { margin: 2.2rem 0; } figure { margin: 1rem 0; } svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; font-size: 0.9rem; margin-top: 0.8rem; } th, td { padding: 0.25rem 0.6rem; border-bottom: 1px solid #ddd; text-align: left; } td.number { text-align: right; font-variant-numeric: tabular-nums; }
</style>
</head>
<body>
<h1>${escapeXml(title)}</h1>
${subtitle === null ? '' : `<p class="subtitle">${escapeXml(subtitle)}</p>\n`}${body.join('\n')}
</body>
</html>
`;
}
