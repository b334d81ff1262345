// Deno: the same package, typed, with Deno's own file APIs. Reads an orders CSV (or makes one), fits
// BG/NBD and writes an SVG of P(alive) by frequency and recency.
//   npm run build && deno run --config examples/deno/deno.json --allow-read --allow-write examples/deno/report.ts [orders.csv]
// In your own project: `deno add npm:patronage` and import from "patronage" as here.
// here the import map points at the built files, so the types are named explicitly; from npm they come with it
// @ts-types="../../dist/index.d.ts"
import { fitBgNbd, rfmSummary, type Transaction } from 'patronage';
// @ts-types="../../dist/svg.d.ts"
import { probabilityAliveMatrixSvg } from 'patronage/svg';

const DAY = 86_400_000;

function generated(): Transaction[] {
  const start = Date.UTC(2025, 0, 1);
  let seed = 5;
  const random = () => {
    seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
    return seed / 4_294_967_296;
  };
  const orders: Transaction[] = [];
  for (let c = 0; c < 2000; c++) {
    const gap = 5 + random() * 80;
    const dropout = 0.1 + 0.6 * random() ** 2;
    let at = start + random() * 120 * DAY;
    while (at < start + 365 * DAY) {
      orders.push({ customerId: `u${c}`, at, amount: 10 + (c % 50) });
      if (random() < dropout) break;
      at += -Math.log(1 - random()) * gap * DAY;
    }
  }
  return orders;
}

async function fromCsv(path: string): Promise<Transaction[]> {
  // customerId,at,amount with a header; a production reader streams (see the CLI) and reports bad rows
  const [header, ...lines] = (await Deno.readTextFile(path)).trim().split('\n');
  const columns = (header ?? '').split(',');
  const index = (name: string) => columns.indexOf(name);
  return lines.map((line) => {
    const fields = line.split(',');
    return {
      customerId: fields[index('customerId')] ?? '',
      at: fields[index('at')] ?? '',
      amount: Number(fields[index('amount')]),
    };
  });
}

const path = Deno.args[0];
const orders = path === undefined ? generated() : await fromCsv(path);
const summary = rfmSummary(orders, { unit: 'week' });
const fit = fitBgNbd(summary);
const T = Math.max(...summary.map((row) => row.T));
const svg = probabilityAliveMatrixSvg(fit, { T, maxFrequency: 12, recencySteps: 13 });
const out = await Deno.makeTempFile({ suffix: '.svg' });
await Deno.writeTextFile(out, svg);
const { r, alpha, a, b } = fit.params;
console.log(
  `deno: ${summary.length} customers, BG/NBD r=${r.toFixed(3)} alpha=${alpha.toFixed(3)} a=${a.toFixed(3)} b=${b.toFixed(3)} converged=${fit.converged}; chart ${svg.length} bytes at ${out}`,
);
