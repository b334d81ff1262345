// Consumer smoke test: the packed tarball, installed into a fresh project, is imported from ESM and CJS,
// type-checked from a .mts and a .cts file under module nodenext, and runs the formulas example.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installPackedPackage, root, run } from './lib.mjs';

const { consumer, files } = installPackedPackage();
const unexpected = files.filter(
  (file) =>
    !file.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'].includes(file),
);
if (unexpected.length > 0)
  throw new Error(`the tarball ships files users do not need: ${unexpected.join(', ')}`);

writeFileSync(
  join(consumer, 'esm.mjs'),
  `import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { retentionRate, isPatronageError, PatronageError } from 'patronage';
assert.equal(retentionRate({ customersAtStart: 20, customersAtEnd: 24, newCustomers: 5 }), 0.95);
const cjs = createRequire(import.meta.url)('patronage');
let thrown;
try { cjs.retentionRate({ customersAtStart: 0, customersAtEnd: 0, newCustomers: 0 }); } catch (error) { thrown = error; }
assert.equal(thrown instanceof PatronageError, true, 'instanceof works across the ESM and CJS copies (the brand)');
assert.equal(isPatronageError(thrown), true, 'isPatronageError recognises the other format\\'s error');
const { segmentSizesSvg } = await import('patronage/svg');
assert.ok(segmentSizesSvg({ a: 2, b: 1 }).startsWith('<svg'));
console.log('esm ok');
`,
);
writeFileSync(
  join(consumer, 'cjs.cjs'),
  `const assert = require('node:assert/strict');
const { churnRate, netPromoterScore } = require('patronage');
assert.equal(churnRate({ customersAtStart: 20, customersAtEnd: 24, newCustomers: 5 }), 0.05);
assert.equal(netPromoterScore([10, 9, 9, 8, 7, 6, 3, 10]), 25);
assert.ok(require('patronage/svg').segmentSizesSvg({ a: 1 }).includes('</svg>'));
console.log('cjs ok');
`,
);
const typed = `import { retentionRate, parseEvents, type PatronageEvent } from 'patronage';
const rate: number = retentionRate({ customersAtStart: 20, customersAtEnd: 24, newCustomers: 5 });
const events: readonly PatronageEvent[] = parseEvents([]).events;
export { rate, events };
`;
writeFileSync(join(consumer, 'typed.mts'), typed);
writeFileSync(join(consumer, 'typed.cts'), typed);
writeFileSync(
  join(consumer, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: {
      module: 'nodenext',
      moduleResolution: 'nodenext',
      target: 'es2022',
      strict: true,
      noEmit: true,
      types: [],
    },
    files: ['typed.mts', 'typed.cts'],
  }),
);

process.stdout.write(run('node', ['esm.mjs'], { cwd: consumer }));
process.stdout.write(run('node', ['cjs.cjs'], { cwd: consumer }));
run(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: consumer });
console.log('nodenext type-check of .mts and .cts consumers ok');
copyFileSync(join(root, 'examples', 'formulas.mjs'), join(consumer, 'formulas.mjs'));
process.stdout.write(run('node', ['formulas.mjs'], { cwd: consumer }));
// the installed bin: npx resolves it from node_modules/.bin
const help = run('npx', ['--no-install', 'patronage', '--help'], { cwd: consumer });
if (!help.includes('Exit codes:')) throw new Error(`patronage --help printed ${help}`);
// and its main job, end to end from the tarball: data, report with charts
const demo = run('npx', ['--no-install', 'patronage', 'demo', '--customers', '300', '--out-dir', 'demo'], {
  cwd: consumer,
});
const report = readFileSync(join(consumer, 'demo', 'report.html'), 'utf8');
if (!demo.includes('2 rows rejected') || (report.match(/<svg /g) ?? []).length < 7) {
  throw new Error(`patronage demo from the tarball: ${demo}`);
}
console.log('installed patronage binary ok: --help, and demo wrote a report with its charts');
console.log('consumer smoke test passed');
