// Checks that the chart tests share: an SVG is well-formed XML, and an HTML report has no character the
// HTML parser reports as an error.
import { XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';

// XML 1.0 §2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
// fast-xml-parser's validator checks the markup but not the characters, so this does.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

// What the HTML parser reports as control-character, noncharacter or surrogate in the input stream.
const HTML_PARSE_ERROR = /[^\P{Cc}\t\n\r\f ]|\p{Cs}|\p{Noncharacter_Code_Point}/u;

/** The first character of `text` that XML forbids, as `U+XXXX at index i`, or null. */
export function forbiddenCharacter(text: string, pattern: RegExp = NOT_XML_CHAR): string | null {
  const match = pattern.exec(text);
  if (match === null) return null;
  const code = (match[0].codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
  return `U+${code} at index ${match.index}`;
}

/** Fails the test unless `svg` is a well-formed XML document: markup (XMLValidator) and characters. */
export function expectWellFormed(svg: string): void {
  const verdict = XMLValidator.validate(svg);
  expect(verdict, JSON.stringify(verdict)).toBe(true);
  expect(forbiddenCharacter(svg)).toBeNull();
}

/** Fails the test unless every SVG in the report is well-formed and no character is an HTML parse error. */
export function expectCleanReport(html: string): void {
  expect(forbiddenCharacter(html, HTML_PARSE_ERROR)).toBeNull();
  for (const svg of html.match(/<svg[\s\S]*?<\/svg>/g) ?? []) expectWellFormed(svg);
}
