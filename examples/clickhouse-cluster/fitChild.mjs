// One timed BG/NBD fit in a process of its own, for bench.mjs: reads its input (Float64Array columns written
// once by the benchmark) from a directory, fits it once, and sends back the wall time and the CPU time
// (process.cpuUsage, user + system) of the fit alone, with the fit's JSON so that the parent can check its
// bits. A fresh process holds nothing but its input: no other step's rows or results weigh on its heap.
//   node fitChild.mjs <directory> raw|histogram|objects      (run by bench.mjs through child_process.fork)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fitBgNbd } from 'patronage';

const [directory, kind] = process.argv.slice(2);
const column = (name) => {
  const bytes = readFileSync(join(directory, `${name}.f64`));
  // a copy into a buffer of its own: readFileSync may hand out a slice of a pooled buffer
  return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};
let input;
if (kind === 'histogram') {
  input = {
    frequency: column('histogram-frequency'),
    recency: column('histogram-recency'),
    T: column('histogram-T'),
    weight: column('histogram-weight'),
  };
} else {
  const frequency = column('raw-frequency');
  const recency = column('raw-recency');
  const T = column('raw-T');
  input =
    kind === 'raw'
      ? { frequency, recency, T }
      : // the shape rfmSummary returns and most callers hold
        Array.from(frequency, (x, i) => ({
          customerId: `c${i}`,
          frequency: x,
          recency: recency[i],
          T: T[i],
        }));
}
const cpu = process.cpuUsage();
const begun = performance.now();
const fit = fitBgNbd(input);
const wallMs = performance.now() - begun;
const used = process.cpuUsage(cpu);
process.send({ kind, wallMs, cpuMs: (used.user + used.system) / 1000, fit: JSON.stringify(fit) }, () =>
  process.exit(0),
);
