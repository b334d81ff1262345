import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One `@example` code block of a TSDoc comment in src. */
export interface DocExample {
  /** `src/formulas/retentionRate.ts#retentionRate` */
  readonly id: string;
  /** The exported name the comment documents. */
  readonly exportName: string;
  /** The TypeScript code inside the fence. */
  readonly code: string;
}

const SOURCE_ROOT = join(import.meta.dirname, '..', '..', 'src');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every `@example` fence in src, with the name of the export that follows its comment. */
export function collectDocExamples(): DocExample[] {
  const examples: DocExample[] = [];
  for (const file of sourceFiles(SOURCE_ROOT)) {
    const text = readFileSync(file, 'utf8');
    const comment =
      /\/\*\*([\s\S]*?)\*\/\s*export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|class|const|interface|type)\s*(\w+)/g;
    for (const match of text.matchAll(comment)) {
      const [, body = '', exportName = ''] = match;
      const lines = body.split('\n').map((line) => line.replace(/^\s*\* ?/, ''));
      const joined = lines.join('\n');
      for (const fence of joined.matchAll(/@example\s*\n```ts\n([\s\S]*?)```/g)) {
        examples.push({
          id: `${relative(join(SOURCE_ROOT, '..'), file)}#${exportName}`,
          exportName,
          code: fence[1] ?? '',
        });
      }
    }
  }
  return examples;
}

/** A checked line: the statement to evaluate and the shown result (`throws CODE` or an expression). */
interface Statement {
  code: string;
  expected?: string;
}

function depthChange(code: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (let index = 0; index < code.length; index++) {
    const char = code[index];
    if (quote !== undefined) {
      if (char === '\\') index++;
      else if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"' || char === '`') quote = char;
    else if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') depth--;
  }
  return depth;
}

/**
 * Rewrites an example into a script body: the patronage imports become destructurings of `__patronage` and
 * `__svg` (for `patronage/svg`), `__sql` (for `patronage/sql`) and `__node` (for `patronage/node`),
 * and each statement followed by `// => shown` becomes `await __check(() => statement, 'shown', line)`.
 */
export function toCheckedScript(code: string): { script: string; checks: number } {
  const statements: Statement[] = [];
  let buffer: string[] = [];
  let depth = 0;
  let continuing: Statement | undefined; // a shown result spread over several `// ` lines
  for (const rawLine of code.split('\n')) {
    if (continuing !== undefined) {
      const part = rawLine.trim().replace(/^\/\/ ?/, '');
      continuing.expected = `${continuing.expected ?? ''}\n${part}`;
      if (depthChange(continuing.expected) === 0) continuing = undefined;
      continue;
    }
    const arrow = rawLine.indexOf('// =>');
    const codePart = arrow === -1 ? rawLine : rawLine.slice(0, arrow);
    const shown = arrow === -1 ? undefined : rawLine.slice(arrow + 5).trim();
    if (codePart.trim() === '' && shown !== undefined) {
      const last = statements.at(-1);
      if (last === undefined) throw new Error(`a "// =>" line with no statement before it: ${rawLine}`);
      last.expected = shown;
      if (depthChange(shown) !== 0) continuing = last;
      continue;
    }
    if (codePart.trim() === '' || codePart.trim().startsWith('//')) continue;
    buffer.push(codePart);
    depth += depthChange(codePart);
    if (depth === 0) {
      const statement: Statement = { code: buffer.join('\n').trim().replace(/;$/, '') };
      if (shown !== undefined) statement.expected = shown;
      statements.push(statement);
      buffer = [];
    }
  }
  if (buffer.length > 0) throw new Error(`unbalanced example code: ${buffer.join('\n')}`);
  let checks = 0;
  const body = statements.map((statement, index) => {
    if (/^import\s+type\s/.test(statement.code)) return ''; // types only: nothing to run
    const importMatch = /^import\s*\{([^}]*)\}\s*from\s*'patronage(?:\/(svg|sql|node))?'$/.exec(
      statement.code,
    );
    if (importMatch)
      return `const {${importMatch[1]}} = ${importMatch[2] === undefined ? '__patronage' : `__${importMatch[2]}`};`;
    if (statement.expected === undefined) return `${statement.code};`;
    checks++;
    return `await __check(() => (${statement.code}), ${JSON.stringify(statement.expected)}, ${index});`;
  });
  return { script: body.join('\n'), checks };
}
