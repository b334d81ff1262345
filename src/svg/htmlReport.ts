import { PatronageError } from '../errors/PatronageError';
import { optionalObject, optionKeys, requireList, requireObject } from '../internal/validate';
import { escapeXml, replaceNonText } from './core';
import { requireText } from './read';

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

const HTML_REPORT_OPTION_KEYS = /* @__PURE__ */ optionKeys<HtmlReportOptions>()(['title', 'subtitle']);

const FN = 'htmlReport';

function text(name: string, value: unknown): string {
  return requireText(FN, name, value);
}

/**
 * A self-contained HTML page (no scripts, no external files) from sections of text, charts and tables:
 * what the command-line `report` writes, and what a nightly job can mail or store. The page reads on a
 * 420-pixel phone screen: a viewport meta tag, charts that scale down with their `viewBox`, tables that
 * scroll sideways in their own box, and no fixed width in the style sheet.
 *
 * Text is escaped, and a character that XML forbids or HTML reports as an error (NUL and the other
 * controls but tab, LF and CR, a lone surrogate, U+FFFE, U+FFFF and the other noncharacters) becomes U+FFFD,
 * in the text and in an embedded `svg` alike.
 *
 * @param sections - the sections, in order
 * @param options - `title`, `subtitle`
 * @returns the HTML document as a string
 * @throws PatronageError `INVALID_ARGUMENT` for a malformed section (a hole in an array included) or an
 *   `svg` that is not an SVG document, `EMPTY_INPUT` for no sections.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
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
  const record = optionalObject(FN, 'options', options, HTML_REPORT_OPTION_KEYS);
  const rawTitle = record['title'];
  const rawSubtitle = record['subtitle'];
  const title = rawTitle === undefined ? 'patronage report' : text('options.title', rawTitle);
  const subtitle = rawSubtitle === undefined ? null : text('options.subtitle', rawSubtitle);
  const list = requireList(FN, 'sections', sections);
  if (list.length === 0) {
    throw new PatronageError('EMPTY_INPUT', `${FN}: sections is empty; there is nothing to report`, {
      argument: 'sections',
      value: list,
    });
  }
  const body: string[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const section = requireObject(FN, `sections[${i}]`, list[i]);
    const rawSectionTitle = section['title'];
    const rawParagraphs = section['paragraphs'];
    const rawSvg = section['svg'];
    const rawTable = section['table'];
    const parts = [`<h2>${escapeXml(text(`sections[${i}].title`, rawSectionTitle))}</h2>`];
    if (rawParagraphs !== undefined) {
      const paragraphs = requireList(FN, `sections[${i}].paragraphs`, rawParagraphs);
      for (let k = 0; k < paragraphs.length; k++) {
        parts.push(`<p>${escapeXml(text(`sections[${i}].paragraphs[${k}]`, paragraphs[k]))}</p>`);
      }
    }
    if (rawSvg !== undefined) {
      const svg = text(`sections[${i}].svg`, rawSvg);
      if (!svg.startsWith('<svg') || !svg.endsWith('</svg>')) {
        throw new PatronageError(
          'INVALID_ARGUMENT',
          `${FN}: sections[${i}].svg must be an SVG document (from a chart function)`,
          { argument: `sections[${i}].svg`, value: svg.slice(0, 40) },
        );
      }
      parts.push(`<figure>${replaceNonText(svg)}</figure>`);
    }
    if (rawTable !== undefined) {
      const table = requireObject(FN, `sections[${i}].table`, rawTable);
      const rawColumns = table['columns'];
      const rawRows = table['rows'];
      const columns = requireList(FN, `sections[${i}].table.columns`, rawColumns);
      const header: string[] = new Array(columns.length);
      for (let k = 0; k < columns.length; k++) {
        header[k] = `<th>${escapeXml(text(`sections[${i}].table.columns[${k}]`, columns[k]))}</th>`;
      }
      const rows = requireList(FN, `sections[${i}].table.rows`, rawRows);
      const lines: string[] = new Array(rows.length);
      for (let r = 0; r < rows.length; r++) {
        const cells = requireList(FN, `sections[${i}].table.rows[${r}]`, rows[r]);
        const html: string[] = new Array(cells.length);
        for (let k = 0; k < cells.length; k++) {
          const cell = cells[k];
          html[k] =
            cell === null
              ? '<td></td>'
              : typeof cell === 'number' && Number.isFinite(cell)
                ? `<td class="number">${cell}</td>`
                : `<td>${escapeXml(text(`sections[${i}].table.rows[${r}][${k}]`, cell))}</td>`;
        }
        lines[r] = `<tr>${html.join('')}</tr>`;
      }
      // in a container that scrolls sideways, so a wide table never widens a narrow screen's page
      parts.push(
        `<div class="table"><table><thead><tr>${header.join('')}</tr></thead><tbody>${lines.join('')}</tbody></table></div>`,
      );
    }
    body[i] = `<section>${parts.join('')}</section>`;
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(title)}</title>
<style>
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1a1a1a; max-width: 61rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; overflow-wrap: anywhere; }
h1 { margin-bottom: 0.2rem; } .subtitle { color: #555; margin-top: 0; }
section { margin: 2.2rem 0; } figure { margin: 1rem 0; } svg { display: block; max-width: 100%; height: auto; }
.table { max-width: 100%; overflow-x: auto; }
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
