// Runs the code cells of examples/deno/notebook.ipynb in order with the deno binary of the `deno` npm
// package, outside Jupyter (as CI does): the notebook stays runnable, not just readable.
//   npm run build && node examples/deno/run-notebook.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
const notebook = JSON.parse(readFileSync(join(here, 'notebook.ipynb'), 'utf8'));
const code = notebook.cells
  .filter((cell) => cell.cell_type === 'code')
  .map((cell, i) => `// --- cell ${i + 1}\n${cell.source.join('')}`)
  .join('\n');
const script = join(here, '.notebook-cells.ts');
writeFileSync(script, code);
try {
  const deno = join(here, '..', '..', 'node_modules', '.bin', 'deno');
  const output = execFileSync(deno, ['run', '--config', join(here, 'deno.json'), '--no-prompt', script], {
    encoding: 'utf8',
    env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
  });
  process.stdout.write(output);
  if (!output.includes('lifetime value of') || !output.includes('(an SVG chart of')) {
    throw new Error('the notebook did not run to its last cell');
  }
  console.log('notebook ran: every code cell, in order');
} finally {
  rmSync(script, { force: true });
}
