import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runShownCode, type ShownCode, typeCheckShownCode } from './helpers/checkedCode';

// The guides in docs/ show code in ```ts fences. A fence that shows results (`// => value` or
// `// => throws CODE`, as in the TSDoc examples) is self-contained: it is type-checked against the source and
// run, and each shown result compared with what the call returns. Fences without a shown result are
// sketches (they use the reader's own `transactions`) and are left alone.

const ROOT = join(import.meta.dirname, '..');
const DOCS = join(ROOT, 'docs');

function guideFiles(): string[] {
  return readdirSync(DOCS)
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(DOCS, name));
}

function checkedSnippets(): ShownCode[] {
  const snippets: ShownCode[] = [];
  for (const file of guideFiles()) {
    const text = readFileSync(file, 'utf8');
    for (const fence of text.matchAll(/^```ts\n([\s\S]*?)^```/gm)) {
      const code = fence[1] ?? '';
      if (!code.includes('// =>')) continue;
      const line = text.slice(0, fence.index).split('\n').length;
      snippets.push({ id: `${relative(ROOT, file)}:${line}`, code });
    }
  }
  return snippets;
}

const snippets = checkedSnippets();

describe('code in the guides', () => {
  it('finds the guides that show results', () => {
    expect(snippets.some((snippet) => snippet.id.startsWith('docs/formulas.md'))).toBe(true);
  });

  it('every snippet that shows results type-checks against the source', () => {
    const problems = typeCheckShownCode(ROOT, snippets);
    expect(problems).toEqual([]);
  }, 60_000);

  it.each(snippets.map((snippet) => [snippet.id, snippet] as const))(
    '%s shows what the code returns',
    async (_id, snippet) => {
      expect(await runShownCode(snippet.code, 'the guide')).toBeGreaterThan(0);
    },
  );
});

/** The sections (`1.1`, `2`) cited as `§n` in the files under a folder. */
function citedSections(directory: string, extension: string, skip: string): Map<string, string[]> {
  const cited = new Map<string, string[]>();
  const visit = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith(extension) && path !== skip) {
        for (const match of readFileSync(path, 'utf8').matchAll(/§(\d+(?:\.\d+)*)/g)) {
          const section = match[1] ?? '';
          cited.set(section, [...(cited.get(section) ?? []), relative(ROOT, path)]);
        }
      }
    }
  };
  visit(directory);
  return cited;
}

describe('docs/formulas.md', () => {
  const guide = readFileSync(join(DOCS, 'formulas.md'), 'utf8');
  const headings = new Set([...guide.matchAll(/^#{2,4} §(\d+(?:\.\d+)*) /gm)].map((match) => match[1]));

  it('has a heading for every section that the source and the guides cite', () => {
    const cited = new Map([
      ...citedSections(join(ROOT, 'src'), '.ts', ''),
      ...citedSections(DOCS, '.md', join(DOCS, 'formulas.md')),
    ]);
    expect(cited.size).toBeGreaterThan(0);
    const missing = [...cited].filter(([section]) => !headings.has(section));
    expect(missing).toEqual([]);
  });

  it('numbers its sections §1.1 to §1.7 and §2, each once', () => {
    const numbers = [...guide.matchAll(/^#{2,4} §(\d+(?:\.\d+)*) /gm)].map((match) => match[1]);
    expect(numbers).toEqual(['1', '1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '2']);
  });
});
