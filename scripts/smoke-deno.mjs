// Deno smoke test: the deno binary from the `deno` npm package runs a TypeScript file that imports the
// packed package from node_modules (--node-modules-dir=manual), offline.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installPackedPackage, root, run } from './lib.mjs';

const { consumer } = installPackedPackage();
writeFileSync(
  join(consumer, 'deno-main.ts'),
  `import { retentionRate, netPromoterScore, startOfPeriod, type PatronageEvent, parseEvents } from 'patronage';
import { segmentSizesSvg } from 'patronage/svg';
const events: readonly PatronageEvent[] = parseEvents([{ type: 'purchase', customerId: 'c1', at: '2024-03-01', amount: 5 }]).events;
const day = new Date(startOfPeriod('2024-10-27T12:00:00Z', 'day', { timeZone: 'Europe/Bucharest' })).toISOString();
console.log(\`deno retention=\${retentionRate({ customersAtStart: 20, customersAtEnd: 24, newCustomers: 5 })} nps=\${netPromoterScore([10, 0, 9])} events=\${events.length} day=\${day} svg=\${segmentSizesSvg({ a: 2, b: 1 }).startsWith('<svg')}\`);
`,
);
const output = run(
  join(root, 'node_modules', '.bin', 'deno'),
  ['run', '--no-prompt', '--node-modules-dir=manual', 'deno-main.ts'],
  {
    cwd: consumer,
    env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
  },
);
const expected = 'deno retention=0.95 nps=33.333333333333336 events=1 day=2024-10-26T21:00:00.000Z svg=true';
if (!output.includes(expected)) throw new Error(`deno smoke test: expected "${expected}", got ${output}`);
console.log(`deno smoke test passed: ${output.trim()}`);
