import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runShownCode, type ShownCode, typeCheckShownCode } from './helpers/checkedCode';

// Every ```ts (or ```typescript) fence in the guides in docs/ is code a reader may paste, so every one is
// type-checked as its own module against the source under the project's strict compiler options. A fence
// that shows results (`// => value` or `// => throws CODE`, as in the TSDoc examples) is also run and each
// shown result compared with what the call returns. Two words after the language change that
// (docs/contributing.md, "Code in the guides"):
// - `continued`: the fence goes on from the fence before it in the same guide (a tutorial in steps); it is
//   checked and run with the code of the fences it continues before it.
// - `sketch`: a fragment not meant to compile (a shape, pseudo-code); it is neither checked nor run.
// A fence that needs the reader's own data declares it (`declare const transactions: readonly
// Transaction[];`), which type-checks; such a fence shows no results, since it cannot run.

const ROOT = join(import.meta.dirname, '..');
const DOCS = join(ROOT, 'docs');

function guideFiles(): string[] {
  return readdirSync(DOCS)
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(DOCS, name));
}

/** One TypeScript fence of a guide, with the code of the fences it continues. */
interface GuideFence extends ShownCode {
  readonly sketch: boolean;
  readonly showsResults: boolean;
}

function guideFences(): GuideFence[] {
  return guideFiles().flatMap((file) => fencesOf(relative(ROOT, file), readFileSync(file, 'utf8')));
}

/** The TypeScript fences of one guide (`guide` names it in ids and diagnostics). */
function fencesOf(guide: string, text: string): GuideFence[] {
  const fences: GuideFence[] = [];
  let previous: { code: string; starts: { codeLine: number; mdLine: number }[] } | undefined;
  for (const fence of text.matchAll(/^```(ts|typescript)((?: [a-z]+)*)\n([\s\S]*?)^```/gm)) {
    const words = (fence[2] ?? '').trim().split(' ').filter(Boolean);
    const unknown = words.filter((word) => word !== 'continued' && word !== 'sketch');
    const own = fence[3] ?? '';
    // the line of the md file where the fence's code starts (after the ``` line)
    const mdLine = text.slice(0, fence.index).split('\n').length + 1;
    const id = `${guide}:${mdLine - 1}`;
    if (unknown.length > 0) throw new Error(`${id}: unknown fence words ${unknown.join(', ')}`);
    const sketch = words.includes('sketch');
    const continued = words.includes('continued');
    if (continued && previous === undefined) throw new Error(`${id}: "continued" with no fence before it`);
    const base = continued && previous !== undefined ? previous : { code: '', starts: [] };
    const code = `${base.code}${own}`;
    const starts = [...base.starts, { codeLine: base.code.split('\n').length - 1, mdLine }];
    const locate = (line: number): string => {
      const start = starts.filter((entry) => entry.codeLine <= line).at(-1) ?? { codeLine: 0, mdLine };
      return `${guide}:${start.mdLine + line - start.codeLine}`;
    };
    fences.push({ id, code, locate, sketch, showsResults: own.includes('// =>') });
    previous = sketch ? undefined : { code, starts };
  }
  return fences;
}

const fences = guideFences();
const checked = fences.filter((fence) => !fence.sketch);
const shown = checked.filter((fence) => fence.showsResults);

describe('code in the guides', () => {
  it('finds the guides and their code', () => {
    expect(shown.some((fence) => fence.id.startsWith('docs/formulas.md'))).toBe(true);
    expect(checked.some((fence) => fence.id.startsWith('docs/getting-started.md'))).toBe(true);
  });

  it('every fence but the marked sketches type-checks against the source under the strict options', () => {
    // a continued fence is checked with the fences before it, so a problem there is reported once
    const problems = [...new Set(typeCheckShownCode(ROOT, checked))];
    expect(problems).toEqual([]);
  }, 60_000);

  it('a fence that shows results declares none of its inputs (it must run)', () => {
    const declaring = shown.filter((fence) => /^declare /m.test(fence.code)).map((fence) => fence.id);
    expect(declaring).toEqual([]);
  });

  it('a continued fence is checked with the fences before it, and diagnostics name the guide line', () => {
    const text = [
      '# Guide',
      '```ts',
      'const a = 1;',
      '```',
      'prose',
      '```ts continued',
      'const b = a + 1;',
      '```',
      '',
    ];
    const [first, second] = fencesOf('g.md', text.join('\n'));
    expect(first?.code).toBe('const a = 1;\n');
    expect(second?.code).toBe('const a = 1;\nconst b = a + 1;\n');
    expect([second?.locate?.(0), second?.locate?.(1)]).toEqual(['g.md:3', 'g.md:7']);
  });

  it('a sketch is neither checked nor continued, and an unknown fence word is an error', () => {
    const sketch = fencesOf('g.md', '```ts sketch\nnot code at all\n```\n');
    expect(sketch.map((fence) => fence.sketch)).toEqual([true]);
    expect(() => fencesOf('g.md', '```ts sketch\nx\n```\n```ts continued\ny\n```\n')).toThrow('continued');
    expect(() => fencesOf('g.md', '```ts nocheck\nx\n```\n')).toThrow('unknown fence words nocheck');
  });

  it.each(shown.map((fence) => [fence.id, fence] as const))(
    '%s shows what the code returns',
    async (_id, fence) => {
      expect(await runShownCode(fence.code, 'the guide')).toBeGreaterThan(0);
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
