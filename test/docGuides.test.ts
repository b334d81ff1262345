import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as patronage from '../src/index';
import * as svg from '../src/svg/index';
import { toCheckedScript } from './helpers/docExamples';
import { closeTo } from './helpers/numbers';

// The guides in docs/ show code in ```ts fences. A fence that shows results (`// => value` or
// `// => throws CODE`, as in the TSDoc examples) is self-contained: it is type-checked against the source and
// run, and each shown result compared with what the call returns. Fences without a shown result are
// sketches (they use the reader's own `transactions`) and are left alone.

const ROOT = join(import.meta.dirname, '..');
const DOCS = join(ROOT, 'docs');

interface GuideSnippet {
  readonly id: string;
  readonly code: string;
}

function guideFiles(): string[] {
  return readdirSync(DOCS)
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(DOCS, name));
}

function checkedSnippets(): GuideSnippet[] {
  const snippets: GuideSnippet[] = [];
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

function matches(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'number' && typeof expected === 'number') return closeTo(actual, expected);
  if (Array.isArray(actual) && Array.isArray(expected)) {
    return (
      actual.length === expected.length && actual.every((entry, index) => matches(entry, expected[index]))
    );
  }
  if (typeof actual === 'object' && actual !== null && typeof expected === 'object' && expected !== null) {
    const actualKeys = Object.keys(actual).sort();
    const expectedKeys = Object.keys(expected).sort();
    return (
      matches(actualKeys, expectedKeys) &&
      actualKeys.every((key) =>
        matches((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key]),
      )
    );
  }
  return Object.is(actual, expected);
}

async function runSnippet(code: string): Promise<number> {
  const { script, checks } = toCheckedScript(code);
  const js = ts.transpileModule(script, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  const check = (run: () => unknown, shown: string, index: number): void => {
    const throwsMatch = /^throws (\w+)$/.exec(shown);
    if (throwsMatch) {
      let thrown: unknown;
      try {
        run();
      } catch (error) {
        thrown = error;
      }
      expect(patronage.isPatronageError(thrown), `statement ${index} should throw ${shown}`).toBe(true);
      expect((thrown as patronage.PatronageError).code).toBe(throwsMatch[1]);
      return;
    }
    const actual = run();
    const expected: unknown = new Function(`return (${shown});`)();
    expect(
      matches(actual, expected),
      `statement ${index}: got ${JSON.stringify(actual)}, the guide shows ${shown}`,
    ).toBe(true);
  };
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
    ...args: string[]
  ) => (...values: unknown[]) => Promise<void>;
  await new AsyncFunction('__patronage', '__svg', '__check', 'console', js)(patronage, svg, check, {
    log: () => undefined,
  });
  return checks;
}

const snippets = checkedSnippets();

describe('code in the guides', () => {
  it('finds the guides that show results', () => {
    expect(snippets.some((snippet) => snippet.id.startsWith('docs/formulas.md'))).toBe(true);
  });

  it('every snippet that shows results type-checks against the source', () => {
    const configPath = ts.findConfigFile(ROOT, ts.sys.fileExists, 'tsconfig.json');
    const config = ts.getParsedCommandLineOfConfigFile(
      configPath ?? join(ROOT, 'tsconfig.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
    );
    const options: ts.CompilerOptions = {
      ...config?.options,
      noEmit: true,
      isolatedDeclarations: false,
      declaration: false,
      noUnusedLocals: false,
      paths: { patronage: ['./src/index.ts'], 'patronage/svg': ['./src/svg/index.ts'] },
    };
    const files = new Map(
      snippets.map((snippet, index) => [join(ROOT, '__guides__', `snippet${index}.ts`), snippet]),
    );
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    host.readFile = (name) => {
      const snippet = files.get(name);
      return snippet === undefined ? readFile(name) : `${snippet.code}\nexport {};\n`;
    };
    host.fileExists = (name) => files.has(name) || fileExists(name);
    const program = ts.createProgram([...files.keys()], options, host);
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((diagnostic) => diagnostic.file !== undefined && files.has(diagnostic.file.fileName))
      .map((diagnostic) => {
        const snippet = files.get(diagnostic.file?.fileName ?? '');
        return `${snippet?.id}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
      });
    expect(problems).toEqual([]);
  }, 60_000);

  it.each(snippets.map((snippet) => [snippet.id, snippet] as const))(
    '%s shows what the code returns',
    async (_id, snippet) => {
      expect(await runSnippet(snippet.code)).toBeGreaterThan(0);
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
