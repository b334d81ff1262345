import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as patronage from '../src/index';
import * as svg from '../src/svg/index';
import { collectDocExamples, toCheckedScript } from './helpers/docExamples';
import { closeTo } from './helpers/numbers';

// Every @example in src is type-checked against the source and run; each `// => shown` result is
// compared with what the call returns (numbers to 12 significant digits, the rest exactly), and
// `// => throws CODE` expects a PatronageError with that code.

const examples = collectDocExamples();

/** Deep equality where numbers agree to 12 significant digits (the docs print readable numbers). */
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

async function runExample(code: string): Promise<number> {
  const { script, checks } = toCheckedScript(code);
  const js = ts.transpileModule(script, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  const check = async (run: () => unknown, shown: string, index: number): Promise<void> => {
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
      `statement ${index}: got ${JSON.stringify(actual)}, docs show ${shown}`,
    ).toBe(true);
  };
  const silentConsole = { log: () => undefined };
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
    ...args: string[]
  ) => (...values: unknown[]) => Promise<void>;
  await new AsyncFunction('__patronage', '__svg', '__check', 'console', js)(
    patronage,
    svg,
    check,
    silentConsole,
  );
  return checks;
}

describe('documentation examples', () => {
  it('every runtime export has at least one @example', () => {
    const documented = new Set(examples.map((example) => example.exportName));
    const missing = [...Object.keys(patronage), ...Object.keys(svg)].filter((name) => !documented.has(name));
    expect(missing).toEqual([]);
  });

  it('every example type-checks against the source under the strict compiler options', () => {
    const configPath = ts.findConfigFile(process.cwd(), ts.sys.fileExists, 'tsconfig.json');
    const config = ts.getParsedCommandLineOfConfigFile(
      configPath ?? 'tsconfig.json',
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: () => undefined,
      },
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
      examples.map((example, index) => [`${process.cwd()}/__examples__/example${index}.ts`, example]),
    );
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    host.readFile = (name) => {
      const example = files.get(name);
      return example === undefined ? readFile(name) : `${example.code}\nexport {};\n`;
    };
    host.fileExists = (name) => files.has(name) || fileExists(name);
    const program = ts.createProgram([...files.keys()], options, host);
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((diagnostic) => diagnostic.file !== undefined && files.has(diagnostic.file.fileName))
      .map((diagnostic) => {
        const example = files.get(diagnostic.file?.fileName ?? '');
        return `${example?.id}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
      });
    expect(problems).toEqual([]);
  }, 60_000);

  it.each(examples.map((example) => [example.id, example] as const))(
    '%s shows what the code returns',
    async (_id, example) => {
      const checks = await runExample(example.code);
      expect(checks).toBeGreaterThan(0);
    },
  );
});
