// npm run exports: writes the table of every public export into README.md, between
// `<!-- exports:start -->` and `<!-- exports:end -->`. `node scripts/exports-table.mjs --check` writes
// nothing and exits 1 when README.md is out of date (test/readmeExports.test.ts runs the same check).
//
// The entries are typedoc.json's entryPoints (src/index.ts, src/svg/index.ts and src/node/index.ts); each names its import
// path in its `@module` tag. The TypeScript compiler resolves every export through its re-exports to the
// declaration, which gives the kind (function, class, const, type), the TSDoc summary and the
// `@category`. Categories come in typedoc.json's categoryOrder, so the README and the API site agree.
// Nothing here depends on where files sit under src/.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

export const root = resolve(import.meta.dirname, '..');
export const START_MARKER = '<!-- exports:start -->';
export const END_MARKER = '<!-- exports:end -->';
const KIND_ORDER = ['function', 'class', 'const', 'enum', 'type'];

/**
 * The text of a TSDoc comment's parts: `{@link X}` becomes `` `X` ``, `{@link X | label}` its label. The
 * compiler gives a link it resolves as a name part plus an optional label part, and one it cannot resolve
 * from the file (a name not imported there) as a single text part holding the name and the label.
 */
function partsText(parts) {
  const list = parts ?? [];
  return list
    .map((part, index) => {
      if (part.kind === 'link') return '';
      if (part.kind === 'linkName') return list[index + 1]?.kind === 'linkText' ? '' : `\`${part.text}\``;
      if (part.kind === 'linkText' && list[index - 1]?.kind === 'link') {
        const [, name = '', label = ''] = /^\s*([^\s|]+)\s*\|?\s*(.*?)\s*$/.exec(part.text) ?? [];
        return label === '' ? `\`${name}\`` : label;
      }
      return part.text;
    })
    .join('');
}

/**
 * The first sentence of a summary paragraph: up to the first `.`, `!` or `?` followed by a space or the end,
 * outside parentheses and inline code, so "Fader, Hardie & Lee (2005). Fits…" and "`x.y`" stay whole.
 */
export function firstSentence(text) {
  const paragraph =
    text
      .split(/\n\s*\n/)[0]
      ?.replace(/\s+/g, ' ')
      .trim() ?? '';
  let depth = 0;
  let inCode = false;
  for (let index = 0; index < paragraph.length; index++) {
    const char = paragraph[index];
    if (char === '`') inCode = !inCode;
    else if (inCode) continue;
    else if (char === '(' || char === '[') depth++;
    else if (char === ')' || char === ']') depth = Math.max(0, depth - 1);
    else if ((char === '.' || char === '!' || char === '?') && depth === 0) {
      const next = paragraph[index + 1];
      const before = paragraph.slice(Math.max(0, index - 4), index + 1);
      if ((next === undefined || next === ' ') && !/\b(e\.g|i\.e|vs|cf|et al)\.$/.test(before)) {
        return paragraph.slice(0, index + 1);
      }
    }
  }
  return paragraph.replace(/:$/, '.'); // a summary that introduces a list ends here
}

function kindsOf(symbol) {
  const kinds = new Set();
  const flags = symbol.flags;
  if (flags & ts.SymbolFlags.Function) kinds.add('function');
  if (flags & ts.SymbolFlags.Class) kinds.add('class');
  if (flags & ts.SymbolFlags.Enum) kinds.add('enum');
  if (flags & ts.SymbolFlags.Variable) {
    const declaration = symbol.declarations?.find(ts.isVariableDeclaration);
    const list = declaration?.parent;
    const isConst =
      list !== undefined && ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
    kinds.add(isConst ? 'const' : 'variable');
  }
  if (flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias) && !(flags & ts.SymbolFlags.Class)) {
    kinds.add('type');
  }
  return [...kinds].sort((a, b) => KIND_ORDER.indexOf(a) - KIND_ORDER.indexOf(b));
}

function tagText(tag) {
  return partsText(tag.text).trim();
}

/** The value of the `@module` tag of an entry file's `@packageDocumentation` comment. */
function moduleName(sourceFile) {
  for (const statement of sourceFile.statements.slice(0, 1)) {
    for (const tag of ts.getJSDocTags(statement)) {
      if (tag.tagName.text === 'module' && typeof tag.comment === 'string') return tag.comment.trim();
    }
  }
  const text = sourceFile.getFullText();
  const match = /@module\s+(\S+)/.exec(text.slice(0, text.indexOf('*/') + 2));
  if (match?.[1] === undefined) throw new Error(`${sourceFile.fileName}: no @module tag names the entry`);
  return match[1];
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * Every export of every entry: `{ entry, name, kinds, category, summary }`, read with the TypeScript
 * compiler from the entry points and compiler options that typedoc uses.
 */
export function collectExports(base = root) {
  const typedoc = readJson(join(base, 'typedoc.json'));
  const configPath = join(base, typedoc.tsconfig ?? 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  const entryFiles = typedoc.entryPoints.map((entry) => join(base, entry));
  const program = ts.createProgram(entryFiles, { ...config?.options, noEmit: true });
  const checker = program.getTypeChecker();
  const rows = [];
  for (const file of entryFiles) {
    const sourceFile = program.getSourceFile(file);
    if (sourceFile === undefined) throw new Error(`${file}: not found`);
    const entry = moduleName(sourceFile);
    const moduleSymbol = checker.getSymbolAtLocation(sourceFile);
    if (moduleSymbol === undefined) throw new Error(`${file}: exports nothing`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const tags = symbol.getJsDocTags(checker);
      const category = tags.find((tag) => tag.name === 'category');
      const deprecated = tags.find((tag) => tag.name === 'deprecated');
      let summary = firstSentence(partsText(symbol.getDocumentationComment(checker)));
      if (deprecated !== undefined) {
        const reason = firstSentence(tagText(deprecated));
        summary = `**Deprecated**${reason === '' ? '.' : `: ${reason}`}${summary === '' ? '' : ` ${summary}`}`;
      }
      rows.push({
        entry,
        name: exported.name,
        kinds: kindsOf(symbol),
        category: category === undefined ? (typedoc.defaultCategory ?? 'Other') : tagText(category),
        summary,
      });
    }
  }
  return { rows, categoryOrder: typedoc.categoryOrder ?? ['*'], entries: typedoc.entryPoints };
}

/** Categories in typedoc's order: the named ones first, `*` standing for the rest in alphabetical order. */
function orderCategories(categories, categoryOrder) {
  const named = categoryOrder.filter((category) => category !== '*');
  const rest = [...categories].filter((category) => !named.includes(category)).sort();
  const star = categoryOrder.indexOf('*');
  const ordered =
    star === -1 ? [...named, ...rest] : [...named.slice(0, star), ...rest, ...named.slice(star)];
  return ordered.filter((category) => categories.has(category));
}

function cell(text) {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The Markdown between the markers (not yet formatted): one table per category. */
export function renderExports({ rows, categoryOrder, entries }) {
  const categories = orderCategories(new Set(rows.map((row) => row.category)), categoryOrder);
  const entryNames = [...new Set(rows.map((row) => row.entry))];
  const runtime = rows.filter((row) => !row.kinds.every((kind) => kind === 'type')).length;
  const lines = [
    `<!-- Generated by \`npm run exports\` (scripts/exports-table.mjs) from ${entries.join(' and ')}: do not edit by hand. -->`,
    '',
    `${rows.length} exports (${runtime} functions, classes and constants; ${rows.length - runtime} types) from ${entryNames
      .map((name) => `\`${name}\``)
      .join(' and ')}, by category.`,
  ];
  for (const category of categories) {
    const inCategory = rows
      .filter((row) => row.category === category)
      .sort(
        (a, b) =>
          KIND_ORDER.indexOf(a.kinds[0]) - KIND_ORDER.indexOf(b.kinds[0]) ||
          a.name.localeCompare(b.name, 'en') ||
          a.entry.localeCompare(b.entry, 'en'),
      );
    lines.push('', `### ${category}`, '', '| export | entry | kind | summary |', '| --- | --- | --- | --- |');
    for (const row of inCategory) {
      lines.push(`| \`${row.name}\` | \`${row.entry}\` | ${row.kinds.join(', ')} | ${cell(row.summary)} |`);
    }
  }
  return lines.join('\n');
}

/** Formats Markdown as `biome check` expects it in README.md (Biome pads table columns). */
function formatMarkdown(markdown, base) {
  const biome = join(
    createRequire(join(base, 'package.json')).resolve('@biomejs/biome/package.json'),
    '..',
    'bin',
    'biome',
  );
  const result = spawnSync(process.execPath, [biome, 'format', '--stdin-file-path=README.md'], {
    cwd: base,
    input: `${markdown}\n`,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`biome format failed: ${result.stderr}`);
  return result.stdout.replace(/\n+$/, '');
}

/** README.md's text with the generated section in place of whatever is between the markers. */
export function updatedReadme(readme, base = root) {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`README.md needs the markers ${START_MARKER} and ${END_MARKER}, in that order`);
  }
  const section = formatMarkdown(renderExports(collectExports(base)), base);
  return `${readme.slice(0, start + START_MARKER.length)}\n\n${section}\n\n${readme.slice(end)}`;
}

function main() {
  const check = process.argv.includes('--check');
  const path = join(root, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const updated = updatedReadme(readme);
  if (check) {
    if (updated !== readme) {
      console.error('README.md: the table of exports is out of date; run `npm run exports`');
      process.exitCode = 1;
    }
    return;
  }
  if (updated !== readme) writeFileSync(path, updated);
  console.error(`README.md: exports table ${updated === readme ? 'already up to date' : 'written'}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
