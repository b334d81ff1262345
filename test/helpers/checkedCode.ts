import { join } from 'node:path';
import ts from 'typescript';
import { expect } from 'vitest';
import * as patronage from '../../src/index';
import * as node from '../../src/node/index';
import * as sql from '../../src/sql/index';
import * as svg from '../../src/svg/index';
import { toCheckedScript } from './docExamples';
import { closeTo } from './numbers';

// The one runner for code that shows its results (`// => value`, `// => throws CODE`): the TSDoc examples
// (test/docExamples.test.ts) and the guides' snippets (test/docGuides.test.ts).

/** One piece of shown code, named by where it lives (`src/x.ts#name`, `docs/guide.md:12`). */
export interface ShownCode {
  readonly id: string;
  readonly code: string;
  /** Where line `line` (0-based) of `code` lives, for diagnostics; `id` without it. */
  readonly locate?: (line: number) => string;
}

/** Deep equality where numbers agree to 12 significant digits (the docs print readable numbers). */
export function matchesShown(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'number' && typeof expected === 'number') return closeTo(actual, expected);
  if (Array.isArray(actual) && Array.isArray(expected)) {
    return (
      actual.length === expected.length &&
      actual.every((entry, index) => matchesShown(entry, expected[index]))
    );
  }
  if (typeof actual === 'object' && actual !== null && typeof expected === 'object' && expected !== null) {
    const actualKeys = Object.keys(actual).sort();
    const expectedKeys = Object.keys(expected).sort();
    return (
      matchesShown(actualKeys, expectedKeys) &&
      actualKeys.every((key) =>
        matchesShown((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key]),
      )
    );
  }
  return Object.is(actual, expected);
}

/**
 * Runs the code against the source (imports of `patronage`, `patronage/svg`, `patronage/sql` and `patronage/node` become the source modules),
 * compares each shown result with what its statement returns, and returns how many results it checked.
 * `shownBy` names the place in failure messages ("docs", "the guide").
 */
export async function runShownCode(code: string, shownBy: string): Promise<number> {
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
      matchesShown(actual, expected),
      `statement ${index}: got ${JSON.stringify(actual)}, ${shownBy} show ${shown}`,
    ).toBe(true);
  };
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
    ...args: string[]
  ) => (...values: unknown[]) => Promise<void>;
  await new AsyncFunction('__patronage', '__svg', '__sql', '__node', '__check', 'console', js)(
    patronage,
    svg,
    sql,
    node,
    check,
    {
      log: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
    },
  );
  return checks;
}

/**
 * Type-checks each piece of code as its own module against the source under the project's strict compiler
 * options; returns one message per diagnostic (empty when all pass).
 */
export function typeCheckShownCode(root: string, pieces: readonly ShownCode[]): string[] {
  const configPath = ts.findConfigFile(root, ts.sys.fileExists, 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath ?? join(root, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  const options: ts.CompilerOptions = {
    ...config?.options,
    noEmit: true,
    isolatedDeclarations: false,
    declaration: false,
    noUnusedLocals: false,
    paths: {
      patronage: ['./src/index.ts'],
      'patronage/svg': ['./src/svg/index.ts'],
      'patronage/sql': ['./src/sql/index.ts'],
      'patronage/node': ['./src/node/index.ts'],
    },
  };
  const files = new Map(pieces.map((piece, index) => [join(root, '__shown__', `piece${index}.ts`), piece]));
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (name) => {
    const piece = files.get(name);
    return piece === undefined ? readFile(name) : `${piece.code}\nexport {};\n`;
  };
  host.fileExists = (name) => files.has(name) || fileExists(name);
  const program = ts.createProgram([...files.keys()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file !== undefined && files.has(diagnostic.file.fileName))
    .map((diagnostic) => {
      const piece = files.get(diagnostic.file?.fileName ?? '');
      const line =
        diagnostic.file === undefined || diagnostic.start === undefined
          ? 0
          : diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line;
      const place = piece?.locate === undefined ? piece?.id : piece.locate(line);
      return `${place}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    });
}
