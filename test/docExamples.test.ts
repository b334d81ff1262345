import { describe, expect, it } from 'vitest';
import * as patronage from '../src/index';
import * as node from '../src/node/index';
import * as sql from '../src/sql/index';
import * as svg from '../src/svg/index';
import { runShownCode, typeCheckShownCode } from './helpers/checkedCode';
import { collectDocExamples } from './helpers/docExamples';

// Every @example in src is type-checked against the source and run; each `// => shown` result is
// compared with what the call returns (numbers to 12 significant digits, the rest exactly), and
// `// => throws CODE` expects a PatronageError with that code.

const examples = collectDocExamples();

describe('documentation examples', () => {
  it('every runtime export has at least one @example', () => {
    const documented = new Set(examples.map((example) => example.exportName));
    const missing = [
      ...Object.keys(patronage),
      ...Object.keys(svg),
      ...Object.keys(sql),
      ...Object.keys(node),
    ].filter((name) => !documented.has(name));
    expect(missing).toEqual([]);
  });

  it('every example type-checks against the source under the strict compiler options', () => {
    const problems = typeCheckShownCode(process.cwd(), examples);
    expect(problems).toEqual([]);
  }, 60_000);

  it.each(examples.map((example) => [example.id, example] as const))(
    '%s shows what the code returns',
    async (_id, example) => {
      const checks = await runShownCode(example.code, 'docs');
      expect(checks).toBeGreaterThan(0);
    },
  );
});
