import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  collectExports,
  END_MARKER,
  firstSentence,
  root,
  START_MARKER,
  updatedReadme,
} from '../scripts/exports-table.mjs';
import * as patronage from '../src/index';
import * as node from '../src/node/index';
import * as sql from '../src/sql/index';
import * as svg from '../src/svg/index';

const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The `export`/`entry` pairs of the generated tables in README.md. */
function listedInReadme(): Set<string> {
  const section = readme.slice(readme.indexOf(START_MARKER), readme.indexOf(END_MARKER));
  const listed = new Set<string>();
  for (const match of section.matchAll(/^\| `([^`]+)`\s*\| `([^`]+)`\s*\|/gm)) {
    listed.add(`${match[2]}#${match[1]}`);
  }
  return listed;
}

describe('README.md table of exports', () => {
  it('is what `npm run exports` generates from the TSDoc of the entry points', () => {
    const upToDate = updatedReadme(readme) === readme;
    expect(upToDate, 'README.md: the table of exports is out of date; run `npm run exports`').toBe(true);
  }, 30_000);

  it('lists every runtime export of patronage, patronage/svg, patronage/sql and patronage/node', () => {
    const listed = listedInReadme();
    const missing = [
      ...Object.keys(patronage).map((name) => `patronage#${name}`),
      ...Object.keys(svg).map((name) => `patronage/svg#${name}`),
      ...Object.keys(sql).map((name) => `patronage/sql#${name}`),
      ...Object.keys(node).map((name) => `patronage/node#${name}`),
    ].filter((key) => !listed.has(key));
    expect(missing).toEqual([]);
  });

  it('lists exactly the exports the compiler finds, types included, each with a summary and a kind', () => {
    const { rows } = collectExports();
    expect(new Set(rows.map((row) => `${row.entry}#${row.name}`))).toEqual(listedInReadme());
    expect(rows.filter((row) => row.summary === '' || row.kinds.length === 0).map((row) => row.name)).toEqual(
      [],
    );
  }, 30_000);
});

describe('firstSentence', () => {
  it('stops at the first full stop outside parentheses and inline code', () => {
    expect(firstSentence('Fits it (Fader et al. 2005). Then more.')).toBe('Fits it (Fader et al. 2005).');
    expect(firstSentence('Reads `a.b. c` whole. Rest.')).toBe('Reads `a.b. c` whole.');
  });

  it('keeps the first paragraph only, on one line, and ends a summary that introduces a list', () => {
    expect(firstSentence('One rule\nover two lines\n\nNext paragraph.')).toBe('One rule over two lines');
    expect(firstSentence('Classifies customers with rules:')).toBe('Classifies customers with rules.');
  });
});
